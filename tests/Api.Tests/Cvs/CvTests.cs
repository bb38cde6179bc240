using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Api.Tests.Identity;

namespace DongNai.Api.Tests.Cvs;

/// <summary>CVs: identity fields from the verified card alone, the owner's full view, and who sees a CV that is not discoverable.</summary>
public sealed class CvTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task MyCvs_ShowTheNameBirthDateAndAddressOfTheVerifiedCard()
    {
        var (worker, card) = await CvRequests.VerifiedWorkerAsync(factory);
        var id = await CvRequests.CreateCvAsync(worker, CvRequests.Cv());

        var mine = await worker.Client.GetFromJsonAsync<JsonElement>("/api/cvs/mine");

        var cv = Assert.Single(mine.EnumerateArray());
        Assert.Equal(id, cv.GetProperty("cv").GetProperty("id").GetInt64());
        var identity = cv.GetProperty("identity");
        Assert.Equal("Nguyễn Văn An", identity.GetProperty("fullName").GetString());
        Assert.Equal("1995-03-15", identity.GetProperty("dateOfBirth").GetString());
        Assert.Equal(card.Address, identity.GetProperty("address").GetString());
        Assert.Equal("Chăm chỉ, có thể tăng ca.", cv.GetProperty("summary").GetString());
    }

    [Theory]
    [InlineData("fullName", "Trần Thị Giả")]
    [InlineData("dateOfBirth", "2001-01-01")]
    [InlineData("address", "Số 1 Đường Giả, Biên Hòa")]
    public async Task Create_Answers400NamingTheField_WhenTheRequestTriesToSetAnIdentityField(string field, string value)
    {
        var (worker, _) = await CvRequests.VerifiedWorkerAsync(factory);
        var body = CvRequests.Cv();
        body[field] = value;

        var response = await worker.Client.PostAsJsonAsync("/api/cvs", body);

        await Problems.AssertFieldErrorAsync(response, field);
        Assert.Empty((await worker.Client.GetFromJsonAsync<JsonElement>("/api/cvs/mine")).EnumerateArray());
    }

    [Fact]
    public async Task Update_CannotOverrideTheIdentityFields_EvenOnAnExistingCv()
    {
        var (worker, card) = await CvRequests.VerifiedWorkerAsync(factory);
        var id = await CvRequests.CreateCvAsync(worker, CvRequests.Cv());
        var body = CvRequests.Cv();
        body["fullName"] = "Trần Thị Giả";

        var response = await worker.Client.PutAsJsonAsync($"/api/cvs/{id}", body);

        await Problems.AssertFieldErrorAsync(response, "fullName");
        var mine = await worker.Client.GetFromJsonAsync<JsonElement>("/api/cvs/mine");
        Assert.Equal("Nguyễn Văn An", mine[0].GetProperty("identity").GetProperty("fullName").GetString());
        Assert.Equal(card.Address, mine[0].GetProperty("identity").GetProperty("address").GetString());
    }

    [Fact]
    public async Task Create_Answers400NamingIdentity_WhenTheWorkerHasNoVerifiedCard()
    {
        var worker = await factory.SignUpAsync();
        await IdentityRequests.FillAsync(worker.Client, IdentityRequests.NewCard());

        var response = await worker.Client.PostAsJsonAsync("/api/cvs", CvRequests.Cv());

        await Problems.AssertFieldErrorAsync(response, "identity");
    }

    [Fact]
    public async Task Create_Answers400NamingTheSkill_WhenItCarriesAPhoneNumber()
    {
        var (worker, _) = await CvRequests.VerifiedWorkerAsync(factory);
        var body = CvRequests.Cv();
        body["skills"] = new System.Text.Json.Nodes.JsonArray("May công nghiệp", "Gọi 0912 345 678");

        var response = await worker.Client.PostAsJsonAsync("/api/cvs", body);

        await Problems.AssertFieldErrorAsync(response, "skills[1]");
    }

    [Fact]
    public async Task Get_ShowsANonDiscoverableCvToItsOwnerAlone_AndNeverItsIdentity()
    {
        var (worker, card) = await CvRequests.VerifiedWorkerAsync(factory);
        var employer = await factory.SignUpAsync("employer");
        var id = await CvRequests.CreateCvAsync(worker, CvRequests.Cv(discoverable: false));

        var asOwner = await worker.Client.GetAsync($"/api/cvs/{id}");
        var asEmployer = await employer.Client.GetAsync($"/api/cvs/{id}");
        var asAnonymous = await factory.CreateClient().GetAsync($"/api/cvs/{id}");

        Assert.Equal(HttpStatusCode.OK, asOwner.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, asEmployer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, asAnonymous.StatusCode);
        var body = await asOwner.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Nguyễn Văn An", body, StringComparison.Ordinal);
        Assert.DoesNotContain(card.Address, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CvKind_HasNoPublicSearchRoute_AndStaysOutOfTheSearchAcrossKinds()
    {
        var (worker, _) = await CvRequests.VerifiedWorkerAsync(factory);
        var employer = await factory.SignUpAsync("employer");
        var (accented, folded) = CvRequests.NewWord();
        var id = await CvRequests.CreateCvAsync(worker, CvRequests.Cv($"Công nhân {accented}"));
        Assert.True(await CvRequests.PollCandidatesAsync(employer, $"q={folded}", ids => ids.Contains(id)), "Arrange: the CV never became searchable by employers.");
        var anonymous = factory.CreateClient();

        var ownRoute = await anonymous.GetAsync($"/api/search/cvs?q={folded}");
        var acrossKinds = await anonymous.GetFromJsonAsync<JsonElement>($"/api/search?q={folded}");
        var acrossKindsSignedIn = await employer.Client.GetFromJsonAsync<JsonElement>($"/api/search?q={folded}");
        var suggest = await anonymous.GetFromJsonAsync<JsonElement>($"/api/suggest?q={folded}");
        var related = await anonymous.GetAsync($"/api/cvs/{id}/related");

        Assert.Equal(HttpStatusCode.NotFound, ownRoute.StatusCode);
        Assert.Equal(0, acrossKinds.GetProperty("total").GetInt32());
        Assert.Equal(0, acrossKindsSignedIn.GetProperty("total").GetInt32());
        Assert.Empty(suggest.EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, related.StatusCode);
    }
}
