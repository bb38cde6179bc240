using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Listings.News;
using DongNai.Domain.Outbox;
using DongNai.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Messaging.News;

/// <summary>What one source's import did; <see cref="Error"/> says why a source could not be read at all.</summary>
public sealed record NewsSourceReport(string Source, int Read, int Imported, int Duplicates, int Skipped, string? Error);

/// <summary>What one run did, source by source.</summary>
public sealed record NewsImportReport(IReadOnlyList<NewsSourceReport> Sources)
{
    public int Imported => Sources.Sum(s => s.Imported);

    public bool Failed => Sources.Any(s => s.Error is not null);
}

/// <summary>
/// Imports the configured feeds (<see cref="NewsOptions.Sources"/>) as news articles. Each source is
/// read, parsed and stored on its own: one that cannot be fetched or parsed is reported and logged,
/// and the others still import; a bad entry is skipped and the rest of its feed still imports. An
/// article is new unless one with the same link exists, or one whose title tells the same story
/// (<see cref="NewsTitles.SameStory"/>) was published within <see cref="NewsOptions.DuplicateWindow"/>
/// of it, from any source. The articles of one source and their outbox rows are written in one
/// transaction, so they reach the index as any listing does. Imported articles belong to the first
/// administrator account (the service's own); without one, nothing is imported.
/// Runs are not meant to overlap (the recurring job forbids it): two at once could both add a story.
/// </summary>
public sealed partial class NewsImporter(
    AppDbContext db, NewsOptions options, IHttpClientFactory httpClients, TimeProvider time, ILogger<NewsImporter> logger)
{
    /// <summary>The named <see cref="HttpClient"/> feeds are fetched with.</summary>
    public const string HttpClientName = "news-feeds";

    public async Task<NewsImportReport> ImportAsync(CancellationToken cancellationToken)
    {
        var owner = await db.Accounts.AsNoTracking().Where(a => a.Role == Role.Admin).OrderBy(a => a.Id)
            .Select(a => (long?)a.Id).FirstOrDefaultAsync(cancellationToken);
        var reports = new List<NewsSourceReport>();
        foreach (var source in options.Sources)
        {
            if (owner is not { } ownerId)
            {
                LogNoOwner(logger, source.Code);
                reports.Add(new NewsSourceReport(source.Code, 0, 0, 0, 0, "No administrator account exists to own imported articles."));
                continue;
            }

            try
            {
                var now = time.GetUtcNow().UtcDateTime;
                var parsed = NewsFeedParser.Parse(await ReadAsync(source, cancellationToken), now, options.MaxEntriesPerFeed);
                foreach (var reason in parsed.Skipped)
                {
                    LogEntrySkipped(logger, source.Code, reason);
                }

                var (imported, duplicates) = await StoreAsync(source, ownerId, parsed.Entries, now, cancellationToken);
                LogImported(logger, source.Code, parsed.Entries.Count, imported, duplicates, parsed.Skipped.Count);
                reports.Add(new NewsSourceReport(source.Code, parsed.Entries.Count + parsed.Skipped.Count, imported, duplicates, parsed.Skipped.Count, null));
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                db.ChangeTracker.Clear();
                LogSourceFailed(logger, exception, source.Code);
                reports.Add(new NewsSourceReport(source.Code, 0, 0, 0, 0, exception.Message));
            }
        }

        return new NewsImportReport(reports);
    }

    private async Task<string> ReadAsync(NewsSource source, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(source.Url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.FetchTimeout);
            var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            response.EnsureSuccessStatusCode();
            if (response.Content.Headers.ContentLength > options.MaxFeedBytes)
            {
                throw new InvalidDataException($"The feed is larger than {options.MaxFeedBytes} bytes.");
            }

            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            var bytes = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, timeout.Token)) > 0)
            {
                if (bytes.Length + read > options.MaxFeedBytes)
                {
                    throw new InvalidDataException($"The feed is larger than {options.MaxFeedBytes} bytes.");
                }

                bytes.Write(buffer, 0, read);
            }

            bytes.Position = 0;
            using var reader = new StreamReader(bytes, detectEncodingFromByteOrderMarks: true);
            return await reader.ReadToEndAsync(timeout.Token);
        }

        var path = Path.GetFullPath(source.Url, AppContext.BaseDirectory);
        if (new FileInfo(path).Length > options.MaxFeedBytes)
        {
            throw new InvalidDataException($"The feed is larger than {options.MaxFeedBytes} bytes.");
        }

        return await File.ReadAllTextAsync(path, cancellationToken);
    }

    private async Task<(int Imported, int Duplicates)> StoreAsync(
        NewsSource source, long ownerId, IReadOnlyList<NewsEntry> entries, DateTime now, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return (0, 0);
        }

        var links = entries.Select(e => e.Link).Distinct().ToList();
        var knownLinks = (await db.Set<NewsArticle>().AsNoTracking().Where(a => links.Contains(a.Link)).Select(a => a.Link).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var from = entries.Min(e => e.PublishedAt) - options.DuplicateWindow;
        var to = entries.Max(e => e.PublishedAt) + options.DuplicateWindow;
        var stories = await db.Set<NewsArticle>().AsNoTracking().Where(a => a.PublishedAt >= from && a.PublishedAt <= to)
            .Select(a => new Story(a.TitleKey, a.PublishedAt)).ToListAsync(cancellationToken);

        var articles = new List<NewsArticle>();
        var duplicates = 0;
        foreach (var entry in entries.OrderBy(e => e.PublishedAt))
        {
            var key = NewsTitles.Key(entry.Title);
            if (!knownLinks.Add(entry.Link)
                || stories.Any(s => (s.PublishedAt - entry.PublishedAt).Duration() <= options.DuplicateWindow && NewsTitles.SameStory(s.TitleKey, key)))
            {
                duplicates++;
                continue;
            }

            stories.Add(new Story(key, entry.PublishedAt));
            articles.Add(new NewsArticle
            {
                OwnerId = ownerId,
                Title = entry.Title,
                TitleKey = key,
                Description = entry.Summary,
                SourceCode = source.Code,
                SourceName = source.Name,
                Link = entry.Link,
                ImageUrl = entry.ImageUrl,
                PublishedAt = entry.PublishedAt,
                CommuneCode = source.CommuneCode,
                Latitude = source.Latitude,
                Longitude = source.Longitude,
                CreatedAt = now,
                UpdatedAt = now,
                Version = 1,
            });
        }

        if (articles.Count == 0)
        {
            return (0, duplicates);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Set<NewsArticle>().AddRange(articles);
        await db.SaveChangesAsync(cancellationToken);
        db.Outbox.AddRange(articles.Select(a => new OutboxEntry
        {
            Kind = ListingKind.News,
            ListingId = a.Id,
            Version = a.Version,
            Operation = OutboxOperation.Upsert,
            CreatedAt = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (articles.Count, duplicates);
    }

    private sealed record Story(string TitleKey, DateTime PublishedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "News from {Source}: {Entries} entries, {Imported} imported, {Duplicates} duplicates, {Skipped} skipped")]
    private static partial void LogImported(ILogger logger, string source, int entries, int imported, int duplicates, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "News from {Source}: {Reason}, skipped")]
    private static partial void LogEntrySkipped(ILogger logger, string source, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "News from {Source} could not be imported; the other sources still are")]
    private static partial void LogSourceFailed(ILogger logger, Exception exception, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "News from {Source} not imported: no administrator account exists to own the articles")]
    private static partial void LogNoOwner(ILogger logger, string source);
}
