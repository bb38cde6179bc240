using DongNai.Domain.Listings;
using DongNai.Search.Tests.Builders;

namespace DongNai.Search.Tests.Contract;

public abstract partial class SearchEngineContractTests
{
    [ContractTheory]
    [InlineData(SearchSort.Newest)]
    [InlineData(SearchSort.PriceAscending)]
    [InlineData(SearchSort.PriceDescending)]
    [InlineData(SearchSort.Distance)]
    [InlineData(SearchSort.Relevance)]
    public async Task Search_PagesEveryHitExactlyOnce_WhileListingsAreAdded(SearchSort sort)
    {
        var random = new Random(1234);
        SearchDocument Listing(long id) => ListingBuilder.Rental(id)
            .Titled($"Phòng trọ {id}")
            .Priced(1_000_000 + (random.Next(0, 20) * 100_000))
            .At(10.90 + (random.NextDouble() * 0.1), 106.80 + (random.NextDouble() * 0.1))
            .UpdatedAt(TestClock.Now.AddMinutes(-random.Next(0, 5_000)))
            .Build();
        var original = Enumerable.Range(1, 60).Select(i => Listing(i)).ToList();
        await IndexAsync(original);
        var query = Query() with { Sort = sort, Size = 7, ReferencePoint = Places.BienHoa };

        var seen = new List<long>();
        string? cursor = null;
        var nextId = 1_000L;
        var pages = 0;
        do
        {
            var page = await Engine.SearchAsync(query with { Cursor = cursor });
            seen.AddRange(page.Hits.Select(h => h.Id));
            cursor = page.NextCursor;
            await IndexAsync([Listing(nextId++), Listing(nextId++), Listing(nextId++)]);
            pages++;
        }
        while (cursor is not null && pages < 100);

        Assert.Null(cursor);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Subset(seen.ToHashSet(), original.Select(d => d.Id).ToHashSet());
    }

    [ContractFact]
    public async Task Search_PagesInTheSameOrderAsOneBigPage()
    {
        await IndexAsync(ScatteredListings(count: 45, seed: 17));
        var query = Query("phong") with { ReferencePoint = Places.Amata };

        var onePage = (await Engine.SearchAsync(query with { Size = 100 })).Hits.Select(h => h.Id);
        var paged = (await AllHitsAsync(query with { Size = 4 })).Select(h => h.Id);

        Assert.Equal(onePage, paged);
    }

    [ContractFact]
    public async Task Search_GivesAPageOfUpTo500WithoutHighlights_InTheOrderOfThePages_AndItsCursorContinuesAfterIt()
    {
        await IndexAsync(ScatteredListings(count: 260, seed: 23));
        var query = Query("phong") with { ReferencePoint = Places.Amata, Highlight = false };

        var window = await Engine.SearchAsync(query with { Size = 250 });
        var paged = (await AllHitsAsync(query with { Size = 100 })).Select(h => h.Id).ToList();
        var after = await Engine.SearchAsync(query with { Size = 100, Cursor = window.NextCursor });

        Assert.Equal(250, window.Hits.Count);
        Assert.Equal(paged.Take(250), window.Hits.Select(h => h.Id));
        Assert.Equal(paged.Skip(250), after.Hits.Select(h => h.Id));
        await Engine.SearchAsync(query with { Size = SearchQuery.MaxUnhighlightedSize });
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Engine.SearchAsync(query with { Size = SearchQuery.MaxUnhighlightedSize + 1 }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Engine.SearchAsync(query with { Size = SearchQuery.MaxSize + 1, Highlight = true }));
    }

    [ContractFact]
    public async Task Search_ReturnsNoCursor_OnTheLastPage()
    {
        await IndexAsync(ListingBuilder.Job(1), ListingBuilder.Job(2), ListingBuilder.Job(3), ListingBuilder.Job(4));

        var first = await Engine.SearchAsync(Query() with { Sort = SearchSort.Newest, Size = 2 });
        var second = await Engine.SearchAsync(Query() with { Sort = SearchSort.Newest, Size = 2, Cursor = first.NextCursor });

        Assert.NotNull(first.NextCursor);
        Assert.Equal(2, second.Hits.Count);
        Assert.Null(second.NextCursor);
        Assert.Equal(4, second.Total);
    }

    [ContractTheory]
    [InlineData("not a cursor")]
    [InlineData("AAAA")]
    [InlineData("%%%")]
    [InlineData("")]
    public async Task Search_RejectsMalformedCursor(string cursor)
    {
        await IndexAsync(ListingBuilder.Job(1));

        await Assert.ThrowsAsync<InvalidCursorException>(() => Engine.SearchAsync(Query() with { Cursor = cursor }));
    }

    [ContractFact]
    public async Task Search_RejectsTamperedCursor()
    {
        await IndexAsync(ListingBuilder.Job(1), ListingBuilder.Job(2));
        var cursor = (await Engine.SearchAsync(Query() with { Size = 1 })).NextCursor!;
        var tampered = (cursor[5] == 'A' ? "B" : "A") is var c ? cursor[..5] + c + cursor[6..] : cursor;

        await Assert.ThrowsAsync<InvalidCursorException>(() => Engine.SearchAsync(Query() with { Size = 1, Cursor = tampered }));
        await Assert.ThrowsAsync<InvalidCursorException>(() => Engine.SearchAsync(Query() with { Size = 1, Cursor = cursor[..^2] }));
    }

    [ContractFact]
    public async Task Search_RejectsCursorOfAnotherSortOrder()
    {
        await IndexAsync(ListingBuilder.Job(1).Priced(1), ListingBuilder.Job(2).Priced(2));
        var cursor = (await Engine.SearchAsync(Query() with { Size = 1, Sort = SearchSort.PriceAscending })).NextCursor;

        await Assert.ThrowsAsync<InvalidCursorException>(() => Engine.SearchAsync(Query() with { Size = 1, Sort = SearchSort.Newest, Cursor = cursor }));
    }

    [ContractTheory]
    [InlineData(ListingKind.Job, ListingKind.Rental)]
    [InlineData(ListingKind.Job, null)]
    [InlineData(null, ListingKind.Rental)]
    public async Task Search_RejectsCursorOfAnotherKind(ListingKind? issuedFor, ListingKind? usedFor)
    {
        await IndexAsync(ListingBuilder.Job(1), ListingBuilder.Job(2), ListingBuilder.Rental(3), ListingBuilder.Rental(4));
        var sorted = Query() with { Size = 1, Sort = SearchSort.Newest };
        var cursor = (await Engine.SearchAsync(sorted with { Kind = issuedFor })).NextCursor;

        Assert.NotNull(cursor);
        await Assert.ThrowsAsync<InvalidCursorException>(() => Engine.SearchAsync(sorted with { Kind = usedFor, Cursor = cursor }));
    }
}
