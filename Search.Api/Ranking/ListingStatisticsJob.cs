using DongNai.Domain;
using DongNai.Ranking.Features;
using Hangfire;

namespace DongNai.Search.Api.Ranking;

/// <summary>
/// Loads <see cref="ListingStatistics"/> (verified owners, position-weighted impressions) from the
/// database and swaps them into the <see cref="ListingStatisticsHolder"/> the feature extractor
/// reads, so the service scores with the features the model was trained on. Runs at start and every
/// <see cref="Schedule"/>; until the first run ends, features see no statistics (no listing
/// verified, click-through from raw impressions), as before. A failure is retried by Hangfire with
/// its back-off and leaves the previous statistics in place; it never stops the service.
/// </summary>
public sealed partial class ListingStatisticsJob(AppDbContext db, ListingStatisticsHolder holder, TimeProvider time, ILogger<ListingStatisticsJob> logger)
{
    public const string RecurringId = "ranking-listing-statistics";

    /// <summary>Every 10 minutes.</summary>
    public const string Schedule = "*/10 * * * *";

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var statistics = await ListingStatisticsLoader.LoadAsync(db, time.GetUtcNow().UtcDateTime, cancellationToken);
        holder.Swap(statistics);
        Refreshed(logger, statistics.VerifiedCount, statistics.ExaminedCount);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ranking statistics refreshed: {Verified} listings of verified owners, {Examined} listings with impressions")]
    private static partial void Refreshed(ILogger logger, int verified, int examined);
}
