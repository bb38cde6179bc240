using System.Diagnostics.CodeAnalysis;
using DongNai.Domain.Listings;
using DongNai.Domain.Text;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace DongNai.Search.Lucene.Indexing;

/// <summary>
/// Turns a <see cref="SearchDocument"/> into the Lucene document of the schema in <see cref="FieldNames"/>.
/// </summary>
/// <remarks>
/// An instance reuses its <see cref="Field"/> objects (and with them their token streams) from one
/// listing to the next, as Lucene allows, instead of allocating some sixty per listing: not
/// thread-safe, so one per indexing thread. The static members are pure and thread-safe.
/// </remarks>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "A TermListTokenStream holds no resources; Lucene disposes it after each document and it stays reusable.")]
internal sealed class DocumentMapper
{
    /// <summary>Longest phrase kept for autocomplete, in chars; longer titles are cut at a word boundary.</summary>
    private const int MaxSuggestLength = 100;

    /// <summary>Titles longer than this are cut for display (doc values hold at most 32 KB per value).</summary>
    private const int MaxTitleLength = 1_000;

    /// <summary>
    /// Text is scored by BM25, which needs document and term frequencies, not positions: phrases
    /// match as word-pair terms (<see cref="FieldNames.TextPhrases"/>), so no query reads positions
    /// and the index does not write them.
    /// </summary>
    private static readonly FieldType TextFieldType = new(TextField.TYPE_NOT_STORED)
    {
        IndexOptions = IndexOptions.DOCS_AND_FREQS,
    };

    /// <summary>Suffixes of a suggest phrase start at each of its first few words, so "amata" finds "KCN Amata".</summary>
    private const int MaxSuggestSuffixes = 4;

    private readonly StringField _key = new(FieldNames.Key, "", Field.Store.NO);
    private readonly NumericDocValuesField _kindValue = new(FieldNames.KindValue, 0);
    private readonly NumericDocValuesField _idValue = new(FieldNames.IdValue, 0);
    private readonly NumericDocValuesField _versionValue = new(FieldNames.VersionValue, 0);
    private readonly NumericDocValuesField _tombstoneValue = new(FieldNames.TombstoneValue, 0);
    private readonly StringField _live = new(FieldNames.Live, "1", Field.Store.NO);
    private readonly StringField _kind = new(FieldNames.Kind, "", Field.Store.NO);
    private readonly BinaryDocValuesField _titleValue = new(FieldNames.TitleValue, new BytesRef());
    private readonly StoredField _description = new(FieldNames.DescriptionStored, "");
    private readonly Field _title = new(FieldNames.Title, "", TextFieldType);
    private readonly Field _titleFolded = new(FieldNames.TitleFolded, "", TextFieldType);

    /// <summary>One field per text source (title, extra text, description), in that order.</summary>
    private readonly Field[] _textFolded = [.. Enumerable.Range(0, 3).Select(_ => new Field(FieldNames.TextFolded, "", TextFieldType))];
    private readonly Field[] _textPhrases = [.. Enumerable.Range(0, 3).Select(_ => new Field(FieldNames.TextPhrases, "", TextFieldType))];

