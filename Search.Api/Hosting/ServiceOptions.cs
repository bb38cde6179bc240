using System.ComponentModel.DataAnnotations;
using DongNai.Domain;

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

/// <summary>
/// Which database holds the system of record (section <c>Database</c>): the SQLite file in the data
/// folder by default; PostgreSQL with its server in <c>ConnectionStrings:Database</c>, for several
/// instances. Hangfire keeps its jobs in the same place (its own file, or the <c>hangfire</c> schema).
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public const string ConnectionStringName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

/// <summary>The demo data written on first start when the database has no listings (section <c>Seed</c>).</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>How many listings to seed on first start; 0 turns first-start seeding off.</summary>
    [Range(0, 5_000_000)]
    public int DemoListings { get; set; } = 20_000;

    public int Seed { get; set; } = 2025;

    /// <summary>Whether the start adds the committed public-service catalogue entries the database lacks (Civic/PublicServices/Data).</summary>
    public bool PublicServiceCatalogue { get; set; } = true;
}

/// <summary>
/// Per-client request budgets (section <c>RateLimits</c>). Auth, refresh, writes and events have a
/// fixed one-minute window each; search has a token bucket and a concurrency limit. Auth, refresh
/// and search are keyed on the client address whatever token is sent; writes and events on the account when
/// signed in. Many phones behind one carrier NAT share an address, hence the room in the defaults.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [Range(1, 1_000_000)]
    public int AuthPerMinute { get; set; } = 20;

    /// <summary>Token refreshes and sign-outs per client address and minute, apart from <see cref="AuthPerMinute"/>.</summary>
    [Range(1, 1_000_000)]
    public int RefreshPerMinute { get; set; } = 60;

    [Range(1, 1_000_000)]
    public int WritesPerMinute { get; set; } = 120;

    /// <summary>
    /// Event batches (<c>POST /api/events</c>), apart from listing writes so that a scrolling app
    /// never uses up its owner's budget for posting. Anonymous apps share their IP address's
    /// budget, hence the room: many phones behind one carrier NAT.
    /// </summary>
    [Range(1, 1_000_000)]
    public int EventBatchesPerMinute { get; set; } = 600;

    /// <summary>Sustained searches (search, suggest, related) per client address and minute.</summary>
    [Range(1, 1_000_000)]
    public int SearchPerMinute { get; set; } = 600;

    /// <summary>Searches a client address may send at once above the sustained rate (the bucket's size).</summary>
    [Range(1, 1_000_000)]
    public int SearchBurst { get; set; } = 100;

    /// <summary>Searches of one client address running at the same time.</summary>
    [Range(1, 100_000)]
    public int SearchConcurrentPerClient { get; set; } = 4;

    /// <summary>Searches of one client address waiting for a running one to finish; past it, 429.</summary>
    [Range(0, 100_000)]
    public int SearchQueuePerClient { get; set; } = 16;

    /// <summary>Messages (text, pictures, shared phone numbers) per account and minute.</summary>
    [Range(1, 1_000_000)]
    public int MessagesPerMinute { get; set; } = 30;

    /// <summary>Conversation starts and person look-ups per account and minute.</summary>
    [Range(1, 1_000_000)]
    public int ConversationStartsPerMinute { get; set; } = 10;

    /// <summary>Gateway callbacks (VNPay IPN and return, MoMo IPN) per client address and minute: a gateway calls from a few addresses.</summary>
    [Range(1, 1_000_000)]
    public int GatewayCallbacksPerMinute { get; set; } = 600;
}

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed
/// (section <c>ForwardedHeaders</c>). Empty by default: forwarded headers are then ignored, so no
/// client can choose the address its rate limits are keyed on.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>127.0.0.1</c> for a proxy on the same host.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/8</c>.</summary>
    public IList<string> KnownNetworks { get; } = [];

    public bool Any => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !System.Net.IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"'{proxy}' is not an IP address.", [nameof(KnownProxies)]);
        }

        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"'{network}' is not a network in CIDR notation.", [nameof(KnownNetworks)]);
        }
    }
}
