using DongNai.Domain.Listings;
using DongNai.Domain.Listings.Jobs;
using DongNai.Domain.Listings.Rentals;
using DongNai.Search;
using DongNai.Search.Lucene;
using DongNai.Search.Tests.Builders;

namespace DongNai.Ranking.Tests;

/// <summary><see cref="RankedSearch"/> over a real Lucene index in a temporary folder, compared with the engine's own pages.</summary>
public sealed class RankedSearchTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly LuceneSearchEngine _engine;

    public RankedSearchTests()
    {
        _engine = new LuceneSearchEngine(new LuceneOptions { IndexPath = _folder.Path });
    }

    public void Dispose()
    {
        _engine.Dispose();
        _folder.Dispose();
    }

    [Theory]
    [InlineData("phong tro", true, 45, 3, 10)]
    [InlineData("phong tro", true, 45, 5, 10)]
    [InlineData(null, false, 45, 4, 10)]
    [InlineData(null, true, 45, 1, 7)]
    [InlineData("phong", true, 130, 20, 100)]
    [InlineData("phong", false, 130, 30, 100)]
    [InlineData("phong", true, 260, 20, 200)]
    [InlineData(null, true, 260, 30, 200)]
    public async Task Search_PagesExactlyAsTheEngine_WhenTheEngineOrderRankerGoesThroughTheWindow(
        string? text, bool near, int count, int pageSize, int windowSize)
    {
        await IndexAsync(Listings(count, seed: 3));
        var ranked = new RankedSearch(_engine, new EngineOrderRanker(), new RankingOptions { WindowSize = windowSize, PassThroughEngineOrder = false });
        var query = Query(text, near) with { Size = pageSize, Facets = ["type"], PriceBands = [1_500_000, 3_000_000] };

        var rankedPages = await PagesAsync(q => ranked.SearchAsync(new RankingContext { Query = q }), query);
        var enginePages = await PagesAsync(q => _engine.SearchAsync(q), query);

        Assert.True(enginePages.Count > (windowSize / pageSize) + 1, "The pages do not go past the window.");
        Assert.Equal(enginePages.Count, rankedPages.Count);
        for (var i = 0; i < enginePages.Count; i++)
        {
            Assert.Equal(enginePages[i].Hits.Select(Shown), rankedPages[i].Hits.Select(Shown));
            Assert.Equal(enginePages[i].Total, rankedPages[i].Total);
            Assert.Equal(Flatten(enginePages[i].Facets), Flatten(rankedPages[i].Facets));
            Assert.Equal(enginePages[i].NextCursor is null, rankedPages[i].NextCursor is null);
        }
    }

    [Fact]
    public async Task Search_PassesTheEnginesPageThrough_WithTheDefaultRankerAndOptions()
    {
        await IndexAsync(Listings(30, seed: 5));
        var ranked = new RankedSearch(_engine, new EngineOrderRanker(), new RankingOptions());
        var query = Query("phong tro", near: true) with { Size = 4 };

        var fromRanked = await ranked.SearchAsync(new RankingContext { Query = query });
        var fromEngine = await _engine.SearchAsync(query);

        Assert.NotNull(fromEngine.NextCursor);
        Assert.Equal(fromEngine.NextCursor, fromRanked.NextCursor);
        Assert.Equal(fromEngine.Hits.Select(Shown), fromRanked.Hits.Select(Shown));
    }

    [Fact]
    public async Task Search_GivesTheEnginesPagesExactly_WhenPersonalisationIsOff_WhateverTheRanker()
    {
        await IndexAsync(Listings(45, seed: 9));
        var ranked = new RankedSearch(_engine, new ReverseRanker(), new RankingOptions { WindowSize = 20 });
        var query = Query("phong tro", near: true) with { Size = 7 };

        var rankedPages = await PagesAsync(q => ranked.SearchAsync(new RankingContext { Query = q, AccountId = 42, Personalize = false }), query);
        var enginePages = await PagesAsync(q => _engine.SearchAsync(q), query);
        var reordered = await ranked.SearchAsync(new RankingContext { Query = query, AccountId = 42 });

        Assert.True(enginePages.Count > 3);
        Assert.Equal(enginePages.SelectMany(p => p.Hits).Select(Shown), rankedPages.SelectMany(p => p.Hits).Select(Shown));
        Assert.Equal(enginePages.Select(p => p.NextCursor), rankedPages.Select(p => p.NextCursor));
        Assert.NotEqual(enginePages[0].Hits.Select(Shown), reordered.Hits.Select(Shown));
    }

    [Theory]
    [InlineData("phong tro", true, 3, 10)]
    [InlineData("phong tro", true, 5, 10)]
    [InlineData(null, false, 4, 10)]
    [InlineData("phong", true, 7, 25)]
    [InlineData(null, true, 100, 100)]
    public async Task Search_ReturnsTheWindowCheapestFirst_ThenTheRestInEngineOrder_EachListingOnce(
        string? text, bool near, int pageSize, int windowSize)
    {
        await IndexAsync(Listings(120, seed: 7));
        var ranked = new RankedSearch(_engine, new CheapestFirstRanker(), new RankingOptions { WindowSize = windowSize });
        var query = Query(text, near) with { Size = pageSize };
        var engineOrder = await AllHitsAsync(q => _engine.SearchAsync(q), query with { Size = SearchQuery.MaxSize });

        var pages = await PagesAsync(q => ranked.SearchAsync(new RankingContext { Query = q }), query);

        var hits = pages.SelectMany(page => page.Hits).ToList();
        var expectedWindow = engineOrder.Take(windowSize)
            .OrderBy(hit => hit.Signals.PriceMin ?? long.MaxValue)
            .ThenBy(hit => hit.Kind)
            .ThenBy(hit => hit.Id);
        var expected = expectedWindow.Concat(engineOrder.Skip(windowSize)).Select(Identity).ToList();
        Assert.True(engineOrder.Count > windowSize, "Every listing fits in the window.");
        Assert.Equal(expected, hits.Select(Identity));
        Assert.Equal(hits.Count, hits.Select(Identity).Distinct().Count());
        Assert.All(pages.SkipLast(1), page => Assert.Equal(pageSize, page.Hits.Count));
    }

    [Theory]
    [InlineData("phong tro", 50, 3, 10)]
    [InlineData("phong tro", 50, 10, 10)]
    [InlineData("phong tro", 50, 6, 20)]
    [InlineData(null, 260, 20, 200)]
    [InlineData(null, 260, 100, 200)]
    [InlineData(null, 260, 30, 150)]
    public async Task Search_ReturnsTheWindowReversed_ThenTheRestInEngineOrder_EachListingOnce(string? text, int count, int pageSize, int windowSize)
    {
        await IndexAsync(Listings(count, seed: 11));
        var ranked = new RankedSearch(_engine, new ReverseRanker(), new RankingOptions { WindowSize = windowSize });
        var query = Query(text, near: true) with { Size = pageSize };
        var engineOrder = (await AllHitsAsync(q => _engine.SearchAsync(q), query with { Size = SearchQuery.MaxSize })).Select(Identity).ToList();

        var pages = await PagesAsync(q => ranked.SearchAsync(new RankingContext { Query = q }), query);

        var ids = pages.SelectMany(page => page.Hits).Select(Identity).ToList();
        Assert.True(engineOrder.Count > windowSize, "Every listing fits in the window.");
        Assert.Equal(engineOrder.Take(windowSize).Reverse().Concat(engineOrder.Skip(windowSize)), ids);
        Assert.All(pages.SkipLast(1), page => Assert.Equal(pageSize, page.Hits.Count));
    }

    [Fact]
    public async Task Search_HighlightsReRankedHits_AsTheEngineWould()
    {
        await IndexAsync(Listings(30, seed: 13));
        var ranked = new RankedSearch(_engine, new ReverseRanker(), new RankingOptions { WindowSize = 8 });
        var query = Query("phong tro", near: true) with { Size = 12 };
        var fromEngine = (await _engine.SearchAsync(query with { Size = SearchQuery.MaxSize })).Hits.ToDictionary(Identity);

        var page = await ranked.SearchAsync(new RankingContext { Query = query });

        Assert.Equal(12, page.Hits.Count);
        Assert.All(page.Hits, hit =>
        {
            Assert.NotNull(hit.TitleHighlight);
            Assert.Equal(fromEngine[Identity(hit)].TitleHighlight, hit.TitleHighlight);
            Assert.Equal(fromEngine[Identity(hit)].DescriptionHighlight, hit.DescriptionHighlight);
        });
    }

    [Fact]
    public async Task Search_LeavesOutHighlights_WhenTheQueryAsksForNone()
    {
        await IndexAsync(Listings(30, seed: 13));
        var ranked = new RankedSearch(_engine, new ReverseRanker(), new RankingOptions { WindowSize = 8 });

        var page = await ranked.SearchAsync(new RankingContext { Query = Query("phong tro", near: true) with { Size = 12, Highlight = false } });

        Assert.Equal(12, page.Hits.Count);
        Assert.All(page.Hits, hit => Assert.Null(hit.TitleHighlight));
    }

    [Fact]
    public async Task Search_KeepsSignalsOfReRankedHits()
    {
        await IndexAsync(Listings(30, seed: 17));
        var ranked = new RankedSearch(_engine, new ReverseRanker(), new RankingOptions { WindowSize = 10 });

        var page = await ranked.SearchAsync(new RankingContext { Query = Query("phong tro", near: true) with { Size = 5, Facets = ["type"] } });

        Assert.All(page.Hits, hit =>
        {
            Assert.True(hit.Signals.TextScore > 0);
            Assert.NotEmpty(hit.Signals.Categories["type"]);
        });
    }

    [Fact]
    public async Task Search_GivesTheRankerTheSameContext_OnEveryPage()
    {
        await IndexAsync(Listings(40, seed: 19));
        var ranker = new RecordingRanker();
        var ranked = new RankedSearch(_engine, ranker, new RankingOptions { WindowSize = 20 });
        var query = Query("phong tro", near: true) with { Size = 5 };

        var first = await ranked.SearchAsync(new RankingContext { Query = query, AccountId = 42 });
        await ranked.SearchAsync(new RankingContext { Query = query with { Cursor = first.NextCursor, Now = TestClock.Now.AddHours(1) }, AccountId = 42 });

        Assert.Equal(2, ranker.Contexts.Count);
        Assert.Equal(ranker.Contexts[0], ranker.Contexts[1]);
        var seen = ranker.Contexts[0];
        Assert.Equal(42, seen.AccountId);
        Assert.Null(seen.Query.Cursor);
        Assert.Equal(20, seen.Query.Size);
        Assert.Equal(TestClock.Now, seen.Query.ScoringNow);
        Assert.Equal(TestClock.Now, seen.Query.Now);
    }

    [Theory]
    [InlineData("not a cursor")]
    [InlineData("AAAA")]
    [InlineData("%%%")]
    [InlineData("")]
    public async Task Search_RefusesAMalformedCursor(string cursor)
    {
        await IndexAsync(Listings(10, seed: 23));
        var ranked = new RankedSearch(_engine, new ReverseRanker(), new RankingOptions { WindowSize = 5 });

        await Assert.ThrowsAsync<InvalidCursorException>(() => ranked.SearchAsync(new RankingContext { Query = Query("phong", near: false) with { Cursor = cursor } }));
    }

    [Theory]
    [InlineData(SearchSort.Newest)]
    [InlineData(SearchSort.PriceAscending)]
    [InlineData(SearchSort.Relevance)]
    public async Task Search_RefusesAnEngineCursor_WhenReRankingRelevance(SearchSort sort)
    {
        await IndexAsync(Listings(10, seed: 23));
        var ranked = new RankedSearch(_engine, new ReverseRanker(), new RankingOptions { WindowSize = 5 });
        var engineCursor = (await _engine.SearchAsync(Query(null, near: false) with { Sort = sort, Size = 2 })).NextCursor;

        await Assert.ThrowsAsync<InvalidCursorException>(() => ranked.SearchAsync(new RankingContext { Query = Query(null, near: false) with { Size = 2, Cursor = engineCursor } }));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Search_RefusesARankedCursor_ForAnotherSort(int pagesIn)
    {
        await IndexAsync(Listings(20, seed: 29));
        var ranked = new RankedSearch(_engine, new ReverseRanker(), new RankingOptions { WindowSize = 6 });
        var query = Query(null, near: false) with { Size = 2 };
        string? cursor = null;
        for (var page = 0; page < pagesIn; page++)
        {
            cursor = (await ranked.SearchAsync(new RankingContext { Query = query with { Cursor = cursor } })).NextCursor;
        }

        Assert.NotNull(cursor);
        await Assert.ThrowsAsync<InvalidCursorException>(() => ranked.SearchAsync(new RankingContext { Query = query with { Sort = SearchSort.Newest, Cursor = cursor } }));
    }

    [Theory]
    [InlineData(ListingKind.Rental, ListingKind.Job)]
    [InlineData(ListingKind.Rental, null)]
    [InlineData(null, ListingKind.Rental)]
    public async Task Search_RefusesAWindowCursor_FromASearchOfAnotherKind(ListingKind? issuedFor, ListingKind? usedFor)
    {
        await IndexAsync(Listings(20, seed: 31));
        var ranked = new RankedSearch(_engine, new ReverseRanker(), new RankingOptions { WindowSize = 10 });
        var query = Query(null, near: false) with { Size = 2, Kind = issuedFor };
        var cursor = (await ranked.SearchAsync(new RankingContext { Query = query })).NextCursor;
        Assert.NotNull(cursor);

        var samePage = await ranked.SearchAsync(new RankingContext { Query = query with { Cursor = cursor } });

        Assert.Equal(2, samePage.Hits.Count);
        await Assert.ThrowsAsync<InvalidCursorException>(() => ranked.SearchAsync(new RankingContext { Query = query with { Kind = usedFor, Cursor = cursor } }));
    }

    [Fact]
    public async Task Search_RefusesATamperedCursor()
    {
        await IndexAsync(Listings(20, seed: 29));
        var ranked = new RankedSearch(_engine, new ReverseRanker(), new RankingOptions { WindowSize = 6 });
        var query = Query(null, near: false) with { Size = 2 };
        var cursor = (await ranked.SearchAsync(new RankingContext { Query = query })).NextCursor!;
        var tampered = cursor[..10] + (cursor[10] == 'A' ? 'B' : 'A') + cursor[11..];

        await Assert.ThrowsAsync<InvalidCursorException>(() => ranked.SearchAsync(new RankingContext { Query = query with { Cursor = tampered } }));
        await Assert.ThrowsAsync<InvalidCursorException>(() => ranked.SearchAsync(new RankingContext { Query = query with { Cursor = cursor[..^3] } }));
    }

    [Theory]
    [InlineData(SearchSort.Newest)]
    [InlineData(SearchSort.PriceAscending)]
    [InlineData(SearchSort.PriceDescending)]
    [InlineData(SearchSort.Distance)]
    public async Task Search_PassesOtherSortsThroughUnchanged_WhateverTheRanker(SearchSort sort)
    {
        await IndexAsync(Listings(40, seed: 31));
        var ranked = new RankedSearch(_engine, new ReverseRanker(), new RankingOptions { WindowSize = 10 });
        var query = Query("phong", near: true) with { Sort = sort, Size = 6 };

        var rankedPages = await PagesAsync(q => ranked.SearchAsync(new RankingContext { Query = q }), query);
        var enginePages = await PagesAsync(q => _engine.SearchAsync(q), query);

        Assert.True(enginePages.Count > 2);
        Assert.Equal(enginePages.Select(page => page.Hits.Select(Identity).ToList()), rankedPages.Select(page => page.Hits.Select(Identity).ToList()));
        Assert.Equal(enginePages.Select(page => page.NextCursor), rankedPages.Select(page => page.NextCursor));
    }

    [Fact]
    public async Task Search_Throws_WhenTheRankerGivesTooFewScores()
    {
        await IndexAsync(Listings(10, seed: 37));
        var ranked = new RankedSearch(_engine, new OneScoreShortRanker(), new RankingOptions());

        await Assert.ThrowsAsync<InvalidOperationException>(() => ranked.SearchAsync(new RankingContext { Query = Query(null, near: false) }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(RankingOptions.MaxWindowSize + 1)]
    public void Constructor_RefusesAWindowSizeOutOfRange(int windowSize)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RankedSearch(_engine, new ReverseRanker(), new RankingOptions { WindowSize = windowSize }));
    }

    [Fact]
    public void Options_ReRank200Candidates_ByDefault_WhileAPageStaysAtMost100()
    {
        Assert.Equal(200, new RankingOptions().WindowSize);
        Assert.Equal(100, SearchQuery.MaxSize);
    }

    [Fact]
    public async Task Search_ScoresTheWholeDefaultWindow_OfMoreThanAPublicPage_InOneCall()
    {
        await IndexAsync(Listings(260, seed: 19));
        var ranker = new RecordingRanker();
        var ranked = new RankedSearch(_engine, ranker, new RankingOptions());
        var query = Query(null, near: true) with { Size = 20 };
        var engineOrder = (await AllHitsAsync(q => _engine.SearchAsync(q), query with { Size = SearchQuery.MaxSize })).Select(Identity).ToList();

        var page = await ranked.SearchAsync(new RankingContext { Query = query });

        Assert.Single(ranker.Contexts);
        Assert.Equal(200, ranker.CandidateCounts.Single());
        Assert.Equal(engineOrder.Take(200).Reverse().Take(20), page.Hits.Select(Identity));
    }

    [Fact]
    public async Task Search_ForASignedInUser_GivesTheRankerEachCandidatesCategory_EvenWithoutFacets()
    {
        await IndexAsync([
            ListingBuilder.Rental(1).Titled("Phòng trọ Amata").Keyword(RentalKind.RentalType, "room").Build(),
            ListingBuilder.Job(2).Titled("Tuyển phụ bếp phòng ăn").Keyword(JobKind.Shift, "night").Build()]);
        var seen = new CategoryRecorder();
        var seenAnonymous = new CategoryRecorder();
        var query = new SearchQuery { Text = "phong", Now = TestClock.Now };
        var user = DongNai.Ranking.Features.UserRankingProfile.Build(7, workPark: null, home: null, []);

        await new RankedSearch(_engine, seen, new RankingOptions()).SearchAsync(new RankingContext { Query = query, User = user });
        await new RankedSearch(_engine, seenAnonymous, new RankingOptions()).SearchAsync(new RankingContext { Query = query });

        Assert.Equal(["room"], seen.Categories[(ListingKind.Rental, 1)][RentalKind.RentalType]);
        Assert.Equal(["night"], seen.Categories[(ListingKind.Job, 2)][JobKind.Shift]);
        Assert.Equal(2, seenAnonymous.Categories.Count);
        Assert.All(seenAnonymous.Categories.Values, Assert.Empty);
    }

    [Fact]
    public void EngineOrderRanker_ScoresEachCandidateWithTheEnginesScore()
    {
        SearchHit[] hits = [Hit(ListingKind.Job, 1, 2.5), Hit(ListingKind.Rental, 2, 0.75), Hit(ListingKind.Job, 3, 2.5)];

        var scores = new EngineOrderRanker().Score(new RankingContext { Query = Query(null, near: false) }, hits);

        Assert.Equal([2.5, 0.75, 2.5], scores);
    }

    private static SearchHit Hit(ListingKind kind, long id, double score) => new()
    {
        Kind = kind,
        Id = id,
        Score = score,
        Title = "",
        Signals = new RankingSignals { TextScore = score, UpdatedAt = TestClock.Now, AgeDays = 0 },
    };

    private static SearchQuery Query(string? text, bool near) => new()
    {
        Text = text,
        Now = TestClock.Now,
        ReferencePoint = near ? Places.Amata : null,
    };

    /// <summary>
    /// Rentals and jobs with a few titles, prices, places and update instants each, so scores tie
    /// often (ties break by kind and id) and some listings lack a price or a location.
    /// </summary>
    private static List<SearchDocument> Listings(int count, int seed)
    {
        var random = new Random(seed);
        string[] titles = ["Phòng trọ gần KCN Amata", "Phòng trọ giá rẻ", "Phòng trọ mới xây có gác lửng", "Phòng cho công nhân thuê", "Ký túc xá công nhân phòng trọ"];
        string[] types = ["room", "house", "dorm"];
        return Enumerable.Range(1, count).Select(id =>
        {
            var builder = (id % 4 == 0 ? ListingBuilder.Job(id) : ListingBuilder.Rental(id))
                .Titled(titles[random.Next(titles.Length)])
                .Described(random.Next(2) == 0 ? "Phòng sạch sẽ, gần chợ." : "Gần cổng KCN, có chỗ để xe.")
                .Keyword("type", types[random.Next(types.Length)])
                .UpdatedAt(TestClock.Now.AddDays(-random.Next(0, 4)));
            if (id % 9 != 0)
            {
                builder.Priced(1_000_000 + (random.Next(0, 6) * 500_000));
            }

            if (id % 7 != 0)
            {
                builder.At(10.95 + (random.Next(0, 5) * 0.01), 106.85 + (random.Next(0, 5) * 0.01));
            }

            return builder.Build();
        }).ToList();
    }

    private static (ListingKind, long) Identity(SearchHit hit) => (hit.Kind, hit.Id);

    /// <summary>What a page shows of a hit, compared exactly.</summary>
    private static (ListingKind, long, double, double?, string?, string?) Shown(SearchHit hit) =>
        (hit.Kind, hit.Id, hit.Score, hit.DistanceKm, hit.TitleHighlight, hit.DescriptionHighlight);

    private static List<string> Flatten(IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> facets) =>
        facets.OrderBy(f => f.Key, StringComparer.Ordinal).SelectMany(f => f.Value.Select(v => $"{f.Key}={v.Value}:{v.Count}")).ToList();

    private async Task IndexAsync(IReadOnlyCollection<SearchDocument> documents)
    {
        await _engine.UpsertAsync(documents);
        await _engine.RefreshAsync();
    }

    /// <summary>Every page of a query, following cursors to the last one (at most 300 pages).</summary>
    private static async Task<List<SearchResult>> PagesAsync(Func<SearchQuery, Task<SearchResult>> search, SearchQuery query)
    {
        var pages = new List<SearchResult>();
        string? cursor = null;
        do
        {
            var page = await search(query with { Cursor = cursor });
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null && pages.Count < 300);

        Assert.Null(cursor);
        return pages;
    }

    private static async Task<List<SearchHit>> AllHitsAsync(Func<SearchQuery, Task<SearchResult>> search, SearchQuery query) =>
        (await PagesAsync(search, query)).SelectMany(page => page.Hits).ToList();

    /// <summary>Keeps the categories each candidate carried (the first call's), and ranks in engine order.</summary>
    private sealed class CategoryRecorder : IRanker
    {
        public Dictionary<(ListingKind, long), IReadOnlyDictionary<string, IReadOnlyList<string>>> Categories { get; } = [];

        public IReadOnlyList<double> Score(RankingContext context, IReadOnlyList<SearchHit> candidates)
        {
            foreach (var hit in candidates)
            {
                Categories.TryAdd((hit.Kind, hit.Id), hit.Signals.Categories);
            }

            return candidates.Select(hit => hit.Score).ToList();
        }
    }
}
