using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DongNai.Api.Tests.Identity;

public sealed class CccdAutofillTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Parse_AnswersEveryField_ForAValidCard()
    {
        var worker = await factory.SignUpAsync();
        var card = IdentityRequests.NewCard();

        var response = await worker.Client.PostAsJsonAsync("/api/identity/cccd-qr/parse", new { text = "  " + card.QrText + "|\n" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Problems.ReadAsync(response);
        Assert.Equal(card.Number, body.GetProperty("cccdNumber").GetString());
        Assert.Equal("272345678", body.GetProperty("oldIdNumber").GetString());
        Assert.Equal("Nguyễn Văn An", body.GetProperty("fullName").GetString());
        Assert.Equal("1995-03-15", body.GetProperty("dateOfBirth").GetString());
        Assert.Equal("male", body.GetProperty("gender").GetString());
        Assert.Equal(card.Address, body.GetProperty("address").GetString());
        Assert.Equal("2021-04-20", body.GetProperty("issueDate").GetString());
    }

    [Theory]
    [InlineData("075195123456|272345678|Nguyễn Văn An|15031995|Nam|Biên Hòa|20042021", "cccdNumber")]
    [InlineData("075095123456|272345678|Nguyễn Văn An|31021995|Nam|Biên Hòa|20042021", "dateOfBirth")]
    [InlineData("075095123456|272345678|Nguyễn Văn An|15031995|Nam|Biên Hòa|01011990", "issueDate")]
    [InlineData("075095123456|27234|Nguyễn Văn An|15031995|Nam|Biên Hòa|20042021", "oldIdNumber")]
    [InlineData("075095123456|272345678|Nguyễn Văn An|15031995|Không|Biên Hòa|20042021", "gender")]
    [InlineData("075095123456|272345678|Nguyễn Văn An", "text")]
    public async Task Parse_Answers400NamingTheField_WhenAFieldIsWrong(string text, string field)
    {
        var worker = await factory.SignUpAsync();

        var response = await worker.Client.PostAsJsonAsync("/api/identity/cccd-qr/parse", new { text });

        await Problems.AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task Fill_StoresTheCard_AndShowsItToItsOwnerAlone()
    {
        var owner = await factory.SignUpAsync();
        var other = await factory.SignUpAsync();
        var card = IdentityRequests.NewCard();

        var filled = await IdentityRequests.FillAsync(owner.Client, card);
        var mine = await owner.Client.GetFromJsonAsync<JsonElement>("/api/me/identity");
        var theirs = await other.Client.GetFromJsonAsync<JsonElement>("/api/me/identity");

        Assert.Equal(HttpStatusCode.OK, filled.StatusCode);
        Assert.Equal(card.Number, mine.GetProperty("card").GetProperty("cccdNumber").GetString());
        Assert.Equal("1995-03-15", mine.GetProperty("card").GetProperty("dateOfBirth").GetString());
        Assert.Equal(card.Address, mine.GetProperty("card").GetProperty("address").GetString());
        Assert.Equal("unverified", mine.GetProperty("verification").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, theirs.GetProperty("card").ValueKind);
    }

    [Fact]
    public async Task Fill_RecordsTheAutofillConsent()
    {
        var owner = await factory.SignUpAsync();

        await IdentityRequests.FillAsync(owner.Client, IdentityRequests.NewCard());
        var consents = await owner.Client.GetFromJsonAsync<JsonElement>("/api/me/consents");

        var autofill = consents.EnumerateArray().Single(c => c.GetProperty("purpose").GetString() == "profileAutofill");
        Assert.True(autofill.GetProperty("granted").GetBoolean());
        Assert.Equal(ApiFactory.Start, autofill.GetProperty("grantedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Fill_Answers400_WithoutConsent()
    {
        var owner = await factory.SignUpAsync();

        var response = await owner.Client.PostAsJsonAsync("/api/identity/cccd-qr", new { text = IdentityRequests.NewCard().QrText, consent = false });

        await Problems.AssertFieldErrorAsync(response, "consent");
    }

    [Fact]
    public async Task Fill_Answers409_WhenAnotherAccountHoldsTheCard()
    {
        var first = await factory.SignUpAsync();
        var second = await factory.SignUpAsync();
        var card = IdentityRequests.NewCard();
        await IdentityRequests.FillAsync(first.Client, card);

        var response = await IdentityRequests.FillAsync(second.Client, card);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("cccdNumber", (await Problems.ReadAsync(response)).GetProperty("field").GetString());
        var theirs = await second.Client.GetFromJsonAsync<JsonElement>("/api/me/identity");
        Assert.Equal(JsonValueKind.Null, theirs.GetProperty("card").ValueKind);
    }

    [Fact]
    public async Task Fill_AgainWithTheSameCard_Succeeds()
    {
        var owner = await factory.SignUpAsync();
        var card = IdentityRequests.NewCard();
        await IdentityRequests.FillAsync(owner.Client, card);

        var again = await IdentityRequests.FillAsync(owner.Client, card);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => Task.FromResult(db.IdentityCards.Count(c => c.AccountId == owner.AccountId))));
    }

    /// <summary>
    /// The number, the address and the date of birth are only ciphertext at rest, in the database
    /// and its WAL; they are not in the search index either (the whole data folder is read), nor in
    /// another person's view of the owner's listing. Logs are checked by the factory on dispose.
    /// </summary>
    [Fact]
    public async Task Fill_KeepsTheCardOutOfEveryFileAndOutOfOtherPeoplesResponses()
    {
        var owner = await factory.SignUpAsync();
        var card = IdentityRequests.NewCard();
        await IdentityRequests.FillAsync(owner.Client, card);
        var marker = "zetaquarent" + Guid.NewGuid().ToString("N")[..6];
        var rental = ListingPayloads.Rental();
        rental["title"] = $"Phòng trọ {marker} gần KCN Amata";
        var created = await owner.Client.PostAsJsonAsync("/api/rentals", rental);
        var id = (await Problems.ReadAsync(created)).GetProperty("id").GetInt64();
        Assert.True(await SearchableAsync(marker), "Arrange: the owner's rental never became searchable.");

        var files = await IdentityRequests.ReadDataFolderAsync(factory);
        var seenByOthers = await factory.CreateClient().GetStringAsync($"/api/rentals/{id}");
        var searchByNumber = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/search?q={card.Number}");

        IdentityRequests.AssertAbsent(files, card.Number, "the data folder");
        IdentityRequests.AssertAbsent(files, card.Address, "the data folder");
        IdentityRequests.AssertAbsent(files, "1995-03-15", "the data folder");
        Assert.True(files.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(marker)) >= 0, "The check reads the files that hold listings: the marker must be there.");
        Assert.DoesNotContain(card.Number, seenByOthers, StringComparison.Ordinal);
        Assert.DoesNotContain("Nguyễn Văn An", seenByOthers, StringComparison.Ordinal);
        Assert.Equal(0, searchByNumber.GetProperty("total").GetInt32());
    }

    private async Task<bool> SearchableAsync(string marker)
    {
        var client = factory.CreateClient();
        var clock = Stopwatch.StartNew();
        do
        {
            var body = await client.GetFromJsonAsync<JsonElement>($"/api/search/rentals?q={marker}&understand=false");
            if (body.GetProperty("total").GetInt32() == 1)
            {
                return true;
            }

            await Task.Delay(25);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(30));

        return false;
    }
}
