using DongNai.Domain.Listings;
using DongNai.Domain.Places;

namespace DongNai.Search.Understanding;

/// <summary>What an understood part of a query stands for; a request parameter of the same field wins over it.</summary>
public enum UnderstoodField
{
    /// <summary>A money range: salary for jobs, price or fare for the others (<see cref="MoneyPart"/>).</summary>
    Money = 1,

    /// <summary>"giá rẻ": favour low prices (<see cref="CheapPart"/>).</summary>
    Cheap = 2,

    /// <summary>A place to search near (<see cref="PlacePart"/>).</summary>
    Place = 3,

    /// <summary>Words that point at a kind of listing (<see cref="KindPart"/>).</summary>
    Kind = 4,

    /// <summary>A value of one of a kind's keyword filters (<see cref="NeedPart"/>).</summary>
    Need = 5,

    /// <summary>A floor-area range for rentals (<see cref="AreaPart"/>).</summary>
    Area = 6,

    /// <summary>A departure-time window for bus routes (<see cref="DeparturePart"/>).</summary>
    Departure = 7,
}

/// <summary>
/// Something the interpreter took out of the query, with the exact words it came from:
/// <see cref="Source"/> is <c>Text[Start..(Start + Length)]</c> of the original query (any case,
/// accents, spacing and normalisation form as typed), so a client can show it as a removable chip.
/// Several parts may share one span ("phòng trọ" is both a kind and a rental type).
/// </summary>
public abstract record UnderstoodPart(int Start, int Length, string Source)
{
    public abstract UnderstoodField Field { get; }

    /// <summary>
    /// The words as the vocabulary writes them, with accents ("phong tro" → "phòng trọ"), for parts
    /// read from a phrase (kinds, needs, cheap); null for parts read from numbers or place names.
    /// </summary>
    public string? Canonical { get; init; }
}

/// <summary>
/// A money range in VND, both ends inclusive, either end open (null). <see cref="Meaning"/> says
/// which money of a listing it constrains: the salary range of a job (a job matches when its range
/// overlaps this one, so "lương trên 8 triệu" keeps jobs paying up to at least 8 million), the
/// price of a rental, classified or voucher, the fare of a bus route. <see cref="Approximate"/> is
/// true when the text named one amount ("khoảng 2 triệu", "1tr5") and the range is the band
/// of ± <see cref="QueryInterpreter.ApproximateBand"/> around it.
/// </summary>
public sealed record MoneyPart(int Start, int Length, string Source, long? MinVnd, long? MaxVnd, MoneyField Meaning, bool Approximate)
    : UnderstoodPart(Start, Length, Source)
{
    public override UnderstoodField Field => UnderstoodField.Money;
}

/// <summary>"giá rẻ", "rẻ": the user wants low prices first. A ranking hint, never a text match or a filter.</summary>
public sealed record CheapPart(int Start, int Length, string Source) : UnderstoodPart(Start, Length, Source)
{
    public override UnderstoodField Field => UnderstoodField.Cheap;
}

/// <summary>
/// A place from the place catalog and the radius to search around it
/// (<see cref="QueryInterpreter.DefaultRadiusKm"/>); distances are measured from <see cref="Point"/>.
/// </summary>
public sealed record PlacePart(int Start, int Length, string Source, ResolvedPlace Place, double RadiusKm)
    : UnderstoodPart(Start, Length, Source)
{
    public override UnderstoodField Field => UnderstoodField.Place;

    public GeoPoint Point => new(Place.Latitude, Place.Longitude);
}

/// <summary>
/// Words that point at a kind of listing ("phòng trọ" → rentals). <see cref="Weight"/> (0–1] is how
/// sure the words are. In a cross-kind search it weights kinds and never hides one; in a search of
/// one kind it only marks the words as understood (they add nothing to match).
/// </summary>
public sealed record KindPart(int Start, int Length, string Source, ListingKind Kind, double Weight)
    : UnderstoodPart(Start, Length, Source)
{
    public override UnderstoodField Field => UnderstoodField.Kind;
}

/// <summary>
/// One value of a keyword filter of <see cref="Kind"/>: <see cref="Filter"/> is the filter's name in
/// the kind's <see cref="KindSearchProfile"/> (<c>shift</c>, <c>benefits</c>, <c>amenities</c>, …) and
/// <see cref="Code"/> one of the values that filter accepts (<c>night</c>, <c>meals</c>, …).
/// </summary>
public sealed record NeedPart(int Start, int Length, string Source, ListingKind Kind, string Filter, string Code)
    : UnderstoodPart(Start, Length, Source)
{
    public override UnderstoodField Field => UnderstoodField.Need;
}

/// <summary>A floor-area range in square metres, inclusive, either end open; only rentals have an area.</summary>
public sealed record AreaPart(int Start, int Length, string Source, double? MinM2, double? MaxM2, bool Approximate)
    : UnderstoodPart(Start, Length, Source)
{
    public override UnderstoodField Field => UnderstoodField.Area;
}

/// <summary>
/// A departure window for bus routes, inclusive, minute precision; <see cref="From"/> after
/// <see cref="To"/> wraps past midnight (as <see cref="SearchQuery.DepartureFrom"/> does).
/// </summary>
public sealed record DeparturePart(int Start, int Length, string Source, TimeOnly From, TimeOnly To)
    : UnderstoodPart(Start, Length, Source)
{
    public override UnderstoodField Field => UnderstoodField.Departure;
}