    private readonly TermListTokenStream _geoCells = new();
    private readonly Field _geoCell;
    private readonly DoubleDocValuesField _latitudeValue = new(FieldNames.LatitudeValue, double.NaN);
    private readonly DoubleDocValuesField _longitudeValue = new(FieldNames.LongitudeValue, double.NaN);
    private readonly NumericDocValuesField _priceMinValue = new(FieldNames.PriceMinValue, 0);
    private readonly NumericDocValuesField _priceMaxValue = new(FieldNames.PriceMaxValue, 0);
    private readonly DoubleDocValuesField _areaValue = new(FieldNames.AreaValue, double.NaN);
    private readonly NumericDocValuesField _expiresValue = new(FieldNames.ExpiresValue, 0);
    private readonly StringField _soldOut = new(FieldNames.SoldOut, "1", Field.Store.NO);
    private readonly List<Int32Field> _departures = [];
    private readonly NumericDocValuesField _updatedValue = new(FieldNames.UpdatedValue, 0);
    private readonly NumericDocValuesField _impressionsValue = new(FieldNames.ImpressionsValue, 0);
    private readonly NumericDocValuesField _viewsValue = new(FieldNames.ViewsValue, 0);
    private readonly NumericDocValuesField _clicksValue = new(FieldNames.ClicksValue, 0);
    private readonly NumericDocValuesField _savesValue = new(FieldNames.SavesValue, 0);
    private readonly NumericDocValuesField _appliesValue = new(FieldNames.AppliesValue, 0);
    private readonly NumericDocValuesField _claimsValue = new(FieldNames.ClaimsValue, 0);
    private readonly NumericDocValuesField _contactsValue = new(FieldNames.ContactsValue, 0);
    private readonly Dictionary<string, KeywordFields> _keywords = new(StringComparer.Ordinal);
    private readonly TermListTokenStream _suggestTerms = new();
    private readonly Field _suggest;

    public DocumentMapper()
    {
        _geoCell = new Field(FieldNames.GeoCell, _geoCells, TermListTokenStream.ExactTermsType);
        _suggest = new Field(FieldNames.Suggest, _suggestTerms, TermListTokenStream.ExactTermsType);
    }

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

    /// <summary>
    /// The listing's Lucene document. The fields are this mapper's own, refilled on each call, so
    /// the document is valid until the next call (Lucene reads it during
    /// <see cref="IndexWriter.AddDocument(IEnumerable{IIndexableField})"/> and keeps nothing of it).
    /// </summary>
    public Document ToListing(SearchDocument source)
    {
        var document = new Document();
        _key.SetStringValue(KeyOf(source.Kind, source.Id));
        _kindValue.SetInt64Value((int)source.Kind);
        _idValue.SetInt64Value(source.Id);
        _versionValue.SetInt64Value(source.Version);
        _tombstoneValue.SetInt64Value(0);
        document.Add(_key);
        document.Add(_kindValue);
        document.Add(_idValue);
        document.Add(_versionValue);
        document.Add(_tombstoneValue);
        // "live" is what searches across every kind match; a kind only its own search reads is left out of them.
        var isPublic = ListingKinds.Get(source.Kind).PubliclySearchable;
        if (isPublic)
        {
            document.Add(_live);
        }

        _kind.SetStringValue(source.Kind.Slug());
        document.Add(_kind);

        var title = VietnameseText.Compose(source.Title);
        var description = VietnameseText.Compose(source.Description);
        var extra = source.ExtraText ?? "";
        _titleValue.SetBytesValue(new BytesRef(title.Length <= MaxTitleLength ? title : title[..MaxTitleLength]));
        _description.SetStringValue(description);
        _title.SetStringValue(title);
        _titleFolded.SetStringValue(title);
        document.Add(_titleValue);
        document.Add(_description);
        document.Add(_title);
        document.Add(_titleFolded);
        string[] texts = [title, extra, description];
        for (var i = 0; i < texts.Length; i++)
        {
            _textFolded[i].SetStringValue(texts[i]);
            _textPhrases[i].SetStringValue(texts[i]);
            document.Add(_textFolded[i]);
            document.Add(_textPhrases[i]);
        }

        if (source is { Latitude: { } latitude, Longitude: { } longitude })
        {
            _geoCells.Clear();
            foreach (var cell in GeoCells.Of(latitude, longitude, kind: null).Concat(GeoCells.Of(latitude, longitude, (int)source.Kind)))
            {
                _geoCells.Add(cell);
            }

            document.Add(_geoCell);
        }

        _latitudeValue.SetDoubleValue(source.Latitude ?? double.NaN);
        _longitudeValue.SetDoubleValue(source.Longitude ?? double.NaN);
        _priceMinValue.SetInt64Value(source.PriceMin ?? FieldNames.MissingLong);
        _priceMaxValue.SetInt64Value(source.PriceMax ?? FieldNames.MissingLong);
        _areaValue.SetDoubleValue(source.AreaM2 ?? double.NaN);
        _expiresValue.SetInt64Value(source.ExpiresAt is { } expires ? UnixTime.Milliseconds(expires) : long.MaxValue);
        _updatedValue.SetInt64Value(UnixTime.Milliseconds(source.UpdatedAt));
        document.Add(_latitudeValue);
        document.Add(_longitudeValue);
        document.Add(_priceMinValue);
        document.Add(_priceMaxValue);
        document.Add(_areaValue);
        document.Add(_expiresValue);
        if (source.QuantityRemaining is <= 0)
        {
            document.Add(_soldOut);
        }

        var departures = 0;
        foreach (var minute in source.DeparturesMinuteOfDay ?? [])
        {
            if (departures == _departures.Count)
            {
                _departures.Add(new Int32Field(FieldNames.Departure, 0, Field.Store.NO));
            }

            var departure = _departures[departures++];
            departure.SetInt32Value(minute);
            document.Add(departure);
        }

        document.Add(_updatedValue);

        var popularity = source.Popularity ?? ListingPopularity.None;
        AddCount(document, _impressionsValue, popularity.Impressions);
        AddCount(document, _viewsValue, popularity.Views);
        AddCount(document, _clicksValue, popularity.Clicks);
        AddCount(document, _savesValue, popularity.Saves);
        AddCount(document, _appliesValue, popularity.Applies);
        AddCount(document, _claimsValue, popularity.Claims);
        AddCount(document, _contactsValue, popularity.Contacts);

        foreach (var (field, values) in source.Keywords)
        {
            if (!_keywords.TryGetValue(field, out var keyword))
            {
                keyword = new KeywordFields(field);
                _keywords.Add(field, keyword);
            }

            keyword.AddTo(document, values);
        }

        _suggestTerms.Clear();
        foreach (var term in SuggestTerms(title, source.SuggestTerms))
        {
            _suggestTerms.Add(term);
        }

        if (_suggestTerms.Count > 0 && isPublic)
        {
            document.Add(_suggest);
        }

        return document;
    }

