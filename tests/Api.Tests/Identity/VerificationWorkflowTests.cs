using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Domain.People;

namespace DongNai.Api.Tests.Identity;

public sealed class VerificationWorkflowTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Submit_Answers409_BeforeTheCardIsFilled()
    {
        var worker = await factory.SignUpAsync();

        var response = await IdentityRequests.SubmitAsync(worker.Client);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("unverified", await StatusAsync(worker));
    }

    [Fact]
    public async Task Submit_MakesTheProfilePending_AndStoresThePhotosEncrypted()
    {
        var worker = await factory.SignUpAsync();
        await IdentityRequests.FillAsync(worker.Client, IdentityRequests.NewCard());
        var idPhoto = IdentityRequests.Jpeg(0x3C);
        var selfie = IdentityRequests.Png(0x4D);

        var response = await worker.Client.PostAsync("/api/identity/verification", IdentityRequests.Photos(idPhoto, "image/jpeg", selfie, "image/png"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("pending", await StatusAsync(worker));
        var files = await factory.ReadDatabaseFilesAsync();
        Assert.True(files.AsSpan().IndexOf(idPhoto.AsSpan(0, 64)) < 0, "The ID photo's bytes are in the database files.");
        Assert.True(files.AsSpan().IndexOf(selfie.AsSpan(0, 64)) < 0, "The selfie's bytes are in the database files.");
    }

    [Fact]
    public async Task Submit_Answers409_WhilePending()
    {
        var worker = await factory.SignUpAsync();
        await IdentityRequests.FillAndSubmitAsync(worker.Client);

        var again = await IdentityRequests.SubmitAsync(worker.Client);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory]
    [InlineData("text/plain", "idPhoto")]
    [InlineData("image/png", "idPhoto")]
    public async Task Submit_Answers400_WhenThePhotoIsNotTheImageItClaims(string idType, string field)
    {
        var worker = await factory.SignUpAsync();
        await IdentityRequests.FillAsync(worker.Client, IdentityRequests.NewCard());

        var response = await worker.Client.PostAsync("/api/identity/verification", IdentityRequests.Photos(IdentityRequests.Jpeg(1), idType, IdentityRequests.Png(2), "image/png"));

        await Problems.AssertFieldErrorAsync(response, field);
        Assert.Equal("unverified", await StatusAsync(worker));
    }

    [Fact]
    public async Task Submit_Answers400_WhenAPhotoIsOverTheLimit()
    {
        var worker = await factory.SignUpAsync();
        await IdentityRequests.FillAsync(worker.Client, IdentityRequests.NewCard());
        byte[] large = [0xFF, 0xD8, 0xFF, .. new byte[(2 * 1024 * 1024) + 1]];

        var response = await worker.Client.PostAsync("/api/identity/verification", IdentityRequests.Photos(large, "image/jpeg", IdentityRequests.Png(2), "image/png"));

        await Problems.AssertFieldErrorAsync(response, "idPhoto");
    }

    [Fact]
    public async Task Submit_Answers400NamingBothPhotos_WhenNoneIsSent()
    {
        var worker = await factory.SignUpAsync();
        await IdentityRequests.FillAsync(worker.Client, IdentityRequests.NewCard());

        var response = await worker.Client.PostAsync("/api/identity/verification", new MultipartFormDataContent { { new StringContent("x"), "note" } });

        await Problems.AssertFieldErrorAsync(response, "idPhoto");
        await Problems.AssertFieldErrorAsync(response, "selfie");
    }

    [Fact]
    public async Task Review_IsForAgencyStaff_NotForWorkersOrEmployers()
    {
        var person = await factory.SignUpAsync();
        await IdentityRequests.FillAndSubmitAsync(person.Client);
        var id = await IdentityRequests.SubmissionIdAsync(factory, person.AccountId);
        var worker = await factory.SignUpAsync();
        var employer = await factory.SignUpAsync("employer");

        foreach (var client in new[] { worker.Client, employer.Client, person.Client })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/identity/verification/queue")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/identity/verification/{id}/id-photo")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/identity/verification/{id}/approve", new { reason = "ok" })).StatusCode);
        }

        Assert.Equal("pending", await StatusAsync(person));
    }

    /// <summary>
    /// unverified → pending → rejected (with reason, reviewer, time; photos deleted) → pending again
    /// → verified (photos deleted), and the verified badge appears on the person's listings.
    /// </summary>
    [Fact]
    public async Task Workflow_RejectsThenVerifiesOnResubmission_DeletingThePhotosAtEachDecision()
    {
        var person = await factory.SignUpAsync();
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        var card = await IdentityRequests.FillAndSubmitAsync(person.Client);
        var first = await IdentityRequests.SubmissionIdAsync(factory, person.AccountId);

        var queue = await staff.Client.GetFromJsonAsync<JsonElement>("/api/identity/verification/queue");
        var item = queue.EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == first);
        var idPhoto = await staff.Client.GetAsync($"/api/identity/verification/{first}/id-photo");
        var selfie = await staff.Client.GetAsync($"/api/identity/verification/{first}/selfie");
        var rejected = await staff.Client.PostAsJsonAsync($"/api/identity/verification/{first}/reject", new { reason = "Ảnh chân dung bị mờ." });
        var afterReject = await factory.WithDbAsync(async db => (await db.Profiles.FindAsync(person.AccountId))!);
        var photoAfterReject = await staff.Client.GetAsync($"/api/identity/verification/{first}/id-photo");
        var rejectedView = await person.Client.GetFromJsonAsync<JsonElement>("/api/me/identity");

        Assert.Equal("Nguyễn Văn An", item.GetProperty("fullName").GetString());
        Assert.Equal(card.Number[^4..], item.GetProperty("cccdNumberEnding").GetString());
        Assert.DoesNotContain(card.Number, queue.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(IdentityRequests.Jpeg(0x5A), await idPhoto.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/jpeg", idPhoto.Content.Headers.ContentType?.MediaType);
        Assert.Equal(IdentityRequests.Png(0x6B), await selfie.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NoContent, rejected.StatusCode);
        Assert.Equal(VerificationStatus.Rejected, afterReject.Verification);
        Assert.Equal(staff.AccountId, afterReject.VerificationDecidedBy);
        Assert.Equal(ApiFactory.Start.UtcDateTime, afterReject.VerificationDecidedAt);
        Assert.Equal(HttpStatusCode.NotFound, photoAfterReject.StatusCode);
        Assert.Equal("rejected", rejectedView.GetProperty("verification").GetProperty("status").GetString());
        Assert.Equal("Ảnh chân dung bị mờ.", rejectedView.GetProperty("verification").GetProperty("reason").GetString());
        Assert.Equal(0, await SubmissionsOfAsync(person.AccountId));

        var resubmitted = await IdentityRequests.SubmitAsync(person.Client);
        var second = await IdentityRequests.SubmissionIdAsync(factory, person.AccountId);
        var pendingAgain = await StatusAsync(person);
        var approved = await staff.Client.PostAsJsonAsync($"/api/identity/verification/{second}/approve", new { reason = (string?)null });
        var rental = await person.Client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental());
        var seenByOthers = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/rentals/{(await Problems.ReadAsync(rental)).GetProperty("id").GetInt64()}");
        var me = await person.Client.GetFromJsonAsync<JsonElement>("/api/accounts/me");

        Assert.Equal(HttpStatusCode.OK, resubmitted.StatusCode);
        Assert.Equal("pending", pendingAgain);
        Assert.Equal(HttpStatusCode.NoContent, approved.StatusCode);
        Assert.Equal("verified", await StatusAsync(person));
        Assert.Equal(0, await SubmissionsOfAsync(person.AccountId));
        Assert.True(seenByOthers.GetProperty("ownerVerified").GetBoolean());
        Assert.True(me.GetProperty("identityVerified").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await IdentityRequests.SubmitAsync(person.Client)).StatusCode);
    }

    [Fact]
    public async Task Reject_Answers400_WithoutAReason()
    {
        var person = await factory.SignUpAsync();
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        await IdentityRequests.FillAndSubmitAsync(person.Client);
        var id = await IdentityRequests.SubmissionIdAsync(factory, person.AccountId);

        var response = await staff.Client.PostAsJsonAsync($"/api/identity/verification/{id}/reject", new { reason = " " });

        await Problems.AssertFieldErrorAsync(response, "reason");
        Assert.Equal("pending", await StatusAsync(person));
    }

    [Fact]
    public async Task Decide_Answers403_WhenTheReviewerDecidesTheirOwnSubmission()
    {
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        await IdentityRequests.FillAndSubmitAsync(staff.Client);
        var id = await IdentityRequests.SubmissionIdAsync(factory, staff.AccountId);

        var response = await staff.Client.PostAsJsonAsync($"/api/identity/verification/{id}/approve", new { reason = "ok" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("pending", await StatusAsync(staff));
    }

    [Fact]
    public async Task Decide_Answers404_ForASubmissionAlreadyDecided()
    {
        var person = await factory.SignUpAsync();
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        await IdentityRequests.FillAndSubmitAsync(person.Client);
        var id = await IdentityRequests.SubmissionIdAsync(factory, person.AccountId);
        await staff.Client.PostAsJsonAsync($"/api/identity/verification/{id}/approve", new { reason = "ok" });

        var again = await staff.Client.PostAsJsonAsync($"/api/identity/verification/{id}/reject", new { reason = "Đổi ý." });

        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("verified", await StatusAsync(person));
    }

    [Fact]
    public async Task Fill_WithAnotherCard_MakesAVerifiedProfileUnverified()
    {
        var person = await factory.SignUpAsync();
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        await IdentityRequests.FillAndSubmitAsync(person.Client);
        await staff.Client.PostAsJsonAsync($"/api/identity/verification/{await IdentityRequests.SubmissionIdAsync(factory, person.AccountId)}/approve", new { reason = "ok" });

        var refilled = await IdentityRequests.FillAsync(person.Client, IdentityRequests.NewCard());

        Assert.Equal(HttpStatusCode.OK, refilled.StatusCode);
        Assert.Equal("unverified", await StatusAsync(person));
    }

    private static async Task<string?> StatusAsync(SignedInClient person) =>
        (await person.Client.GetFromJsonAsync<JsonElement>("/api/me/identity")).GetProperty("verification").GetProperty("status").GetString();

    private Task<int> SubmissionsOfAsync(long accountId) =>
        factory.WithDbAsync(db => Task.FromResult(db.VerificationSubmissions.Count(s => s.AccountId == accountId)));
}
