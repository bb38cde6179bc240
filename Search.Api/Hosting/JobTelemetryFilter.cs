using System.Diagnostics;
using Hangfire.Server;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// Hangfire has no OpenTelemetry instrumentation, so this server filter gives every job run a span
/// of <see cref="SearchTelemetry"/> named after the job (<c>OutboxDrainJob.RunAsync</c>), with the
/// job's id and outcome, and a point of <see cref="SearchTelemetry.JobDuration"/> tagged with the
/// job and the outcome (succeeded, failed, canceled). The job runs inside the span, so its database
/// calls and indexing spans are its children.
/// </summary>
/// <remarks>
/// Hangfire calls <see cref="OnPerforming"/> and <see cref="OnPerformed"/> on the worker's thread
/// around the job (an async job is awaited there), so the span is the current activity throughout.
/// Job arguments are never recorded. Thread-safe: state lives in the job's own context items.
/// </remarks>
internal sealed class JobTelemetryFilter : IServerFilter
{
    private const string ActivityItem = "dongnai.telemetry.activity";
    private const string StartedItem = "dongnai.telemetry.started";

    public void OnPerforming(PerformingContext context)
    {
        var job = JobName(context);
        var activity = SearchTelemetry.ActivitySource.StartActivity(job);
        if (activity is not null)
        {
            activity.SetTag(SearchTelemetry.Tags.JobType, job).SetTag(SearchTelemetry.Tags.JobId, context.BackgroundJob.Id);
            context.Items[ActivityItem] = activity;
        }

        context.Items[StartedItem] = Stopwatch.GetTimestamp();
    }

    public void OnPerformed(PerformedContext context)
    {
        var outcome = context.Exception switch
        {
            null when context.Canceled => "canceled",
            null => "succeeded",
            OperationCanceledException or JobAbortedException => "canceled",
            _ => "failed",
        };

        if (context.Items.TryGetValue(StartedItem, out var started) && started is long timestamp)
        {
            SearchTelemetry.JobDuration.Record(
                SearchTelemetry.SecondsSince(timestamp),
                new KeyValuePair<string, object?>(SearchTelemetry.Tags.JobType, JobName(context)),
                new KeyValuePair<string, object?>(SearchTelemetry.Tags.Outcome, outcome));
        }

        if (context.Items.TryGetValue(ActivityItem, out var item) && item is Activity activity)
        {
            activity.SetTag(SearchTelemetry.Tags.Outcome, outcome);
            if (outcome == "failed")
            {
                // The type only: a message may quote data the job was working on.
                activity.SetStatus(ActivityStatusCode.Error, context.Exception!.GetBaseException().GetType().Name);
            }

            activity.Dispose();
        }
    }

    private static string JobName(PerformContext context) =>
        context.BackgroundJob.Job is { } job ? $"{job.Type.Name}.{job.Method.Name}" : "unknown";
}
