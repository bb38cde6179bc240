using System.Net;
using System.Net.Http.Json;
using DongNai.Api.Tests.Identity;
using DongNai.Domain.People;
using static DongNai.Api.Tests.Civic.Feedback.FeedbackRequests;

namespace DongNai.Api.Tests.Civic.Feedback;

/// <summary>Posting feedback under appsettings.json's rule that it needs a verified identity.</summary>
public sealed class FeedbackVerificationTests(VerifiedRulesApi api) : IClassFixture<VerifiedRulesApi>
{
    [Fact]
    public async Task Create_Answers403VerificationRequired_UntilTheCitizenIsVerified()
    {
        var citizen = await api.Factory.SignUpAsync();

        var unverified = await citizen.Client.PostAsJsonAsync("/api/feedback/reports", Report());
        await api.Factory.WithDbAsync(async db =>
        {
            var profile = await db.Profiles.FindAsync(citizen.AccountId);
            profile!.Verification = VerificationStatus.Verified;
            return await db.SaveChangesAsync();
        });
        var verified = await citizen.Client.PostAsJsonAsync("/api/feedback/reports", Report());

        Assert.Equal(HttpStatusCode.Forbidden, unverified.StatusCode);
        var problem = await Problems.ReadAsync(unverified);
        Assert.Equal("urn:dongnai:problem:verification-required", problem.GetProperty("type").GetString());
        Assert.Equal("Feedback", problem.GetProperty("action").GetString());
        Assert.Equal(HttpStatusCode.Created, verified.StatusCode);
        Assert.Equal(1, await api.Factory.WithDbAsync(db => Task.FromResult(db.FeedbackReports.Count(r => r.OwnerId == citizen.AccountId))));
    }
}
