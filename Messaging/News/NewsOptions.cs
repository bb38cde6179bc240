using System.ComponentModel.DataAnnotations;
using DongNai.Domain.Listings.News;

namespace DongNai.Messaging.News;

/// <summary>One newspaper's or broadcaster's feed (RSS 2.0 or Atom), read from a URL or a file.</summary>
public sealed class NewsSource
{
    /// <summary>A short stable code (<c>baodongnai</c>): lower-case letters, digits and hyphens.</summary>
    public string Code { get; set; } = "";

    /// <summary>The name readers know (<c>Báo Đồng Nai</c>); shown on every article and used as the search facet.</summary>
    public string Name { get; set; } = "";

    /// <summary>An absolute http(s) URL, or a file path (absolute, or relative to the service's folder).</summary>
    public string Url { get; set; } = "";

    /// <summary>Where the source's articles are placed on the map: its newsroom, unless an article names a commune.</summary>
    public double Latitude { get; set; }

    public double Longitude { get; set; }

    /// <summary>The commune of the newsroom (GSO code), if any.</summary>
    public string? CommuneCode { get; set; }
}

/// <summary>The <c>News</c> configuration section: the feeds to import and the importer's limits.</summary>
public sealed class NewsOptions : IValidatableObject
{
    public const string Section = "News";

    public List<NewsSource> Sources { get; set; } = [];

    /// <summary>How often the import runs, as a cron expression (Hangfire refuses a bad one at start); every 30 minutes by default.</summary>
    public string Schedule { get; set; } = "*/30 * * * *";

    /// <summary>The largest feed read, in bytes; a larger one is refused as an error of that source.</summary>
    public int MaxFeedBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Entries taken from one feed per run, newest first.</summary>
    public int MaxEntriesPerFeed { get; set; } = 200;

    /// <summary>How far apart in publication two articles with near-identical titles may be and still count as one story.</summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long one feed may take to download.</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The problems of this configuration, one per bad value, named by its configuration key; none when it is valid.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Problems().Select(problem => new ValidationResult(problem));

    private List<string> Problems()
    {
        var problems = new List<string>();
        if (MaxFeedBytes < 1024 || MaxEntriesPerFeed < 1 || DuplicateWindow < TimeSpan.Zero || FetchTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:MaxFeedBytes (at least 1024), MaxEntriesPerFeed (at least 1), DuplicateWindow and FetchTimeout must be positive.");
        }

        for (var i = 0; i < Sources.Count; i++)
        {
            var source = Sources[i];
            var key = $"{Section}:Sources:{i}";
            if (source.Code is not { Length: > 0 and <= 50 } || !source.Code.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
            {
                problems.Add($"{key}:Code must be 1 to 50 lower-case letters, digits or hyphens.");
            }
            else if (source.Code == NewsRequest.ManualSource || Sources.Take(i).Any(s => s.Code == source.Code))
            {
                problems.Add($"{key}:Code '{source.Code}' is used twice or reserved.");
            }

            if (source.Name is not { Length: >= 2 } || source.Name.Length > NewsArticle.MaxSourceLength)
            {
                problems.Add($"{key}:Name must be 2 to {NewsArticle.MaxSourceLength} characters.");
            }

            if (string.IsNullOrWhiteSpace(source.Url))
            {
                problems.Add($"{key}:Url is required (an http(s) URL or a file path).");
            }

            if (!Domain.Places.ProvinceBounds.Contains(source.Latitude, source.Longitude))
            {
                problems.Add($"{key}:Latitude and Longitude must lie in or near Đồng Nai.");
            }
        }

        return problems;
    }
}
