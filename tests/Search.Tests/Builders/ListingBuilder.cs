using DongNai.Domain.Listings;

namespace DongNai.Search.Tests.Builders;

/// <summary>Builds <see cref="SearchDocument"/>s for tests with sensible defaults: version 1, updated a day before <see cref="TestClock.Now"/>.</summary>
public sealed class ListingBuilder
{
    private readonly Dictionary<string, IReadOnlyList<string>> _keywords = new();
    private readonly List<string> _suggestTerms = [];
    private SearchDocument _document;

    private ListingBuilder(ListingKind kind, long id)
    {
        _document = new SearchDocument
        {
            Kind = kind,
            Id = id,
            Version = 1,
            Title = $"Listing {id}",
            UpdatedAt = TestClock.Now.AddDays(-1),
        };
    }

    public static ListingBuilder Job(long id) => new(ListingKind.Job, id);

    public static ListingBuilder Rental(long id) => new(ListingKind.Rental, id);

    public static ListingBuilder Classified(long id) => new(ListingKind.Classified, id);

    public static ListingBuilder Voucher(long id) => new(ListingKind.Voucher, id);

    public static ListingBuilder BusRoute(long id) => new(ListingKind.BusRoute, id);

    public ListingBuilder Titled(string title) => With(d => d with { Title = title });

    public ListingBuilder Described(string description) => With(d => d with { Description = description });

    public ListingBuilder WithExtraText(string text) => With(d => d with { ExtraText = text });

    public ListingBuilder Version(int version) => With(d => d with { Version = version });

    public ListingBuilder At(double latitude, double longitude) => With(d => d with { Latitude = latitude, Longitude = longitude });

    public ListingBuilder Priced(long price) => With(d => d with { Price = price });

    public ListingBuilder Salary(long min, long max) => With(d => d with { PriceMin = min, PriceMax = max });

    public ListingBuilder Area(double squareMetres) => With(d => d with { AreaM2 = squareMetres });

    public ListingBuilder Keyword(string field, params string[] values)
    {
        _keywords[field] = values;
        return this;
    }

    public ListingBuilder UpdatedAt(DateTime updatedAt) => With(d => d with { UpdatedAt = updatedAt });

    public ListingBuilder ExpiresAt(DateTime expiresAt) => With(d => d with { ExpiresAt = expiresAt });

    public ListingBuilder Remaining(int quantity) => With(d => d with { QuantityRemaining = quantity });

    public ListingBuilder Departures(params string[] times) =>
        With(d => d with { DeparturesMinuteOfDay = times.Select(t => TimeOnly.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).Select(t => (t.Hour * 60) + t.Minute).ToList() });

    public ListingBuilder Popular(ListingPopularity popularity) => With(d => d with { Popularity = popularity });

    public ListingBuilder Suggests(params string[] phrases)
    {
        _suggestTerms.AddRange(phrases);
        return this;
    }

    public SearchDocument Build() => _document with
    {
        Keywords = new Dictionary<string, IReadOnlyList<string>>(_keywords),
        SuggestTerms = _suggestTerms.ToList(),
    };

    private ListingBuilder With(Func<SearchDocument, SearchDocument> change)
    {
        _document = change(_document);
        return this;
    }
}

/// <summary>The fixed instant every test runs at; no test reads the wall clock.</summary>
public static class TestClock
{
    public static readonly DateTime Now = new(2025, 11, 3, 8, 0, 0, DateTimeKind.Utc);
}

/// <summary>Places in Đồng Nai used across tests (approximate centres).</summary>
public static class Places
{
    public static readonly GeoPoint BienHoa = new(10.9450, 106.8240);
    public static readonly GeoPoint Amata = new(10.9565, 106.8686);
    public static readonly GeoPoint LongThanh = new(10.7830, 106.9510);
    public static readonly GeoPoint TrangBom = new(10.9540, 107.0040);
}
