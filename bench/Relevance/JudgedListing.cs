using DongNai.Domain.Listings;
using DongNai.Domain.Listings.BusRoutes;
using DongNai.Domain.Listings.Vouchers;
using DongNai.Domain.Places;
using DongNai.Domain.Text;

namespace DongNai.Relevance;

/// <summary>
/// What the rules read of one listing: the document its kind's own descriptor builds from the
/// database row (money, area, filter codes, departures, text: the seeded fields, named as the
/// filters name them), plus every point where the listing is (a route's stops, a voucher's shops).
/// Immutable; thread-safe.
/// </summary>
public sealed class JudgedListing
{
    private readonly string foldedText;

    private JudgedListing(SearchDocument document, IReadOnlyList<(double Latitude, double Longitude)> points)
    {
        Document = document;
        Points = points;
        // The title and the kind's own named fields (employer, brand, stops, category words), not the
        // description: its boilerplate ("nộp tại cổng bảo vệ", "ưu tiên công nhân") is in every listing.
        foldedText = " " + VietnameseText.FoldKey(string.Join(' ', document.Title, document.ExtraText)) + " ";
    }

    public SearchDocument Document { get; }

    public IReadOnlyList<(double Latitude, double Longitude)> Points { get; }

    public ListingKind Kind => Document.Kind;

    public long Id => Document.Id;

    public static JudgedListing From(Listing listing, PlaceCatalog places)
    {
        var document = ListingKinds.Get(listing.Kind).BuildDocument(listing, places);
        // A route serves every stop and a voucher is good at every shop; other kinds are where they are.
        IReadOnlyList<(double, double)> points = listing switch
        {
            BusRoute route when route.Stops.Count > 0 => route.Stops.Select(s => (s.Latitude, s.Longitude)).ToList(),
            Voucher voucher when voucher.Locations.Count > 0 => voucher.Locations.Select(l => (l.Latitude, l.Longitude)).ToList(),
            _ => [(listing.Latitude, listing.Longitude)],
        };
        return new JudgedListing(document, points);
    }

    /// <summary>Whether the service may show the listing at <paramref name="now"/>: not expired, not sold out.</summary>
    public bool Showable(DateTime now) =>
        (Document.ExpiresAt is not { } expires || expires > now) && Document.QuantityRemaining is not <= 0;

    /// <summary>Whether the folded title and named fields hold <paramref name="phrase"/> ("a|b": either) as whole words.</summary>
    public bool HasWords(string phrase) =>
        phrase.Split('|').Any(p => foldedText.Contains(" " + VietnameseText.FoldKey(p) + " ", StringComparison.Ordinal));

    public double DistanceKm(ResolvedPlace place) =>
        Points.Min(p => GeoMath.HaversineKm(p.Latitude, p.Longitude, place.Latitude, place.Longitude));
}

/// <summary>Grades listings by a <see cref="JudgingRule"/> (see its remarks for the grades). Pure; thread-safe.</summary>
public static class Judge
{
    public static int Grade(JudgingRule rule, JudgedListing listing, DateTime now)
    {
        if (listing.Kind != rule.Kind || !listing.Showable(now))
        {
            return 0;
        }

        var met = rule.Constraints.Where(c => Meets(rule, c, listing)).ToHashSet(StringComparer.Ordinal);
        if (met.Count == rule.Constraints.Count)
        {
            return 2;
        }

        return rule.Main.All(met.Contains) ? 1 : 0;
    }

    private static bool Meets(JudgingRule rule, string constraint, JudgedListing listing)
    {
        var document = listing.Document;
        switch (constraint)
        {
            case JudgingRule.Money:
                // A salary range meets the rule when it overlaps it; a price or fare when it lies in it.
                return document.PriceMin is { } low && document.PriceMax is { } high
                    && high >= (rule.MinVnd ?? long.MinValue) && low <= (rule.MaxVnd ?? long.MaxValue);
            case JudgingRule.Place:
                return listing.DistanceKm(rule.Near!) <= rule.WithinKm;
            case JudgingRule.Area:
                return document.AreaM2 is { } area && area >= (rule.MinM2 ?? 0) && area <= (rule.MaxM2 ?? double.MaxValue);
            case JudgingRule.Departure:
                var (from, to) = rule.Departures!.Value;
                return (document.DeparturesMinuteOfDay ?? []).Any(minute =>
                {
                    var (start, end) = ((from.Hour * 60) + from.Minute, (to.Hour * 60) + to.Minute);
                    return start <= end ? minute >= start && minute <= end : minute >= start || minute <= end;
                });
            case JudgingRule.Words:
                return rule.TextWords.All(listing.HasWords);
            default:
                var codes = document.Keywords.GetValueOrDefault(constraint) ?? [];
                return rule.Keywords[constraint].All(wanted => wanted.Split('|').Any(codes.Contains));
        }
    }
}
