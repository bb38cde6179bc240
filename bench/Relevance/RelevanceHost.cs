using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace DongNai.Relevance;

/// <summary>
/// The real service hosted in process over a fresh temp data folder, seeded with the deterministic
/// demo data (<paramref name="listings"/> listings, <paramref name="seed"/>) on first start, its
/// clock fixed at <see cref="Now"/> so that the data, expiry and freshness are the same on every run.
/// Dispose deletes the folder. Not thread-safe to create; its clients may be used concurrently.
/// </summary>
public sealed class RelevanceHost(int listings, int seed) : WebApplicationFactory<Program>
{
    /// <summary>The service's clock: Monday 2 November 2026, 08:00 in Vietnam (the date the demo data is made for).</summary>
    public static DateTimeOffset Now { get; } = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "dongnai-relevance", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataPath", DataPath);
        builder.UseSetting("Seed:DemoListings", listings.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Seed:Seed", seed.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:AuthPerMinute", "1000000");
        builder.UseSetting("RateLimits:WritesPerMinute", "1000000");
        builder.UseSetting("RateLimits:EventBatchesPerMinute", "1000000");
        builder.UseSetting("RateLimits:SearchPerMinute", "1000000");
        builder.UseSetting("RateLimits:SearchBurst", "1000000");
        builder.UseSetting("RateLimits:SearchConcurrentPerClient", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        // Warnings and errors only; "not ready" while the index catches up is expected here, not news.
        builder.ConfigureLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(new FixedClock(Now));
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // Hangfire may still hold its file for a moment; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>
    /// A clock that always reads one instant; timers and delays still run on real time (the base
    /// implementation), so background loops keep working.
    /// </summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
