namespace DongNai.Search.Elasticsearch;

/// <summary>Configuration of the scale-out engine (<c>Search:Elasticsearch</c>). Validated by <see cref="Validate"/> on start.</summary>
public sealed class ElasticsearchOptions
{
    public const string Section = "Search:Elasticsearch";

    /// <summary>The cluster's address, e.g. <c>https://search.internal:9200</c>.</summary>
    public string Url { get; set; } = "http://localhost:9200";

    /// <summary>Basic authentication; leave both null for an unsecured cluster or when <see cref="ApiKey"/> is set.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>An encoded API key (<c>Authorization: ApiKey …</c>); wins over <see cref="Username"/>/<see cref="Password"/>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The SHA-256 fingerprint of the cluster's CA certificate (as Elasticsearch prints it on first
    /// start): pins a self-signed certificate instead of turning validation off.
    /// </summary>
    public string? CertificateFingerprint { get; set; }

    /// <summary>Prefix of every alias and index this service owns: <c>{prefix}-{kind slug}</c>. Several services may share a cluster.</summary>
    public string IndexPrefix { get; set; } = "dongnai";

    /// <summary>Shards and replicas of each kind's index; one shard keeps facet counts and BM25 statistics exact.</summary>
    public int Shards { get; set; } = 1;

    public int Replicas { get; set; }

    /// <summary>How many times a request answered with 429 or 5xx (or not answered) is sent again.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Pause before the first retry; doubled for each further one (with jitter).</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a cursor's point in time stays open between two pages.</summary>
    public TimeSpan PointInTimeKeepAlive { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Documents per bulk request during a rebuild.</summary>
    public int RebuildBatchSize { get; set; } = 1_000;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"{Section}:Url must be an absolute http or https address.");
        }

        if (string.IsNullOrWhiteSpace(IndexPrefix) || !IndexPrefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new InvalidOperationException($"{Section}:IndexPrefix must be lower-case letters, digits and hyphens.");
        }

        if ((Username is null) != (Password is null))
        {
            throw new InvalidOperationException($"{Section}:Username and {Section}:Password go together.");
        }

        if (Shards < 1 || Replicas < 0 || MaxRetries < 0 || RetryBackoff < TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero
            || PointInTimeKeepAlive < TimeSpan.FromSeconds(1) || RebuildBatchSize < 1)
        {
            throw new InvalidOperationException($"{Section}: shards, replicas, retries, timeouts and batch size must be positive.");
        }
    }
}
