using System.Net;
using System.Net.Http.Json;
using DongNai.Api.Tests.Reliability;
using DongNai.Domain.People;

namespace DongNai.Api.Tests.Identity;

/// <summary>The service with appsettings.json's rules of which actions need a verified identity (the other test hosts turn them off).</summary>
public sealed class VerifiedRulesApi : IDisposable
{
    public ApiFactory Factory { get; } = new() { VerificationRequired = true };

    public void Dispose() => Factory.Dispose();
}

public sealed class VerificationRulesTests(VerifiedRulesApi api) : IClassFixture<VerifiedRulesApi>
{
    [Fact]
    public async Task CreateRental_Answers403VerificationRequired_WhenTheWorkerIsUnverified()
    {
        var worker = await api.Factory.SignUpAsync();

        var response = await worker.Client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await Problems.ReadAsync(response);
        Assert.Equal("urn:dongnai:problem:verification-required", problem.GetProperty("type").GetString());
        Assert.Equal("PostRental", problem.GetProperty("action").GetString());
        Assert.Equal(0, await api.Factory.WithDbAsync(db => Task.FromResult(db.Set<Domain.Listings.Rentals.Rental>().Count(r => r.OwnerId == worker.AccountId))));
    }

    [Fact]
    public async Task CreateJob_Answers403VerificationRequired_WhenTheEmployerIsUnverified()
    {
        var employer = await api.Factory.SignUpAsync("employer");
        var company = await employer.Client.PostAsJsonAsync("/api/employers", AuthorizationScene.Company());
        var companyId = (await Problems.ReadAsync(company)).GetProperty("id").GetInt64();

        var response = await employer.Client.PostAsJsonAsync("/api/jobs", ListingPayloads.Job(companyId));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("PostJob", (await Problems.ReadAsync(response)).GetProperty("action").GetString());
    }

    [Fact]
    public async Task CreateClassified_Succeeds_WhenUnverified_AsItsRuleIsOff()
    {
        var worker = await api.Factory.SignUpAsync();

        var response = await worker.Client.PostAsJsonAsync("/api/classifieds", ListingPayloads.Classified());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task CreateRental_Succeeds_OnceTheWorkerIsVerified()
    {
        var worker = await api.Factory.SignUpAsync();
        var staff = await api.Factory.SignUpAsAsync(Role.AgencyStaff);
        await IdentityRequests.FillAndSubmitAsync(worker.Client);
        var pending = await worker.Client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental());
        var id = await IdentityRequests.SubmissionIdAsync(api.Factory, worker.AccountId);
        await staff.Client.PostAsJsonAsync($"/api/identity/verification/{id}/approve", new { reason = "ok" });

        var verified = await worker.Client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental());

        Assert.Equal(HttpStatusCode.Forbidden, pending.StatusCode);
        Assert.Equal(HttpStatusCode.Created, verified.StatusCode);
        Assert.True((await Problems.ReadAsync(verified)).GetProperty("ownerVerified").GetBoolean());
    }

    [Fact]
    public async Task Apply_Answers403VerificationRequired_WhenTheWorkerIsUnverified()
    {
        var worker = await api.Factory.SignUpAsync();

        var response = await worker.Client.PostAsJsonAsync("/api/applications", new { jobId = 1, cvId = 1 });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Apply", (await Problems.ReadAsync(response)).GetProperty("action").GetString());
    }

    [Fact]
    public async Task CreateCv_Answers403VerificationRequired_WhenTheWorkerIsUnverified()
    {
        var worker = await api.Factory.SignUpAsync();

        var response = await worker.Client.PostAsJsonAsync("/api/cvs", Cvs.CvRequests.Cv());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("PostCv", (await Problems.ReadAsync(response)).GetProperty("action").GetString());
    }
}
