using DongNai.Indexers;
using DongNai.Messaging;
using DongNai.Messaging.News;
using Hangfire;

namespace DongNai.Search.Api.News;

/// <summary>
/// Imports the configured news feeds on <see cref="NewsOptions.Schedule"/>, then wakes the indexer
/// so the articles are searchable at once. A source that fails does not stop the others; the run
/// then ends by throwing, so Hangfire tries it again after a growing pause besides the next
/// scheduled run. Runs never overlap, across instances too (a storage lock).
/// </summary>
public sealed class NewsImportJob(IServiceScopeFactory scopes, IndexingTrigger indexing)
{
    public const string RecurringId = "news-import";

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<NewsImportReport> RunAsync(CancellationToken cancellationToken)
    {
        NewsImportReport report;
        await using (var scope = scopes.CreateAsyncScope())
        {
            report = await scope.ServiceProvider.GetRequiredService<NewsImporter>().ImportAsync(cancellationToken);
        }

        if (report.Imported > 0)
        {
            indexing.Poke();
        }

        if (report.Failed)
        {
            var failed = report.Sources.Where(s => s.Error is not null).Select(s => $"{s.Source}: {s.Error}");
            throw new InvalidOperationException($"News sources could not be imported ({string.Join("; ", failed)}); the others were.");
        }

        return report;
    }
}

/// <summary>The news importer in the host: its options, services and schedule.</summary>
public static class NewsHosting
{
    public static void AddNewsImportApi(this IServiceCollection services, NewsOptions options)
    {
        services.AddNewsImport(options);
        services.AddSingleton<NewsImportJob>();
    }

    /// <summary>Schedules the import (idempotent: replaces the schedule of an earlier start); none while no source is configured.</summary>
    public static void ScheduleNewsImport(this IServiceProvider services)
    {
        var jobs = services.GetRequiredService<IRecurringJobManager>();
        var options = services.GetRequiredService<NewsOptions>();
        if (options.Sources.Count == 0)
        {
            jobs.RemoveIfExists(NewsImportJob.RecurringId);
            return;
        }

        jobs.AddOrUpdate<NewsImportJob>(NewsImportJob.RecurringId, job => job.RunAsync(CancellationToken.None), options.Schedule);
    }
}
