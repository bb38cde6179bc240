using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DongNai.Payments.Orders;

/// <summary>
/// Each minute, expires the open orders past their time; each gives back what it held (a voucher
/// claim's unit). Every order is its own transaction and scope, so one that fails is logged and
/// the others still expire; a run with failures ends by throwing, and Hangfire tries it again
/// after a growing pause (<see cref="AutomaticRetryAttribute"/>), besides the next minute's run.
/// Nothing here can stop the service.
/// </summary>
public sealed partial class OrderExpiryJob(IServiceScopeFactory scopes, ILogger<OrderExpiryJob> logger)
{
    public const string RecurringId = "order-expiry";

    /// <summary>Orders handled per batch; the run continues while whole batches come back.</summary>
    public const int BatchSize = 100;

    /// <summary>Expires every due order; returns how many it expired.</summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var expired = 0;
        var failed = new HashSet<long>();
        while (true)
        {
            List<long> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                due = await scope.ServiceProvider.GetRequiredService<OrderWorkflow>().DueForExpiryAsync(BatchSize + failed.Count, cancellationToken);
            }

            due.RemoveAll(failed.Contains);
            if (due.Count == 0)
            {
                break;
            }

            foreach (var orderId in due)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    if (await scope.ServiceProvider.GetRequiredService<OrderWorkflow>().ExpireAsync(orderId, cancellationToken))
                    {
                        expired++;
                    }
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    failed.Add(orderId);
                    LogExpiryFailed(logger, exception, orderId);
                }
            }
        }

        if (expired > 0)
        {
            LogExpired(logger, expired);
        }

        return failed.Count == 0
            ? expired
            : throw new InvalidOperationException($"{failed.Count} orders could not be expired this run; they are tried again.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired {Count} unpaid orders")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Expiring order {OrderId} failed; it is tried again on the next run")]
    private static partial void LogExpiryFailed(ILogger logger, Exception exception, long orderId);
}
