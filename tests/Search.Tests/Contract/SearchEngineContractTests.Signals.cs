using DongNai.Domain.Listings;
using DongNai.Domain.Places;
using DongNai.Search.Tests.Builders;

namespace DongNai.Search.Tests.Contract;

/// <summary>The raw ranking signals on every hit, and the query options a re-ranking window uses (scoring instant, no highlights, a listing restriction).</summary>
public abstract partial class SearchEngineContractTests
{
    [ContractFact]
    public async Task Search_ReportsDistanceSignal_AsHaversineFromTheReferencePoint()
    {
        var listings = ScatteredListings(count: 60, seed: 31);
        await IndexAsync(listings);
        var reference = Places.TrangBom;

        var hits = await AllHitsAsync(Query("phong") with { ReferencePoint = reference, Size = 25 });

        Assert.Equal(listings.Count, hits.Count);
        foreach (var hit in hits)
        {
            var listing = listings.Single(d => d.Id == hit.Id);
            if (listing.Latitude is { } latitude)
            {
                var expected = GeoMath.HaversineKm(reference.Latitude, reference.Longitude, latitude, listing.Longitude!.Value);
                Assert.NotNull(hit.Signals.DistanceKm);
                Assert.InRange(hit.Signals.DistanceKm.Value, expected - 0.01, expected + 0.01);
            }
            else
            {
                Assert.Null(hit.Signals.DistanceKm);
            }
        }
    }

    [ContractFact]
    public async Task Search_ReportsNoDistanceSignal_WhenTheQueryHasNoReferencePoint()
    {
        await IndexAsync(ListingBuilder.Rental(1).At(Places.Amata.Latitude, Places.Amata.Longitude));

        var hit = Assert.Single((await Engine.SearchAsync(Query())).Hits);

        Assert.Null(hit.Signals.DistanceKm);
    }

    [ContractFact]
    public async Task Search_ReportsHigherTextScore_ForTheBetterMatch_WhateverItsFreshness()
    {
        await IndexAsync(
            ListingBuilder.Job(1).Titled("Tuyển công nhân may").UpdatedAt(TestClock.Now.AddDays(-60)),
            ListingBuilder.Job(2).Titled("Tuyển bảo vệ").Described("Ưu tiên người từng làm công nhân.").UpdatedAt(TestClock.Now.AddHours(-1)),
            ListingBuilder.Job(3).Titled("Tuyển tài xế").UpdatedAt(TestClock.Now.AddHours(-1)));

        var hits = (await Engine.SearchAsync(Query("cong nhan"))).Hits;

        var better = hits.Single(h => h.Id == 1).Signals.TextScore;
        var weaker = hits.Single(h => h.Id == 2).Signals.TextScore;
        Assert.True(better > weaker, $"The full match scored {better}, the partial one {weaker}.");
        Assert.DoesNotContain(hits, h => h.Id == 3);
    }

    [ContractFact]
    public async Task Search_ReportsTextScoreOfOne_WhenTheQueryHasNoText()
    {
        await IndexAsync(ListingBuilder.Job(1), ListingBuilder.Rental(2).UpdatedAt(TestClock.Now.AddDays(-30)));

        var hits = (await Engine.SearchAsync(Query("  "))).Hits;

        Assert.Equal(2, hits.Count);
        Assert.All(hits, hit => Assert.Equal(1.0, hit.Signals.TextScore));
    }

    [ContractTheory]
    [InlineData(SearchSort.Relevance)]
    [InlineData(SearchSort.PriceAscending)]
    public async Task Search_ReportsTextScore_WhateverTheSort(SearchSort sort)
    {
        await IndexAsync(
            ListingBuilder.Rental(1).Titled("Phòng trọ Amata").Priced(2_000_000),
            ListingBuilder.Rental(2).Titled("Phòng trọ Amata Amata gần chợ").Priced(1_000_000));

        var hits = (await Engine.SearchAsync(Query("amata") with { Sort = sort })).Hits;

        Assert.Equal(2, hits.Count);
        Assert.All(hits, hit => Assert.True(hit.Signals.TextScore > 0 && double.IsFinite(hit.Signals.TextScore)));
    }

    [ContractFact]
    public async Task Search_ReportsUpdateInstantAndAge_AtTheQueryInstant()
    {
        var updated = TestClock.Now.AddDays(-3).AddHours(-6);
        await IndexAsync(ListingBuilder.Voucher(1).UpdatedAt(updated));

        var hit = Assert.Single((await Engine.SearchAsync(Query())).Hits);

        Assert.Equal(updated, hit.Signals.UpdatedAt);
        Assert.Equal(DateTimeKind.Utc, hit.Signals.UpdatedAt.Kind);
        Assert.Equal(3.25, hit.Signals.AgeDays, 6);
    }

    [ContractFact]
    public async Task Search_ReportsAge_AtTheScoringInstant_WhenOneIsGiven()
    {
        await IndexAsync(ListingBuilder.Voucher(1).UpdatedAt(TestClock.Now.AddDays(-1)));

        var hit = Assert.Single((await Engine.SearchAsync(Query() with { ScoringNow = TestClock.Now.AddDays(9) })).Hits);

        Assert.Equal(10, hit.Signals.AgeDays, 6);
    }

