using Hangfire.Logging;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// Hangfire logs through one process-wide provider that <c>AddHangfire</c> sets once per process,
/// over the first host's logger factory. When a process outlives that host (the API tests start a
/// host per test class), logging through its disposed factory would throw inside Hangfire's
/// storage and job code; this wrapper drops such a message instead. A production process has one
/// host, for which it changes nothing.
/// </summary>
internal sealed class DisposalTolerantLogProvider(ILogProvider inner) : ILogProvider
{
    public ILog GetLogger(string name)
    {
        try
        {
            return new TolerantLog(inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new TolerantLog(null);
        }
    }

    private sealed class TolerantLog(ILog? log) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string> messageFunc, Exception exception)
        {
            try
            {
                return log?.Log(logLevel, messageFunc, exception) ?? false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
