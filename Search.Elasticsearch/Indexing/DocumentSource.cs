using System.Text.Json.Nodes;
using DongNai.Domain.Listings;
using DongNai.Domain.Text;

namespace DongNai.Search.Elasticsearch.Indexing;

/// <summary>
/// Turns a <see cref="SearchDocument"/> into the JSON source of its Elasticsearch document, and
/// orders writes by external versions. Text is composed (NFC) here, and the accent-keeping title
/// given canonical tone placement, since stock analysis components cannot do either. Pure; thread-safe.
/// </summary>
internal static class DocumentSource
{
    private const int MaxSuggestLength = 100;
    private const int MaxSuggestSuffixes = 4;

    /// <summary>
    /// The external version of an upsert of listing version <paramref name="version"/>. Upserts take
    /// even numbers and deletions odd ones, written with <c>version_type=external_gte</c>: an upsert
    /// replaces the same version (a replay is idempotent), a deletion wins over the upsert of its own
    /// version, and an upsert of the deleted version or an older one is refused (409, a no-op).
    /// </summary>
    public static long UpsertVersion(int version) => (long)version * 2;

    /// <summary>The external version of a deletion as of <paramref name="version"/> (see <see cref="UpsertVersion"/>).</summary>
    public static long DeleteVersion(int version) => ((long)version * 2) + 1;

    public static string IdOf(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static void Validate(SearchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!Enum.IsDefined(document.Kind))
        {
            throw new ArgumentException($"Unknown listing kind {document.Kind}.", nameof(document));
        }

        if (document.Title is null)
        {
            throw new ArgumentException($"Listing {document.Kind} {document.Id} has no title.", nameof(document));
        }

        if (document.Latitude.HasValue != document.Longitude.HasValue
            || document.Latitude is < -90 or > 90 or double.NaN
            || document.Longitude is < -180 or > 180 or double.NaN)
        {
            throw new ArgumentException($"Listing {document.Kind} {document.Id} has an invalid location.", nameof(document));
        }

        if (document.PriceMin > document.PriceMax || document.PriceMin.HasValue != document.PriceMax.HasValue)
        {
            throw new ArgumentException($"Listing {document.Kind} {document.Id} has an invalid price range.", nameof(document));
        }

        if (document.DeparturesMinuteOfDay?.Any(m => m is < 0 or >= 1440) == true)
        {
            throw new ArgumentException($"Listing {document.Kind} {document.Id} has a departure outside 0–1439.", nameof(document));
        }

        if (document.Keywords.Keys.FirstOrDefault(field => !DocumentFields.IsValidKeywordField(field)) is { } bad)
        {
            throw new ArgumentException($"Keyword field '{bad}' must be 1–64 ASCII letters or digits.", nameof(document));
        }
    }

    /// <summary>The source of a live listing.</summary>
    public static JsonObject Of(SearchDocument document)
    {
        var title = VietnameseText.Compose(document.Title);
        var source = new JsonObject
        {
            [DocumentFields.Kind] = document.Kind.Slug(),
            [DocumentFields.KindCode] = (int)document.Kind,
            [DocumentFields.Id] = document.Id,
            [DocumentFields.Live] = true,
            [DocumentFields.Title] = document.Title,
            [DocumentFields.TitleText] = title,
            [DocumentFields.TitleAccented] = VietnameseText.Normalize(title),
            [DocumentFields.UpdatedAt] = UnixMilliseconds(document.UpdatedAt),
            [DocumentFields.TitleWords] = ToArray(TitleWords(title)),
            [DocumentFields.Suggest] = ToArray(new[] { Display(document.Title) }.Concat(document.SuggestTerms.Select(Display)).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)),
            [DocumentFields.SuggestKeys] = ToArray(SuggestKeys(document.Title, document.SuggestTerms)),
        };
        if (!string.IsNullOrWhiteSpace(document.Description))
        {
            source[DocumentFields.Description] = VietnameseText.Compose(document.Description);
        }

        if (!string.IsNullOrWhiteSpace(document.ExtraText))
        {
            source[DocumentFields.Extra] = VietnameseText.Compose(document.ExtraText);
        }

