namespace DongNai.Ranking.Features;

/// <summary>
/// The features a ranker sees for one (user, listing hit, request) triple, in the order of a
/// feature vector (<see cref="FeatureExtractor"/> writes them in this order, the learned model is
/// trained on them in this order). Append new features at the end; never reuse a position.
/// </summary>
/// <remarks>
/// Nothing here reads, or is derived from, a person's gender, age or date of birth, ethnicity,
/// religion or identity card (decision 0015); <see cref="FeatureCatalog"/> lists what each feature
/// reads, and a test enumerates it.
/// </remarks>
public enum RankingFeature
{
    /// <summary>The engine's text match score (BM25 before distance and freshness).</summary>
    TextScore = 0,

    /// <summary>The engine's text score divided by the best text score of the window (0–1).</summary>
    TextScoreShare = 1,

    /// <summary>1 / (1 + the hit's 0-based position in the engine's order).</summary>
    EngineRankReciprocal = 2,

    /// <summary>Kilometres from the user's work park (NaN when either point is unknown).</summary>
    DistanceToWorkParkKm = 3,

    /// <summary>Kilometres from the centre of the user's home commune (NaN when either point is unknown).</summary>
    DistanceToHomeKm = 4,

    /// <summary>How well the money fits: a rent or price within budget, or a salary at or above the expectation (0–1; NaN without a budget or expectation).</summary>
    MoneyFit = 5,

    /// <summary>Days since the listing's last change.</summary>
    AgeDays = 6,

    /// <summary>log(1 + clicks + saves + applications + claims + contacts) over all time.</summary>
    LogEngagement = 7,

    /// <summary>Clicks per examined impression, impressions weighted by the chance their position was looked at, smoothed towards a prior.</summary>
    DebiasedClickThrough = 8,

    /// <summary>The share of the user's recent engagements that were with this kind of listing (0–1).</summary>
    KindAffinity = 9,

    /// <summary>The share of the user's recent engagements of this kind that were in this listing's category (0–1).</summary>
    CategoryAffinity = 10,

    /// <summary>exp(−|log price − log the user's usual price for this kind|): 1 at the user's usual price level (NaN when unknown).</summary>
    PriceLevelMatch = 11,

    /// <summary>1 when the listing's owner has a verified identity (the badge), else 0.</summary>
    VerifiedOwner = 12,
}

/// <summary>One feature: its name, what it means, and every piece of data it reads.</summary>
/// <param name="Feature">The position in the vector.</param>
/// <param name="Name">The stable name (metrics files, model metadata).</param>
/// <param name="Description">What the value means.</param>
/// <param name="Reads">The data the value comes from, as <c>Type.Member</c> paths.</param>
public sealed record FeatureDefinition(RankingFeature Feature, string Name, string Description, IReadOnlyList<string> Reads);

/// <summary>Every feature with what it reads. Pure data; thread-safe.</summary>
public static class FeatureCatalog
{
    /// <summary>The length of a feature vector.</summary>
    public const int Count = 13;

    /// <summary>The features in vector order.</summary>
    public static IReadOnlyList<FeatureDefinition> All { get; } =
    [
        new(RankingFeature.TextScore, "textScore", "The engine's text match score.", ["SearchHit.Signals.TextScore"]),
        new(RankingFeature.TextScoreShare, "textScoreShare", "Text score relative to the window's best.", ["SearchHit.Signals.TextScore"]),
        new(RankingFeature.EngineRankReciprocal, "engineRankReciprocal", "1 / (1 + engine position).", ["SearchHit (position in the engine's window)"]),
        new(RankingFeature.DistanceToWorkParkKm, "distanceToWorkParkKm", "Kilometres from the user's work park.",
            ["SearchHit.Signals.Location", "Profile.IndustrialParkCode", "PlaceCatalog.IndustrialParks"]),
        new(RankingFeature.DistanceToHomeKm, "distanceToHomeKm", "Kilometres from the user's home commune centre.",
            ["SearchHit.Signals.Location", "Profile.HomeCommuneCode", "PlaceCatalog.Communes"]),
        new(RankingFeature.MoneyFit, "moneyFit", "Price within budget, or salary at or above the expectation.",
            ["SearchHit.Signals.PriceMin", "SearchHit.Signals.PriceMax", "SearchQuery.MinPrice", "SearchQuery.MaxPrice", "UserRankingProfile.UsualPrice (from InteractionEvent)"]),
        new(RankingFeature.AgeDays, "ageDays", "Days since the last change.", ["SearchHit.Signals.AgeDays"]),
        new(RankingFeature.LogEngagement, "logEngagement", "log(1 + engagements).", ["SearchHit.Signals.Popularity"]),
        new(RankingFeature.DebiasedClickThrough, "debiasedClickThrough", "Clicks per position-weighted impression, smoothed.",
            ["SearchHit.Signals.Popularity", "ListingStatistics.Examinations (from InteractionEvent.Position)"]),
        new(RankingFeature.KindAffinity, "kindAffinity", "Share of the user's recent engagements with this kind.",
            ["InteractionEvent.ListingKind", "InteractionEvent.Type"]),
        new(RankingFeature.CategoryAffinity, "categoryAffinity", "Share of the user's recent engagements of this kind in this category.",
            ["SearchHit.Signals.Categories", "SearchDocument.Keywords (of listings the user engaged with)"]),
        new(RankingFeature.PriceLevelMatch, "priceLevelMatch", "Closeness to the user's usual price level for the kind.",
            ["SearchHit.Signals.PriceMin", "SearchHit.Signals.PriceMax", "SearchDocument.PriceMin (of listings the user engaged with)"]),
        new(RankingFeature.VerifiedOwner, "verifiedOwner", "The owner's identity is verified.", ["Profile.Verification (of the listing's owner)"]),
    ];

    /// <summary>The stable name of a feature.</summary>
    public static string NameOf(RankingFeature feature) => All[(int)feature].Name;
}
