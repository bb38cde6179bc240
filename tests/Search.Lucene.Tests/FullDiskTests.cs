using DongNai.Domain.Listings;
using DongNai.Search.Tests.Builders;

namespace DongNai.Search.Lucene.Tests;

/// <summary>
/// The index folder's disk fills up: writes fail with an <see cref="IOException"/> the caller can
/// retry, searches keep answering from the last good index, a background merge that runs out of
/// space leaves the process and the index as they were, and once there is room again the same writes apply.
/// </summary>
public sealed class FullDiskTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly FullDisk _disk = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Writes_FailAndSearchesKeepTheLastGoodIndex_WhileTheDiskIsFull_AndApplyOnceThereIsRoom()
    {
        using var engine = CreateEngine();
        await engine.UpsertAsync([.. Enumerable.Range(1, 20).Select(id => Rental(id, $"Phòng trọ số {id} gần KCN Amata"))]);
        await engine.CommitAsync();
        await engine.RefreshAsync();
        SearchDocument[] whileFull =
        [
            .. Enumerable.Range(21, 5).Select(id => Rental(id, $"Nhà nguyên căn số {id} Long Thành")),
            ListingBuilder.Rental(5).Version(2).Titled("Căn hộ số 5 Trảng Bom").Build(),
        ];

        _disk.Fill();
        var failure = await Record.ExceptionAsync(async () =>
        {
            await engine.UpsertAsync(whileFull);
            await engine.CommitAsync();
        });
        var countWhileFull = await engine.CountAsync();
        var oldTitleWhileFull = await IdsAsync(engine, "Amata");
        var newTitleWhileFull = await IdsAsync(engine, "Long Thành");
        _disk.MakeRoom();
        await engine.UpsertAsync(whileFull);
        await engine.CommitAsync();
        await engine.RefreshAsync();

        Assert.IsType<IOException>(failure, exactMatch: false);
        Assert.True(_disk.FailedWrites > 0);
        Assert.Equal(20, countWhileFull);
        Assert.Equal(Enumerable.Range(1, 20).Select(id => (long)id).Order(), oldTitleWhileFull.Order());
        Assert.Empty(newTitleWhileFull);
        Assert.Equal(25, await engine.CountAsync());
        Assert.Equal([21L, 22, 23, 24, 25], (await IdsAsync(engine, "Long Thành")).Order());
        Assert.Equal([5L], await IdsAsync(engine, "Trảng Bom"));
        Assert.DoesNotContain(5L, await IdsAsync(engine, "Amata"));
    }

    [Fact]
    public async Task Commit_KeepsTheProcessAndTheIndex_WhenABackgroundMergeRunsOutOfSpace()
    {
        using var engine = CreateEngine();
        _disk.FillForMerges();

        // Each commit flushes a small segment; soon the merge policy merges them, and that merge fails
        // on its own thread (Lucene.NET keeps the exception there rather than ending the process).
        var written = 0;
        while (_disk.FailedWrites == 0 && written < 200)
        {
            written++;
            await engine.UpsertAsync([Rental(written, $"Phòng trọ số {written} Biên Hòa")]);
            await engine.CommitAsync();
        }

        _disk.MakeRoom();
        written++;
        await engine.UpsertAsync([Rental(written, $"Phòng trọ số {written} Biên Hòa")]);
        await engine.CommitAsync();
        await engine.RefreshAsync();

        Assert.True(_disk.FailedWrites > 0, "No merge ran out of space: the test proved nothing.");
        Assert.Equal(written, await engine.CountAsync());
        using var reopened = ReopenAfter(engine);
        Assert.Equal(written, await reopened.CountAsync());
    }

    private LuceneSearchEngine CreateEngine() =>
        new(new LuceneOptions { IndexPath = _folder.Path, OpenDirectory = _disk.Open });

    private LuceneSearchEngine ReopenAfter(LuceneSearchEngine engine)
    {
        engine.Dispose();
        return new LuceneSearchEngine(new LuceneOptions { IndexPath = _folder.Path });
    }

    private static SearchDocument Rental(long id, string title) => ListingBuilder.Rental(id).Titled(title).Build();

    private static async Task<List<long>> IdsAsync(LuceneSearchEngine engine, string text)
    {
        var result = await engine.SearchAsync(new SearchQuery { Kind = ListingKind.Rental, Text = text, Size = SearchQuery.MaxSize, Now = TestClock.Now });
        return [.. result.Hits.Select(hit => hit.Id)];
    }
}
