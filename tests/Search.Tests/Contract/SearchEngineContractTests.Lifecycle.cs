using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DongNai.Domain.Listings;
using DongNai.Search.Tests.Builders;

namespace DongNai.Search.Tests.Contract;

public abstract partial class SearchEngineContractTests
{
    [ContractFact]
    public async Task Upsert_ReplacesListing_WhenVersionIsNewer()
    {
        await IndexAsync(ListingBuilder.Job(1).Titled("Tuyển thợ hàn").Version(1));

        await IndexAsync(ListingBuilder.Job(1).Titled("Tuyển thợ điện").Version(2));

        Assert.Empty(await IdsAsync(Query("thợ hàn")));
        Assert.Equal([1L], await IdsAsync(Query("thợ điện")));
        Assert.Equal(1, await Engine.CountAsync());
    }

    [ContractFact]
    public async Task Upsert_IgnoresListing_WhenVersionIsOlder()
    {
        await IndexAsync(ListingBuilder.Job(1).Titled("Tuyển thợ điện").Version(5));

        await IndexAsync(ListingBuilder.Job(1).Titled("Tuyển thợ hàn").Version(4));

        Assert.Empty(await IdsAsync(Query("thợ hàn")));
        Assert.Equal([1L], await IdsAsync(Query("thợ điện")));
    }

    [ContractFact]
    public async Task Upsert_KeepsHighestVersion_WhenOneBatchHoldsSeveral()
    {
        await IndexAsync(
            ListingBuilder.Job(1).Titled("Tuyển thợ may").Version(3),
            ListingBuilder.Job(1).Titled("Tuyển thợ điện").Version(7),
            ListingBuilder.Job(1).Titled("Tuyển thợ hàn").Version(5));

        Assert.Equal([1L], await IdsAsync(Query("thợ điện")));
        Assert.Equal(1, await Engine.CountAsync(ListingKind.Job));
    }

    [ContractFact]
    public async Task Upsert_IsIdempotent_WhenTheSameVersionIsReplayed()
    {
        var listing = ListingBuilder.Rental(1).Titled("Phòng trọ").Version(2);

        await IndexAsync(listing);
        await IndexAsync(listing);

        Assert.Equal(1, await Engine.CountAsync());
    }

    [ContractFact]
    public async Task Delete_RemovesListing()
    {
        await IndexAsync(ListingBuilder.Rental(1).Titled("Phòng trọ"), ListingBuilder.Rental(2).Titled("Phòng trọ"));

        await Engine.DeleteAsync(ListingKind.Rental, 1, version: 2);
        await Engine.RefreshAsync();

        Assert.Equal([2L], await IdsAsync(Query("phong tro")));
        Assert.Equal(1, await Engine.CountAsync());
    }

    [ContractFact]
    public async Task Delete_Sticks_WhenAnOlderUpsertIsReplayedAfterIt()
    {
        await IndexAsync(ListingBuilder.Rental(1).Titled("Phòng trọ").Version(1));
        await Engine.DeleteAsync(ListingKind.Rental, 1, version: 2);

        await IndexAsync(ListingBuilder.Rental(1).Titled("Phòng trọ").Version(1));
        await IndexAsync(ListingBuilder.Rental(1).Titled("Phòng trọ").Version(2));

        Assert.Empty(await IdsAsync(Query("phong tro")));
        Assert.Equal(0, await Engine.CountAsync());
    }

    [ContractFact]
    public async Task Delete_Sticks_WhenItArrivesBeforeTheListingWasEverIndexed()
    {
        await Engine.DeleteAsync(ListingKind.Voucher, 7, version: 3);

        await IndexAsync(ListingBuilder.Voucher(7).Titled("Giảm giá").Version(2));

        Assert.Equal(0, await Engine.CountAsync());
    }

    [ContractFact]
    public async Task Delete_IsIgnored_WhenANewerVersionIsIndexed()
    {
        await IndexAsync(ListingBuilder.Rental(1).Titled("Phòng trọ").Version(4));

        await Engine.DeleteAsync(ListingKind.Rental, 1, version: 3);
        await Engine.RefreshAsync();

        Assert.Equal([1L], await IdsAsync(Query("phong tro")));
    }

