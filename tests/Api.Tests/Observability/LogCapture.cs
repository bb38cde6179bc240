using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace DongNai.Api.Tests.Observability;

/// <summary>One log line as a host wrote it: category, level, message, exception and the values of its scopes.</summary>
public sealed record LogLine(string Category, LogLevel Level, string Message, string? Exception, IReadOnlyList<KeyValuePair<string, object?>> Scopes)
{
    /// <summary>The value of the innermost scope entry named <paramref name="name"/> (e.g. TraceId, RequestPath), or null.</summary>
    public string? Scope(string name) =>
        Scopes.LastOrDefault(pair => pair.Key == name) is { Key: not null } found ? Convert.ToString(found.Value, CultureInfo.InvariantCulture) : null;

    /// <summary>Everything a log sink could write for this line, as one text to scan.</summary>
    public string Text
    {
        get
        {
            var text = new StringBuilder().Append(Level).Append(' ').Append(Category).Append(": ").Append(Message);
            foreach (var (key, value) in Scopes)
            {
                text.Append(" | ").Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture));
            }

            return Exception is null ? text.ToString() : text.Append(Environment.NewLine).Append(Exception).ToString();
        }
    }
}

/// <summary>
/// A logger provider that keeps every line of one host, at every level and category it is given
/// (the factory sends it everything from Debug up), with its scopes, for the tests to read and for
/// the personal-data scan when the factory is disposed. Thread-safe.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogLine> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<LogLine> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
        // The lines outlive the host: they are scanned after it has stopped.
    }

    private void Add(string category, LogLevel level, string message, Exception? exception)
    {
        var scopes = new List<KeyValuePair<string, object?>>();
        _scopes.ForEachScope(
            (scope, list) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    list.AddRange(pairs);
                }
                else if (scope is not null)
                {
                    list.Add(new KeyValuePair<string, object?>("Scope", scope.ToString()));
                }
            },
            scopes);
        _lines.Enqueue(new LogLine(category, level, message, exception?.ToString(), scopes));
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            capture.Add(category, logLevel, formatter(state, exception), exception);
        }
    }
}
