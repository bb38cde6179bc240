using System.Globalization;
using System.Text.Json.Serialization;
using DongNai.Domain.Listings;
using DongNai.Search.Understanding;

namespace DongNai.Search.Api.Searching;

/// <summary>
/// What the service read from <c>q</c> and applied, so the app can show each part as a removable
/// chip ("≤ 2.000.000 đ ✕", "gần KCN Amata ✕"): removing one is sending <c>q</c> without its
/// <see cref="UnderstoodPartResponse.Source"/> words. <see cref="RemainingText"/> is what was matched as text.
/// </summary>
public sealed record UnderstoodResponse(string Text, string RemainingText, IReadOnlyList<UnderstoodPartResponse> Parts)
{
    public static UnderstoodResponse From(Interpretation understood, string matchedText) =>
        new(understood.Text, matchedText, understood.Parts.Select(UnderstoodPartResponse.From).ToList());
}

/// <summary>
/// One understood part. <see cref="Field"/> says which of the optional members it carries:
/// <c>money</c> (minVnd, maxVnd, meaning, approximate), <c>cheap</c>, <c>place</c> (place, radiusKm),
/// <c>kind</c> (kind, weight), <c>need</c> (kind, filter, value), <c>area</c> (minM2, maxM2, approximate),
/// <c>departure</c> (departFrom, departTo). <see cref="Start"/> and <see cref="Length"/> locate
/// <see cref="Source"/> in the text as sent.
/// </summary>
public sealed record UnderstoodPartResponse(
    string Field,
    string Source,
    int Start,
    int Length,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? MinVnd = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? MaxVnd = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Meaning = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Approximate = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UnderstoodPlaceResponse? Place = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? RadiusKm = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Kind = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Weight = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Filter = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Value = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MinM2 = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MaxM2 = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DepartFrom = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DepartTo = null)
{
    public static UnderstoodPartResponse From(UnderstoodPart part)
    {
        var field = char.ToLowerInvariant(part.Field.ToString()[0]) + part.Field.ToString()[1..];
        var plain = new UnderstoodPartResponse(field, part.Source, part.Start, part.Length);
        return part switch
        {
            MoneyPart money => plain with
            {
                MinVnd = money.MinVnd,
                MaxVnd = money.MaxVnd,
                Meaning = money.Meaning.ToString().ToLowerInvariant(),
                Approximate = money.Approximate,
            },
            PlacePart place => plain with
            {
                Place = new UnderstoodPlaceResponse(
                    char.ToLowerInvariant(place.Place.Kind.ToString()[0]) + place.Place.Kind.ToString()[1..],
                    place.Place.Code,
                    place.Place.Name),
                RadiusKm = place.RadiusKm,
            },
            KindPart kind => plain with { Kind = ListingKinds.Get(kind.Kind).Slug, Weight = Math.Round(kind.Weight, 3) },
            NeedPart need => plain with { Kind = ListingKinds.Get(need.Kind).Slug, Filter = need.Filter, Value = need.Code },
            AreaPart area => plain with { MinM2 = area.MinM2, MaxM2 = area.MaxM2, Approximate = area.Approximate },
            DeparturePart departure => plain with
            {
                DepartFrom = departure.From.ToString("HH:mm", CultureInfo.InvariantCulture),
                DepartTo = departure.To.ToString("HH:mm", CultureInfo.InvariantCulture),
            },
            _ => plain,
        };
    }
}

/// <summary>A place read from the text: its kind (industrialPark, commune, oldWard, town), code and name.</summary>
public sealed record UnderstoodPlaceResponse(string Kind, string Code, string Name);