    [ContractFact]
    public async Task Search_ReportsAge_AtTheFirstPagesInstant_OnLaterPages()
    {
        await IndexAsync(
            ListingBuilder.Job(1).UpdatedAt(TestClock.Now.AddDays(-2)),
            ListingBuilder.Job(2).UpdatedAt(TestClock.Now.AddDays(-4)));
        var first = await Engine.SearchAsync(Query() with { Size = 1 });

        var second = await Engine.SearchAsync(Query() with { Size = 1, Cursor = first.NextCursor, Now = TestClock.Now.AddDays(5) });

        Assert.Equal(2, first.Hits[0].Signals.AgeDays, 6);
        Assert.Equal(4, Assert.Single(second.Hits).Signals.AgeDays, 6);
    }

    [ContractFact]
    public async Task Search_ReportsPriceRangeSignals()
    {
        await IndexAsync(ListingBuilder.Job(1).Salary(7_000_000, 9_500_000), ListingBuilder.Job(2));

        var hits = (await Engine.SearchAsync(Query() with { Sort = SearchSort.PriceAscending })).Hits;

        Assert.Equal((7_000_000L, 9_500_000L), (hits[0].Signals.PriceMin, hits[0].Signals.PriceMax));
        Assert.Equal((null, null), (hits[1].Signals.PriceMin, hits[1].Signals.PriceMax));
    }

    [ContractFact]
    public async Task Search_ReportsCategories_AsTheIndexedValuesOfTheFacetFields()
    {
        await IndexAsync(
            ListingBuilder.Job(1).Keyword("shift", "night", "day").Keyword("benefits", "meals").Keyword("park", "amata"),
            ListingBuilder.Job(2).Keyword("shift", "rotating"));

        var hits = (await Engine.SearchAsync(Query() with { Facets = ["shift", "benefits"] })).Hits;

        var first = hits.Single(h => h.Id == 1).Signals.Categories;
        var second = hits.Single(h => h.Id == 2).Signals.Categories;
        Assert.Equal(["benefits", "shift"], first.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["day", "night"], first["shift"].Order(StringComparer.Ordinal));
        Assert.Equal(["meals"], first["benefits"]);
        Assert.Equal(["rotating"], second["shift"]);
        Assert.Empty(second["benefits"]);
    }