    [ContractFact]
    public async Task Upsert_RestoresListing_WhenVersionIsNewerThanTheDeletion()
    {
        await IndexAsync(ListingBuilder.Rental(1).Titled("Phòng trọ").Version(1));
        await Engine.DeleteAsync(ListingKind.Rental, 1, version: 2);

        await IndexAsync(ListingBuilder.Rental(1).Titled("Phòng trọ").Version(3));

        Assert.Equal([1L], await IdsAsync(Query("phong tro")));
    }

    [ContractFact]
    public async Task Delete_AffectsOnlyTheListingOfThatKind()
    {
        await IndexAsync(ListingBuilder.Job(1).Titled("Biên Hòa"), ListingBuilder.Rental(1).Titled("Biên Hòa"));

        await Engine.DeleteAsync(ListingKind.Job, 1, version: 1);
        await Engine.RefreshAsync();

        Assert.Equal(0, await Engine.CountAsync(ListingKind.Job));
        Assert.Equal(1, await Engine.CountAsync(ListingKind.Rental));
    }

    [ContractFact]
    public async Task Count_CountsLiveListingsByKind()
    {
        await IndexAsync(ListingBuilder.Job(1), ListingBuilder.Job(2), ListingBuilder.Rental(3), ListingBuilder.BusRoute(4));

        Assert.Equal(4, await Engine.CountAsync());
        Assert.Equal(2, await Engine.CountAsync(ListingKind.Job));
        Assert.Equal(0, await Engine.CountAsync(ListingKind.Voucher));
    }

    [ContractFact]
    public async Task Commit_KeepsListingsSearchable()
    {
        await IndexAsync(ListingBuilder.Job(1).Titled("Tuyển thợ hàn"));

        await Engine.CommitAsync();

        Assert.Equal([1L], await IdsAsync(Query("thợ hàn")));
    }

    [ContractFact]
    public async Task Rebuild_ReplacesTheWholeIndex()
    {
        await IndexAsync(ListingBuilder.Job(1).Titled("Tuyển thợ hàn"), ListingBuilder.Job(2).Titled("Tuyển thợ điện"));

        await Engine.RebuildAsync(Listings(ListingBuilder.Job(2).Titled("Tuyển thợ điện"), ListingBuilder.Job(3).Titled("Tuyển thợ may")));

        Assert.Equal([2L, 3L], (await IdsAsync(Query("tuyen tho"))).Order());
        Assert.Equal(2, await Engine.CountAsync());
    }

