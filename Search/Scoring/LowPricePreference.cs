using DongNai.Domain.Listings;

namespace DongNai.Search.Scoring;

/// <summary>
/// The factor <see cref="SearchQuery.FavourLowPrices"/> multiplies a hit's relevance score by,
/// shared by every engine so that both rank "cheap" the same way. Pure functions; thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// The factor is <c>0.6 + 0.4 / (1 + price / reference)</c>, with the listing's low price and the
/// kind's <see cref="ReferencePrice"/>: 1 for a free listing, 0.8 at the reference price, towards
/// 0.6 for the dearest. It is a logistic curve over the logarithm of the price, so what counts is
/// the ratio to the kind's typical price, not the amount: a 1,500,000 đ room gets 0.87 and a
/// 3,600,000 đ one 0.78 (11% apart), a 15,000 đ fare and a 36,000 đ fare the same.
/// </para>
/// <para>
/// Mild by design: at most 40% of the score, and 11% between rooms of 1.5 and 3.6 million, so it
/// orders listings that match the words about equally and never lets a barely matching cheap
/// listing pass a good match. A listing without a price, and every listing of a kind whose money is
/// a salary (where cheap is not what anyone wants), gets <see cref="NeutralFactor"/>, the factor
/// of a listing at the reference price: neither favoured nor pushed down.
/// </para>
/// </remarks>
public static class LowPricePreference
{
    /// <summary>The factor of the dearest listings; the curve approaches it.</summary>
    public const double Floor = 0.6;

    /// <summary>The factor at the reference price, and of listings without a price or without a price preference.</summary>
    public const double NeutralFactor = Floor + ((1 - Floor) / 2);

    /// <summary>Reference prices by kind code; 0 for kinds without a price preference.</summary>
    private static readonly long[] References = BuildReferences();

    /// <summary>
    /// The kind's typical price in VND: the middle edge of its price bands (rentals 3,000,000,
    /// classifieds 5,000,000, vouchers and bus fares 50,000); null for a kind whose money is a salary.
    /// </summary>
    public static long? ReferencePrice(ListingKind kind)
    {
        var profile = ListingKinds.Get(kind).Search;
        return profile.Money == MoneyField.Salary || profile.PriceBands.Count == 0
            ? null
            : Math.Max(1, profile.PriceBands[profile.PriceBands.Count / 2]);
    }

    /// <summary>The factor of a listing of <paramref name="kind"/> whose price range starts at <paramref name="priceMin"/> (null: no price).</summary>
    public static double Factor(ListingKind kind, long? priceMin)
    {
        var code = (int)kind;
        var reference = code >= 0 && code < References.Length ? References[code] : 0;
        return Factor(reference, priceMin);
    }

    /// <summary>The factor for a reference price looked up once per kind (0 or less: no preference, the neutral factor).</summary>
    public static double Factor(long referencePrice, long? priceMin) => referencePrice > 0 && priceMin is { } price
        ? Floor + ((1 - Floor) / (1 + (Math.Max(0, price) / (double)referencePrice)))
        : NeutralFactor;

    /// <summary>Reference prices indexed by kind code (0 for kinds without a preference), for engines that score in a tight loop.</summary>
    public static IReadOnlyList<long> ReferencePricesByCode => References;

    private static long[] BuildReferences()
    {
        var references = new long[ListingKinds.MaxCode + 1];
        foreach (var kind in ListingKinds.All)
        {
            references[(int)kind] = ReferencePrice(kind) ?? 0;
        }

        return references;
    }
}