    [ContractFact]
    public async Task Search_ReportsCategories_OfTheHitKeywordFields_WithoutCountingThem()
    {
        await IndexAsync(
            ListingBuilder.Job(1).Keyword("shift", "night", "day").Keyword("benefits", "meals"),
            ListingBuilder.Job(2).Keyword("benefits", "bus"));

        var result = await Engine.SearchAsync(Query() with { Facets = ["benefits"], HitKeywords = ["shift", "benefits"] });

        var first = result.Hits.Single(h => h.Id == 1).Signals.Categories;
        var second = result.Hits.Single(h => h.Id == 2).Signals.Categories;
        Assert.Equal(["benefits", "shift"], first.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["day", "night"], first["shift"].Order(StringComparer.Ordinal));
        Assert.Empty(second["shift"]);
        Assert.Equal(["bus"], second["benefits"]);
        Assert.Equal(["benefits"], result.Facets.Keys.Where(key => key != SearchQuery.PriceFacet));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Engine.SearchAsync(Query() with { HitKeywords = ["not a field"] }));
    }

    [ContractFact]
    public async Task Search_ReportsNoCategories_WhenTheQueryAsksForNoFacets()
    {
        await IndexAsync(ListingBuilder.Job(1).Keyword("shift", "night"));

        var hit = Assert.Single((await Engine.SearchAsync(Query())).Hits);

        Assert.Empty(hit.Signals.Categories);
    }

    [ContractFact]
    public async Task Search_ReportsPopularity_AsIndexed_AndZerosForAListingIndexedWithout()
    {
        var counts = new ListingPopularity { Impressions = 120, Views = 40, Clicks = 31, Saves = 7, Applies = 3, Claims = 2, Contacts = 1 };
        await IndexAsync(ListingBuilder.Job(1).Popular(counts), ListingBuilder.Job(2));

        var hits = (await Engine.SearchAsync(Query())).Hits;

        Assert.Equal(counts, hits.Single(h => h.Id == 1).Signals.Popularity);
        Assert.Equal(ListingPopularity.None, hits.Single(h => h.Id == 2).Signals.Popularity);
    }

    [ContractFact]
    public async Task Search_ReportsTheNewCounts_WhenTheSameVersionIsUpsertedAgainWithThem()
    {
        await IndexAsync(ListingBuilder.Rental(1).Popular(new ListingPopularity { Impressions = 10, Clicks = 4, Saves = 2 }));
        var fresher = new ListingPopularity { Impressions = 25, Clicks = 9, Contacts = 1 };

        await IndexAsync(ListingBuilder.Rental(1).Popular(fresher));

        var hit = Assert.Single((await Engine.SearchAsync(Query())).Hits);
        Assert.Equal(fresher, hit.Signals.Popularity);
    }

    [ContractFact]
    public async Task Search_ScoresAndFiltersAlike_WhateverThePopularity()
    {
        await IndexAsync(
            ListingBuilder.Rental(1).Titled("Phòng trọ Amata").Priced(1_500_000),
            ListingBuilder.Rental(2).Titled("Phòng trọ Amata").Priced(1_500_000).Popular(new ListingPopularity { Impressions = 5_000, Clicks = 900, Saves = 300 }));

        var result = await Engine.SearchAsync(Query("phong tro amata") with { MaxPrice = 2_000_000 });

        Assert.Equal(2, result.Total);
        var plain = result.Hits.Single(h => h.Id == 1);
        var popular = result.Hits.Single(h => h.Id == 2);
        Assert.Equal(plain.Score, popular.Score);
        Assert.Equal(plain.Signals.TextScore, popular.Signals.TextScore);
        Assert.Equal(900, popular.Signals.Popularity.Clicks);
    }

    [ContractFact]
    public async Task Search_LeavesOutHighlights_WhenHighlightIsOff()
    {
        await IndexAsync(ListingBuilder.Rental(1).Titled("Phòng trọ gần KCN Amata").Described("Cách cổng KCN Amata 500 m."));

        var hit = Assert.Single((await Engine.SearchAsync(Query("amata") with { Highlight = false })).Hits);

        Assert.Null(hit.TitleHighlight);
        Assert.Null(hit.DescriptionHighlight);
        Assert.True(hit.Signals.TextScore > 0);
    }

    [ContractFact]
    public async Task Search_ReturnsOnlyTheGivenListings_WithTheOtherFiltersStillApplied()
    {
        await IndexAsync(
            ListingBuilder.Rental(1).Titled("Phòng trọ Amata").Priced(1_000_000),
            ListingBuilder.Rental(2).Titled("Phòng trọ Amata").Priced(5_000_000),
            ListingBuilder.Rental(3).Titled("Phòng trọ Amata").Priced(1_500_000),
            ListingBuilder.Job(1).Titled("Tuyển công nhân Amata").Salary(1_800_000, 9_000_000));
        ListingKey[] wanted = [new(ListingKind.Rental, 1), new(ListingKind.Rental, 2), new(ListingKind.Job, 1)];

        var result = await Engine.SearchAsync(Query("amata") with { Listings = wanted, MaxPrice = 2_000_000 });

        Assert.Equal([(ListingKind.Job, 1L), (ListingKind.Rental, 1L)], result.Hits.Select(h => (h.Kind, h.Id)).Order());
        Assert.Equal(2, result.Total);
        Assert.All(result.Hits, hit => Assert.NotNull(hit.TitleHighlight));
    }

    [ContractFact]
    public async Task Search_ReturnsNothing_WhenRestrictedToNoListings()
    {
        await IndexAsync(ListingBuilder.Rental(1), ListingBuilder.Job(2));

        var result = await Engine.SearchAsync(Query() with { Listings = [] });

        Assert.Equal(0, result.Total);
        Assert.Empty(result.Hits);
    }

    [ContractFact]
    public async Task Search_RejectsARestrictionToMoreListingsThanAPage()
    {
        await IndexAsync(ListingBuilder.Rental(1));
        var tooMany = Enumerable.Range(1, SearchQuery.MaxSize + 1).Select(i => new ListingKey(ListingKind.Rental, i)).ToList();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Engine.SearchAsync(Query() with { Listings = tooMany }));
    }

    [ContractFact]
    public async Task Related_ReportsSignals_OfEachSimilarListing()
    {
        var updated = TestClock.Now.AddDays(-5);
        await IndexAsync(
            ListingBuilder.Classified(1).Titled("Bán xe máy Honda Wave cũ"),
            ListingBuilder.Classified(2).Titled("Cần bán xe Honda Wave Alpha").Priced(9_000_000).UpdatedAt(updated));

        var related = await Engine.RelatedAsync(new RelatedQuery { Kind = ListingKind.Classified, Id = 1, Now = TestClock.Now });

        var hit = Assert.Single(related);
        Assert.True(hit.Signals.TextScore > 0);
        Assert.Equal(updated, hit.Signals.UpdatedAt);
        Assert.Equal(5, hit.Signals.AgeDays, 6);
        Assert.Equal((9_000_000L, 9_000_000L), (hit.Signals.PriceMin, hit.Signals.PriceMax));
        Assert.Null(hit.Signals.DistanceKm);
    }

    [ContractFact]
    public async Task Related_ReportsPopularity_OfEachSimilarListing()
    {
        var counts = new ListingPopularity { Impressions = 64, Views = 12, Saves = 3 };
        await IndexAsync(
            ListingBuilder.Classified(1).Titled("Bán xe máy Honda Wave cũ"),
            ListingBuilder.Classified(2).Titled("Cần bán xe Honda Wave Alpha").Popular(counts));

        var related = await Engine.RelatedAsync(new RelatedQuery { Kind = ListingKind.Classified, Id = 1, Now = TestClock.Now });

        Assert.Equal(counts, Assert.Single(related).Signals.Popularity);
    }
}