    /// <summary>Most listings have few kinds of events: a zero count is left out, and reads back as 0.</summary>
    private static void AddCount(Document document, NumericDocValuesField field, int count)
    {
        if (count > 0)
        {
            field.SetInt64Value(count);
            document.Add(field);
        }
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
        var collapsed = string.Join(' ', VietnameseText.Compose(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
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

    /// <summary>The reusable fields of one keyword field: its exact terms, and one sorted-set doc value per value for facets.</summary>
    [SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "As for DocumentMapper.")]
    private sealed class KeywordFields
    {
        private readonly TermListTokenStream _terms = new();
        private readonly Field _field;
        private readonly string _valuesField;
        private readonly List<SortedSetDocValuesField> _values = [];
        private readonly HashSet<string> _distinct = new(StringComparer.Ordinal);

        public KeywordFields(string field)
        {
            _field = new Field(FieldNames.Keyword(field), _terms, TermListTokenStream.ExactTermsType);
            _valuesField = FieldNames.KeywordValues(field);
        }

        public void AddTo(Document document, IReadOnlyList<string> values)
        {
            _terms.Clear();
            _distinct.Clear();
            foreach (var value in values)
            {
                if (!_distinct.Add(value))
                {
                    continue;
                }

                if (_terms.Count == _values.Count)
                {
                    _values.Add(new SortedSetDocValuesField(_valuesField, new BytesRef()));
                }

                var docValue = _values[_terms.Count];
                docValue.SetBytesValue(new BytesRef(value));
                document.Add(docValue);
                _terms.Add(value);
            }

            if (_terms.Count > 0)
            {
                document.Add(_field);
            }
        }
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
