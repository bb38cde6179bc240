using DongNai.Domain.People;

namespace DongNai.Ranking.Features;

/// <summary>
/// How much each kind of interaction says about what a person wants: the graded relevance labels
/// of the learned ranker (decision 0016) and the weights of a user's engagements in their profile.
/// Impressions and views say nothing by themselves (0). Pure; thread-safe.
/// </summary>
public static class EngagementWeights
{
    /// <summary>apply / claim 4 &gt; save 3 &gt; contact 2 &gt; click 1 &gt; shown and skipped 0.</summary>
    public static int Grade(InteractionType type) => type switch
    {
        InteractionType.Apply or InteractionType.Claim => 4,
        InteractionType.Save => 3,
        InteractionType.Contact => 2,
        InteractionType.Click => 1,
        _ => 0,
    };
}
