using System.ComponentModel.DataAnnotations;

namespace DongNai.Search.Api.Hosting;

/// <summary>Where the embedded default keeps its files (section <c>Storage</c>): the SQLite database, Hangfire's database, keys and the Lucene index.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    [Required]
    public string DataPath { get; set; } = "data";

    public string DatabasePath => Path.Combine(DataPath, "dongnai.db");

    public string HangfirePath => Path.Combine(DataPath, "hangfire.db");

    public string KeyFolder => Path.Combine(DataPath, "keys");

    public string IndexPath => Path.Combine(DataPath, "index");
}

/// <summary>The demo data written on first start when the database has no listings (section <c>Seed</c>).</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>How many listings to seed on first start; 0 turns first-start seeding off.</summary>
    [Range(0, 5_000_000)]
    public int DemoListings { get; set; } = 20_000;

    public int Seed { get; set; } = 2025;
}

/// <summary>Per-client request budgets (section <c>RateLimits</c>), a fixed one-minute window each.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [Range(1, 1_000_000)]
    public int AuthPerMinute { get; set; } = 20;

    [Range(1, 1_000_000)]
    public int WritesPerMinute { get; set; } = 120;

    /// <summary>
    /// Event batches (<c>POST /api/events</c>), apart from listing writes so that a scrolling app
    /// never uses up its owner's budget for posting. Anonymous apps share their IP address's
    /// budget, hence the room: many phones behind one carrier NAT.
    /// </summary>
    [Range(1, 1_000_000)]
    public int EventBatchesPerMinute { get; set; } = 600;
}
