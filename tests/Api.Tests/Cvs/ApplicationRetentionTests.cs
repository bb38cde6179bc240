using System.Net.Http.Json;
using DongNai.Domain.People;
using DongNai.Identity.Cvs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DongNai.Api.Tests.Cvs;

/// <summary>Its own service: the test moves the clock months ahead.</summary>
public sealed class RetentionApi : IDisposable
{
    public ApiFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}

/// <summary>Retention erases the applications of candidates not hired once their period has run out, and nothing else.</summary>
public sealed class ApplicationRetentionTests(RetentionApi api) : IClassFixture<RetentionApi>
{
    [Fact]
    public async Task EraseDue_ErasesRejectedAndStaleUndecidedApplications_AndKeepsHiredAndRecentOnes()
    {
        var factory = api.Factory;
        var options = factory.Services.GetRequiredService<IOptions<RetentionOptions>>().Value;
        var (owner, job) = await CvRequests.EmployerWithJobAsync(factory);
        var rejected = await ApplyAsync(factory, job);
        var hired = await ApplyAsync(factory, job);
        var shortlisted = await ApplyAsync(factory, job);
        var rejectedLater = await ApplyAsync(factory, job);
        await MoveAsync(owner, rejected, "rejected");
        await MoveAsync(owner, hired, "shortlisted");
        await MoveAsync(owner, hired, "hired");
        await MoveAsync(owner, shortlisted, "shortlisted");
        var start = factory.Clock.GetUtcNow().UtcDateTime;
        await factory.WithDbAsync(async db =>
        {
            var later = await db.JobApplications.FindAsync(rejectedLater);
            later!.Status = ApplicationStatus.Rejected;
            later.DecidedAt = start.AddDays(options.RejectedApplicationsDays - 10);
            return await db.SaveChangesAsync();
        });

        factory.Clock.Advance(TimeSpan.FromDays(options.RejectedApplicationsDays + 1));
        var firstErased = await EraseAsync(factory);
        var afterFirst = await RemainingAsync(factory);
        factory.Clock.Advance(TimeSpan.FromDays(options.UndecidedApplicationsDays - options.RejectedApplicationsDays));
        var secondErased = await EraseAsync(factory);
        var afterSecond = await RemainingAsync(factory);

        Assert.Equal(1, firstErased);
        Assert.Equal([hired, shortlisted, rejectedLater], afterFirst);
        Assert.Equal(2, secondErased);
        Assert.Equal([hired], afterSecond);
    }

    private static async Task<long> ApplyAsync(ApiFactory factory, long job)
    {
        var (worker, _) = await CvRequests.VerifiedWorkerAsync(factory);
        var cv = await CvRequests.CreateCvAsync(worker, CvRequests.Cv(discoverable: false));
        var response = await worker.Client.PostAsJsonAsync("/api/applications", new { jobId = job, cvId = cv });
        Assert.True(response.IsSuccessStatusCode, $"Arrange: applying answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await Problems.ReadAsync(response)).GetProperty("id").GetInt64();
    }

    private static async Task MoveAsync(SignedInClient owner, long id, string status)
    {
        var response = await owner.Client.PostAsJsonAsync($"/api/applications/{id}/status", new { status });
        Assert.True(response.IsSuccessStatusCode, $"Arrange: moving to {status} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<int> EraseAsync(ApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationRetention>().EraseDueAsync(CancellationToken.None);
    }

    private static Task<List<long>> RemainingAsync(ApiFactory factory) =>
        factory.WithDbAsync(db => Task.FromResult(db.JobApplications.OrderBy(a => a.Id).Select(a => a.Id).ToList()));
}