    [ContractFact]
    public async Task Rebuild_NeverShowsAnEmptyIndex_ToConcurrentSearches()
    {
        await IndexAsync(ScatteredListings(count: 200, seed: 1));
        using var stop = new CancellationTokenSource();
        var totals = new ConcurrentQueue<int>();
        var searching = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                totals.Enqueue((await Engine.SearchAsync(Query("phong tro") with { Size = 1 })).Total);
            }
        });

        await Engine.RebuildAsync(SlowListings(ScatteredListings(count: 300, seed: 2), searchesBetween: () => totals.Count));
        await stop.CancelAsync();
        await searching;
        var after = await Engine.SearchAsync(Query("phong tro") with { Size = 1 });

        Assert.NotEmpty(totals);
        Assert.DoesNotContain(0, totals);
        Assert.Equal(300, after.Total);
    }

    [ContractFact]
    public async Task Rebuild_KeepsWritesMadeWhileItRuns()
    {
        await IndexAsync(ListingBuilder.Job(1).Titled("Tuyển thợ hàn"), ListingBuilder.Job(2).Titled("Tuyển thợ điện"));

        async IAsyncEnumerable<SearchDocument> Source()
        {
            yield return ListingBuilder.Job(1).Titled("Tuyển thợ hàn").Build();
            await Engine.UpsertAsync([ListingBuilder.Job(3).Titled("Tuyển thợ may").Build()]);
            await Engine.DeleteAsync(ListingKind.Job, 1, version: 2);
            await Engine.UpsertAsync([ListingBuilder.Job(2).Titled("Tuyển thợ sơn").Version(2).Build()]);
            yield return ListingBuilder.Job(2).Titled("Tuyển thợ điện").Build();
        }

        await Engine.RebuildAsync(Source());
        await Engine.RefreshAsync();

        Assert.Equal([2L, 3L], (await IdsAsync(Query("tuyen tho"))).Order());
        Assert.Equal([2L], await IdsAsync(Query("thợ sơn")));
    }

    [ContractTheory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(128)]
    [InlineData(200)]
    public async Task Rebuild_IndexesEveryListingOfTheSource(int count)
    {
        await IndexAsync(ListingBuilder.Job(100_000).Titled("Tuyển thợ hàn"));

        await Engine.RebuildAsync(Listings([.. Enumerable.Range(1, count).Select(i => ListingBuilder.Rental(i).Titled($"Phòng trọ {i}"))]));

        Assert.Equal(count, await Engine.CountAsync());
        Assert.Equal(count, await Engine.CountAsync(ListingKind.Rental));
    }

    [ContractFact]
    public async Task Rebuild_KeepsTheLastOfRepeatedListings()
    {
        var many = Enumerable.Range(1, 150).Select(i => ListingBuilder.Classified(i).Titled($"Bán đồ cũ {i}")).ToList();
        many.Add(ListingBuilder.Classified(7).Titled("Bán xe đạp").Version(2));

        await Engine.RebuildAsync(Listings([.. many]));

        Assert.Equal(150, await Engine.CountAsync());
        Assert.Equal([7L], await IdsAsync(Query("xe dap")));
        Assert.Equal(149, (await Engine.SearchAsync(Query("do cu"))).Total);
    }

    [ContractFact]
    public async Task Rebuild_KeepsDeletionsSticky_AgainstReplayedOlderUpserts()
    {
        await IndexAsync(ListingBuilder.Job(1).Titled("Tuyển thợ hàn").Version(1), ListingBuilder.Job(2).Titled("Tuyển thợ điện"));
        await Engine.DeleteAsync(ListingKind.Job, 1, version: 2);

        await Engine.RebuildAsync(Listings(ListingBuilder.Job(2).Titled("Tuyển thợ điện")));
        await IndexAsync(ListingBuilder.Job(1).Titled("Tuyển thợ hàn").Version(1));

        Assert.Equal([2L], await IdsAsync(Query("tuyen tho")));
    }

    [ContractFact]
    public async Task Rebuild_LeavesTheIndexAsItWas_WhenTheSourceFails()
    {
        await IndexAsync(ListingBuilder.Job(1).Titled("Tuyển thợ hàn"));

        static async IAsyncEnumerable<SearchDocument> Failing()
        {
            yield return ListingBuilder.Job(2).Titled("Tuyển thợ điện").Build();
            await Task.Yield();
            throw new InvalidOperationException("database went away");
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => Engine.RebuildAsync(Failing()));
        await IndexAsync(ListingBuilder.Job(4).Titled("Tuyển thợ sơn"));

        Assert.Equal([1L, 4L], (await IdsAsync(Query("tuyen tho"))).Order());
    }

    protected static async IAsyncEnumerable<SearchDocument> Listings(params ListingBuilder[] listings)
    {
        foreach (var listing in listings)
        {
            await Task.Yield();
            yield return listing.Build();
        }
    }

    /// <summary>Yields the documents slowly enough that searches run while the rebuild is in progress.</summary>
    private static async IAsyncEnumerable<SearchDocument> SlowListings(
        IEnumerable<SearchDocument> documents,
        Func<int> searchesBetween,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var i = 0;
        foreach (var document in documents)
        {
            if (i++ % 50 == 0)
            {
                var before = searchesBetween();
                for (var wait = 0; wait < 200 && searchesBetween() == before; wait++)
                {
                    await Task.Delay(5, cancellationToken);
                }
            }

            yield return document;
        }
    }
}
