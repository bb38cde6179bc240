using DongNai.Domain.Listings;
using DongNai.Ranking.Features;
using DongNai.Search;
using DongNai.Search.Tests.Builders;

namespace DongNai.Ranking.Tests;

public sealed class HeuristicRankerTests
{
    private static readonly HeuristicRanker Ranker = new(new FeatureExtractor(new ListingStatisticsHolder()));

    [Fact]
    public void Score_PutsANearInBudgetListingAboveAFarOverBudgetOne_ThatTheEngineRankedFirst()
    {
        var user = UserRankingProfile.Build(7, workPark: Places.Amata, home: Places.BienHoa, [], new Dictionary<ListingKind, long> { [ListingKind.Rental] = 2_000_000 });
        SearchHit[] engineOrder =
        [
            Rental(1, score: 5.0, at: Places.TrangBom, price: 3_500_000),
            Rental(2, score: 4.2, at: new GeoPoint(10.9600, 106.8700), price: 1_800_000),
        ];

        var scores = Ranker.Score(new RankingContext { Query = Query(), AccountId = 7, User = user }, engineOrder);

        Assert.True(scores[1] > scores[0], $"near, in budget {scores[1]:F3} should beat far, over budget {scores[0]:F3}");
    }

    [Fact]
    public void Score_UsesTheRequestsMaximumPrice_AsTheBudget_WhenTheProfileHasNone()
    {
        var user = UserRankingProfile.Build(7, workPark: null, home: null, []);
        SearchHit[] engineOrder = [Rental(1, score: 4.0, at: Places.Amata, price: 3_000_000), Rental(2, score: 3.9, at: Places.Amata, price: 1_500_000)];

        var scores = Ranker.Score(new RankingContext { Query = Query() with { MaxPrice = 2_000_000 }, AccountId = 7, User = user }, engineOrder);

        Assert.True(scores[1] > scores[0]);
    }

    [Fact]
    public void Score_GivesTheEnginesScores_WithoutAUserProfile()
    {
        SearchHit[] hits = [Rental(1, score: 5.0, at: Places.TrangBom, price: 3_500_000), Rental(2, score: 4.2, at: Places.Amata, price: 1_800_000)];

        var scores = Ranker.Score(new RankingContext { Query = Query(), AccountId = 7 }, hits);

        Assert.Equal([5.0, 4.2], scores);
    }

    [Fact]
    public void Score_IsDeterministic()
    {
        var user = UserRankingProfile.Build(7, Places.Amata, Places.BienHoa, [new Engagement(ListingKind.Rental, "room", 1_500_000, 1)]);
        var hits = Enumerable.Range(1, 50).Select(i => Rental(i, score: 10 - (i * 0.1), at: new GeoPoint(10.9 + (i * 0.003), 106.85), price: 1_000_000 + (i * 50_000))).ToList();
        var context = new RankingContext { Query = Query(), AccountId = 7, User = user };

        var first = Ranker.Score(context, hits);
        var second = Ranker.Score(context, hits);

        Assert.Equal(first, second);
        Assert.All(first, score => Assert.True(double.IsFinite(score)));
    }

    [Fact]
    public void PersonalizedRanker_GivesTheEngineOrder_ToAnonymousRequests()
    {
        var ranker = new PersonalizedRanker(Ranker, new LearnedRankerHolder());
        SearchHit[] hits = [Rental(1, score: 5.0, at: Places.TrangBom, price: 3_500_000), Rental(2, score: 4.2, at: Places.Amata, price: 1_800_000)];

        var scores = ranker.Score(new RankingContext { Query = Query() }, hits);

        Assert.Equal([5.0, 4.2], scores);
    }

    internal static SearchHit Rental(long id, double score, GeoPoint at, long price, string type = "room") => new()
    {
        Kind = ListingKind.Rental,
        Id = id,
        Score = score,
        Title = $"Phòng trọ {id}",
        PriceMin = price,
        PriceMax = price,
        Signals = new RankingSignals
        {
            TextScore = score,
            Location = at,
            UpdatedAt = TestClock.Now,
            AgeDays = 1,
            PriceMin = price,
            PriceMax = price,
            Categories = new Dictionary<string, IReadOnlyList<string>> { ["rentalType"] = [type] },
        },
    };

    private static SearchQuery Query() => new() { Text = "phong tro", Now = TestClock.Now, Kind = ListingKind.Rental };
}
