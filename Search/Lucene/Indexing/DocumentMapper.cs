using System.Text;
using DongNai.Domain.Listings;
using DongNai.Domain.Text;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace DongNai.Search.Lucene.Indexing;

/// <summary>Turns a <see cref="SearchDocument"/> into the Lucene document of the schema in <see cref="FieldNames"/>. Stateless; thread-safe.</summary>
internal static class DocumentMapper
{
    /// <summary>Longest phrase kept for autocomplete, in chars; longer titles are cut at a word boundary.</summary>
    private const int MaxSuggestLength = 100;

    /// <summary>Titles longer than this are cut for display (doc values hold at most 32 KB per value).</summary>
    private const int MaxTitleLength = 1_000;

    /// <summary>Phrase terms need document frequencies and term frequencies for scoring, not positions.</summary>
    private static readonly FieldType PhraseFieldType = new(TextField.TYPE_NOT_STORED)
    {
        IndexOptions = IndexOptions.DOCS_AND_FREQS,
    };

    /// <summary>Suffixes of a suggest phrase start at each of its first few words, so "amata" finds "KCN Amata".</summary>
    private const int MaxSuggestSuffixes = 4;

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

        foreach (var field in document.Keywords.Keys)
        {
            if (!FieldNames.IsValidKeywordField(field))
            {
                throw new ArgumentException($"Keyword field '{field}' must be 1–64 ASCII letters or digits.", nameof(document));
            }
        }
    }

    public static string KeyOf(ListingKind kind, long id) => FieldNames.KeyOf((int)kind, id);

    public static Document ToListing(SearchDocument source)
    {
        var document = new Document();
        AddIdentity(document, source.Kind, source.Id, source.Version, tombstone: false);
        document.Add(new StringField(FieldNames.Live, "1", Field.Store.NO));
        document.Add(new StringField(FieldNames.Kind, source.Kind.Slug(), Field.Store.NO));

        var title = source.Title.Normalize(NormalizationForm.FormC);
        var description = source.Description?.Normalize(NormalizationForm.FormC) ?? "";
        var extra = source.ExtraText ?? "";
        document.Add(new BinaryDocValuesField(FieldNames.TitleValue, new BytesRef(title.Length <= MaxTitleLength ? title : title[..MaxTitleLength])));
        document.Add(new StoredField(FieldNames.DescriptionStored, description));
        document.Add(new TextField(FieldNames.Title, title, Field.Store.NO));
        document.Add(new TextField(FieldNames.TitleFolded, title, Field.Store.NO));
        foreach (var text in (string[])[title, extra, description])
        {
            document.Add(new TextField(FieldNames.Text, text, Field.Store.NO));
            document.Add(new TextField(FieldNames.TextFolded, text, Field.Store.NO));
            document.Add(new Field(FieldNames.TextPhrases, text, PhraseFieldType));
        }

        if (source is { Latitude: { } latitude, Longitude: { } longitude })
        {
            foreach (var cell in GeoCells.Of(latitude, longitude, kind: null).Concat(GeoCells.Of(latitude, longitude, (int)source.Kind)))
            {
                document.Add(new StringField(FieldNames.GeoCell, cell, Field.Store.NO));
            }
        }

        document.Add(new DoubleDocValuesField(FieldNames.LatitudeValue, source.Latitude ?? double.NaN));
        document.Add(new DoubleDocValuesField(FieldNames.LongitudeValue, source.Longitude ?? double.NaN));

        document.Add(new NumericDocValuesField(FieldNames.PriceMinValue, source.PriceMin ?? FieldNames.MissingLong));
        document.Add(new NumericDocValuesField(FieldNames.PriceMaxValue, source.PriceMax ?? FieldNames.MissingLong));

        document.Add(new DoubleDocValuesField(FieldNames.AreaValue, source.AreaM2 ?? double.NaN));
        document.Add(new NumericDocValuesField(FieldNames.ExpiresValue, source.ExpiresAt is { } expires ? UnixTime.Milliseconds(expires) : long.MaxValue));
        if (source.QuantityRemaining is <= 0)
        {
            document.Add(new StringField(FieldNames.SoldOut, "1", Field.Store.NO));
        }

        foreach (var minute in source.DeparturesMinuteOfDay ?? [])
        {
            document.Add(new Int32Field(FieldNames.Departure, minute, Field.Store.NO));
        }

        document.Add(new NumericDocValuesField(FieldNames.UpdatedValue, UnixTime.Milliseconds(source.UpdatedAt)));

        foreach (var (field, values) in source.Keywords)
        {
            foreach (var value in values.Distinct(StringComparer.Ordinal))
            {
                document.Add(new StringField(FieldNames.Keyword(field), value, Field.Store.NO));
                document.Add(new SortedSetDocValuesField(FieldNames.KeywordValues(field), new BytesRef(value)));
            }
        }

        foreach (var term in SuggestTerms(title, source.SuggestTerms))
        {
            document.Add(new StringField(FieldNames.Suggest, term, Field.Store.NO));
        }

        return document;
    }

    /// <summary>What remains of a deleted listing: its identity and the deleted version, invisible to every search.</summary>
    public static Document ToTombstone(ListingKind kind, long id, int version)
    {
        var document = new Document();
        AddIdentity(document, kind, id, version, tombstone: true);
        document.Add(new StringField(FieldNames.Tombstone, "1", Field.Store.NO));
        return document;
    }

    /// <summary>The autocomplete terms of a listing: its title, and each suggest phrase from each of its first words on.</summary>
    internal static IEnumerable<string> SuggestTerms(string title, IEnumerable<string> phrases)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var display = Display(title);
        var key = VietnameseText.FoldKey(display);
        if (key.Length > 0)
        {
            terms.Add(key + FieldNames.SuggestSeparator + display);
        }

        foreach (var phrase in phrases)
        {
            display = Display(phrase);
            key = VietnameseText.FoldKey(display);
            var start = 0;
            for (var suffix = 0; suffix < MaxSuggestSuffixes && start < key.Length; suffix++)
            {
                terms.Add(key[start..] + FieldNames.SuggestSeparator + display);
                var space = key.IndexOf(' ', start);
                if (space < 0)
                {
                    break;
                }

                start = space + 1;
            }
        }

        return terms;
    }

    private static string Display(string text)
    {
        var collapsed = string.Join(' ', text.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (collapsed.Length <= MaxSuggestLength)
        {
            return collapsed;
        }

        var cut = collapsed.LastIndexOf(' ', MaxSuggestLength);
        return collapsed[..(cut > 0 ? cut : MaxSuggestLength)];
    }

    private static void AddIdentity(Document document, ListingKind kind, long id, int version, bool tombstone)
    {
        document.Add(new StringField(FieldNames.Key, KeyOf(kind, id), Field.Store.NO));
        document.Add(new NumericDocValuesField(FieldNames.KindValue, (int)kind));
        document.Add(new NumericDocValuesField(FieldNames.IdValue, id));
        document.Add(new NumericDocValuesField(FieldNames.VersionValue, version));
        document.Add(new NumericDocValuesField(FieldNames.TombstoneValue, tombstone ? 1 : 0));
    }
}

/// <summary>UTC instants as Unix milliseconds, the unit every time field of the index uses.</summary>
internal static class UnixTime
{
    public static long Milliseconds(DateTime instant)
    {
        var utc = instant.Kind == DateTimeKind.Local ? instant.ToUniversalTime() : instant;
        return (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
    }
}
