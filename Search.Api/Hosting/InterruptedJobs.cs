using Hangfire;
using Hangfire.Server;
using Hangfire.States;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// Marks as failed the background jobs that a stopped process left in the Processing state (a
/// rebuild killed mid-run), so the dashboard tells the truth and an admin can requeue them.
/// Without this Hangfire shows them as Processing until the storage's invisibility timeout (30
/// minutes for the SQLite storage) and then runs them again unannounced.
/// </summary>
/// <remarks>
/// Runs at start, before this process's Hangfire server starts, on the SQLite job storage in the
/// data folder: one process at a time owns that folder (the index's write lock enforces it), so
/// every job still Processing then belongs to a process that is gone. A shared storage (several
/// instances) would need the server heartbeats instead; that is not this storage.
/// The state changes only if the job is still Processing, and the job's own retry filter applies
/// (<see cref="AutomaticRetryAttribute"/>), as after any failure.
/// </remarks>
public static partial class InterruptedJobs
{
    /// <summary>Fails every job left Processing; returns how many.</summary>
    public static int FailLeftovers(JobStorage storage, IBackgroundJobClient jobs, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(jobs);
        var monitoring = storage.GetMonitoringApi();
        var count = (int)Math.Min(monitoring.ProcessingCount(), int.MaxValue);
        if (count == 0)
        {
            return 0;
        }

        var failed = 0;
        foreach (var (id, job) in monitoring.ProcessingJobs(0, count))
        {
            var reason = $"Interrupted: the process that ran it on server {job.ServerId} stopped before it finished.";
            if (jobs.ChangeState(id, new FailedState(new JobAbortedException()) { Reason = reason }, ProcessingState.StateName))
            {
                failed++;
                LogFailed(logger, id, job.Job?.ToString() ?? "?", job.ServerId);
            }
        }

        return failed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marked job {JobId} ({Job}) failed: it was left Processing by server {ServerId}, which is gone")]
    private static partial void LogFailed(ILogger logger, string jobId, string job, string serverId);
}