        if (document.Latitude is { } latitude && document.Longitude is { } longitude)
        {
            source[DocumentFields.Location] = new JsonObject { ["lat"] = latitude, ["lon"] = longitude };
        }

        if (document.PriceMin is { } priceMin && document.PriceMax is { } priceMax)
        {
            source[DocumentFields.PriceMin] = priceMin;
            source[DocumentFields.PriceMax] = priceMax;
        }

        if (document.AreaM2 is { } area && double.IsFinite(area))
        {
            source[DocumentFields.Area] = area;
        }

        if (document.ExpiresAt is { } expires)
        {
            source[DocumentFields.ExpiresAt] = UnixMilliseconds(expires);
        }

        if (document.QuantityRemaining is 0)
        {
            source[DocumentFields.SoldOut] = true;
        }

        if (document.DeparturesMinuteOfDay is { Count: > 0 } departures)
        {
            source[DocumentFields.Departures] = ToArray(departures.Distinct().Order());
        }

        var popularity = document.Popularity;
        if (popularity != ListingPopularity.None)
        {
            source[DocumentFields.Popularity] = new JsonObject
            {
                ["impressions"] = popularity.Impressions,
                ["views"] = popularity.Views,
                ["clicks"] = popularity.Clicks,
                ["saves"] = popularity.Saves,
                ["applies"] = popularity.Applies,
                ["claims"] = popularity.Claims,
                ["contacts"] = popularity.Contacts,
            };
        }

        var keywords = new JsonObject();
        foreach (var (field, values) in document.Keywords.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (values.Count > 0)
            {
                keywords[field] = ToArray(values.Distinct(StringComparer.Ordinal));
            }
        }

        source[DocumentFields.Keywords] = keywords;
        return source;
    }

    /// <summary>What remains of a deleted listing: its identity, invisible to every search; its version is the document's external version.</summary>
    public static JsonObject Tombstone(ListingKind kind, long id) => new()
    {
        [DocumentFields.Kind] = kind.Slug(),
        [DocumentFields.KindCode] = (int)kind,
        [DocumentFields.Id] = id,
        [DocumentFields.Live] = false,
    };

    public static long UnixMilliseconds(DateTime instant)
    {
        var utc = instant.Kind == DateTimeKind.Local ? instant.ToUniversalTime() : instant;
        return (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
    }

    /// <summary>The autocomplete keys of a listing, as the embedded engine's: its title, and each suggest phrase from each of its first words on.</summary>
    internal static IEnumerable<string> SuggestKeys(string title, IEnumerable<string> phrases)
    {
        var keys = new List<string>();
        var display = Display(title);
        var key = VietnameseText.FoldKey(display);
        if (key.Length > 0)
        {
            keys.Add(key + DocumentFields.Separator + display);
        }

        foreach (var phrase in phrases)
        {
            display = Display(phrase);
            key = VietnameseText.FoldKey(display);
            var start = 0;
            for (var suffix = 0; suffix < MaxSuggestSuffixes && start < key.Length; suffix++)
            {
                keys.Add(key[start..] + DocumentFields.Separator + display);
                var space = key.IndexOf(' ', start);
                if (space < 0)
                {
                    break;
                }

                start = space + 1;
            }
        }

        return keys.Distinct(StringComparer.Ordinal);
    }

    /// <summary>Each title word as "{folded}\u001f{accented}", for restoring accents to corrected words.</summary>
    private static IEnumerable<string> TitleWords(string title) =>
        Querying.TextAnalysis.Accented(title)
            .Select(word => VietnameseText.Fold(word) + DocumentFields.Separator + word)
            .Distinct(StringComparer.Ordinal);

    private static string Display(string text)
    {
        var collapsed = string.Join(' ', VietnameseText.Compose(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (collapsed.Length <= MaxSuggestLength)
        {
            return collapsed;
        }

        var cut = collapsed.LastIndexOf(' ', MaxSuggestLength);
        return collapsed[..(cut > 0 ? cut : MaxSuggestLength)];
    }

    private static JsonArray ToArray<T>(IEnumerable<T> values) => new(values.Select(value => JsonValue.Create(value)).ToArray<JsonNode?>());
}
