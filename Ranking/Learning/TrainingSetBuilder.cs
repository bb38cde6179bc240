using DongNai.Domain.People;
using DongNai.Ranking.Features;
using DongNai.Search;

namespace DongNai.Ranking.Learning;

/// <summary>The candidates a logged request was ranked from (the engine's window, engine order) and its ranking context.</summary>
public sealed record RequestWindow(RankingContext Context, IReadOnlyList<SearchHit> Window);

/// <summary>
/// Turns interaction events into LambdaRank groups (decision 0016): one group per request id with
/// impressions; each listing shown in it is a row labelled with its best event's grade
/// (<see cref="EngagementWeights.Grade"/>: apply/claim 4, save 3, contact 2, click 1, shown and
/// skipped 0), its features computed over the request's window; a row with a positive label weighs
/// 1 / <see cref="PositionBias.Examination"/> of the position it was shown at (inverse propensity),
/// so clicks low in the list, which happened despite being rarely looked at, count for more.
/// Requests without a positive event teach nothing and are left out. Pure; thread-safe.
/// </summary>
public static class TrainingSetBuilder
{
    public static List<TrainingGroup> Build(IEnumerable<InteractionEvent> events, Func<string, RequestWindow?> windowOf, FeatureExtractor features)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(windowOf);
        ArgumentNullException.ThrowIfNull(features);
        const int width = FeatureCatalog.Count;
        var groups = new List<TrainingGroup>();
        foreach (var request in events.Where(e => e.RequestId is not null).GroupBy(e => e.RequestId!).OrderBy(g => g.Min(e => e.OccurredAt)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var shown = new Dictionary<ListingKey, (int Position, int Grade)>();
            foreach (var interaction in request)
            {
                var key = new ListingKey(interaction.ListingKind, interaction.ListingId);
                var (position, grade) = shown.TryGetValue(key, out var seen) ? seen : (int.MaxValue, 0);
                if (interaction.Type == InteractionType.Impression && interaction.Position is { } at)
                {
                    position = Math.Min(position, at);
                }

                shown[key] = (position, Math.Max(grade, EngagementWeights.Grade(interaction.Type)));
            }

            if (!shown.Values.Any(v => v.Grade > 0) || windowOf(request.Key) is not { } logged || logged.Window.Count == 0)
            {
                continue;
            }

            var all = new float[logged.Window.Count * width];
            features.Extract(logged.Context, logged.Window, all);
            var rows = new List<float>();
            var grades = new List<int>();
            var weights = new List<float>();
            for (var i = 0; i < logged.Window.Count; i++)
            {
                var hit = logged.Window[i];
                if (!shown.TryGetValue(new ListingKey(hit.Kind, hit.Id), out var label) || label.Position == int.MaxValue)
                {
                    continue;
                }

                rows.AddRange(all.AsSpan(i * width, width));
                grades.Add(label.Grade);
                weights.Add(label.Grade > 0 ? (float)(1 / PositionBias.Examination(label.Position)) : 1f);
            }

            if (grades.Count > 1)
            {
                groups.Add(new TrainingGroup([.. rows], [.. grades], [.. weights]));
            }
        }

        return groups;
    }
}
