using DongNai.Domain;
using DongNai.Ranking.Learning;
using Hangfire;

namespace DongNai.Search.Api.Ranking;

/// <summary>
/// The recurring training of the re-ranker: replays the last <see cref="DaysOfEvents"/> days of
/// signed-in requests with engagement, trains, evaluates on the later part against the current
/// model, the engine order and popularity, and promotes only a winner (<see cref="RankerTraining"/>).
/// A failure is retried by Hangfire with its back-off and never stops the service.
/// </summary>
public sealed class RankerTrainingJob(EventReplay replay, RankerTraining training, AppDbContext db, TimeProvider time)
{
    public const string RecurringId = "ranker-training";

    /// <summary>Every night at 03:30 UTC.</summary>
    public const string Schedule = "30 3 * * *";

    public const int DaysOfEvents = 30;

    [AutomaticRetry(Attempts = 3)]
    public async Task<RankingModelInfo?> RunAsync(CancellationToken cancellationToken)
    {
        var groups = await replay.BuildAsync(db, time.GetUtcNow().UtcDateTime.AddDays(-DaysOfEvents), cancellationToken);
        return training.TrainAndPromote(groups);
    }
}

public static class RankingHosting
{
    /// <summary>
    /// Swaps in the stored current model, if any, schedules the nightly training, and schedules the
    /// listing statistics' refresh, triggered once now so they are loaded soon after start.
    /// </summary>
    public static void StartRanking(this IServiceProvider services)
    {
        services.GetRequiredService<RankingModelHost>().LoadCurrent();
        var jobs = services.GetRequiredService<IRecurringJobManager>();
        jobs.AddOrUpdate<RankerTrainingJob>(RankerTrainingJob.RecurringId, job => job.RunAsync(CancellationToken.None), RankerTrainingJob.Schedule);
        jobs.AddOrUpdate<ListingStatisticsJob>(ListingStatisticsJob.RecurringId, job => job.RunAsync(CancellationToken.None), ListingStatisticsJob.Schedule);
        jobs.Trigger(ListingStatisticsJob.RecurringId);
    }
}
