using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using DongNai.Domain;
using DongNai.Domain.Civic.PublicServices;
using DongNai.Domain.Outbox;
using DongNai.Domain.Validation;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Civic.PublicServices;

/// <summary>
/// The committed catalogue of procedures (<c>PublicServices/Data/public-services.json</c>): the three
/// that take applications here with their requirements, and others that link out to the National
/// Public Service Portal. Where each value comes from, and that it must be checked before
/// production: <c>docs/civic.md</c>.
/// </summary>
public static partial class PublicServiceCatalogue
{
    public const string ResourceName = "public-services.json";

    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The entries of the committed file, each checked as a staff request is (a bad entry fails the start, naming it).</summary>
    public static IReadOnlyList<(string Key, PublicServiceRequest Request)> Entries(DateTime now)
    {
        using var stream = typeof(PublicServiceCatalogue).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded catalogue {ResourceName} is missing.");
        var entries = new List<(string, PublicServiceRequest)>();
        foreach (var node in JsonNode.Parse(stream)!.AsArray())
        {
            var entry = node!.AsObject();
            var key = (string?)entry["key"] ?? throw new InvalidOperationException("A catalogue entry has no key.");
            entry.Remove("key");
            var request = entry.Deserialize<PublicServiceRequest>(FileJson)!;
            var errors = new FieldErrors();
            request.Validate(errors, now);
            if (!errors.IsEmpty)
            {
                throw new InvalidOperationException($"The catalogue entry '{key}' is invalid: {string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
            }

            entries.Add((key, request));
        }

        return entries;
    }

    /// <summary>
    /// Adds the entries of the file the database does not have yet (by key), each with its outbox row
    /// so the indexer picks it up; owned by no account (0), so only a later staff edit through the
    /// database changes them. Idempotent; returns how many it added.
    /// </summary>
    public static async Task<int> SeedAsync(AppDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var present = await db.Set<PublicService>().Where(s => s.CatalogueKey != null).Select(s => s.CatalogueKey!).ToListAsync(cancellationToken);
        var missing = Entries(now).Where(e => !present.Contains(e.Key)).ToList();
        if (missing.Count == 0)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var added = new List<PublicService>();
        foreach (var (key, request) in missing)
        {
            var service = new PublicService { OwnerId = 0, CatalogueKey = key, CreatedAt = now, UpdatedAt = now, Version = 1 };
            request.ApplyTo(service, now, isNew: true);
            db.Add(service);
            added.Add(service);
        }

        await db.SaveChangesAsync(cancellationToken);
        db.Outbox.AddRange(added.Select(s => new OutboxEntry
        {
            Kind = s.Kind,
            ListingId = s.Id,
            Version = s.Version,
            Operation = OutboxOperation.Upsert,
            CreatedAt = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added.Count;
    }
}
