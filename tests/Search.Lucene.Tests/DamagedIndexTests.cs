using DongNai.Search.Tests.Builders;

namespace DongNai.Search.Lucene.Tests;

/// <summary>
/// An index folder damaged on disk (a truncated segment file, a lost <c>segments_N</c>) must not stop
/// the engine from opening: it sets the damaged generation aside, beside the index folder, and opens
/// an empty index that the database can refill.
/// </summary>
public sealed class DamagedIndexTests : IDisposable
{
    private readonly TemporaryFolder _root = new();

    private string IndexPath => Path.Combine(_root.Path, "index");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Open_SetsTheIndexAsideAndStartsEmpty_WhenASegmentFileIsTruncated()
    {
        var generation = await WriteCommittedIndexAsync();
        var segmentFile = Directory.EnumerateFiles(generation)
            .Where(file => !Path.GetFileName(file).StartsWith("segments", StringComparison.Ordinal) && !file.EndsWith("write.lock", StringComparison.Ordinal))
            .OrderByDescending(file => new FileInfo(file).Length)
            .First();
        using (var stream = new FileStream(segmentFile, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(stream.Length / 2);
        }

        using var engine = new LuceneSearchEngine(new LuceneOptions { IndexPath = IndexPath });
        await engine.UpsertAsync([ListingBuilder.Rental(7).Titled("Phòng trọ Long Thành").Build()]);
        await engine.RefreshAsync();

        Assert.Equal(1, await engine.CountAsync());
        var aside = Assert.Single(DamagedFolders());
        Assert.Contains(Path.GetFileName(segmentFile), Directory.EnumerateFiles(aside, "*", SearchOption.AllDirectories).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Open_SetsTheIndexAsideAndStartsEmpty_WhenSegmentsFileIsMissing()
    {
        var generation = await WriteCommittedIndexAsync();
        foreach (var file in Directory.EnumerateFiles(generation, "segments_*"))
        {
            File.Delete(file);
        }

        using var engine = new LuceneSearchEngine(new LuceneOptions { IndexPath = IndexPath });
        await engine.UpsertAsync([ListingBuilder.Rental(7).Titled("Phòng trọ Long Thành").Build()]);
        await engine.CommitAsync();
        await engine.RefreshAsync();

        Assert.Equal(1, await engine.CountAsync());
        Assert.Single(DamagedFolders());
    }

    [Fact]
    public async Task Open_KeepsTheIndex_WhenItIsSound()
    {
        await WriteCommittedIndexAsync();

        using var engine = new LuceneSearchEngine(new LuceneOptions { IndexPath = IndexPath });

        Assert.Equal(40, await engine.CountAsync());
        Assert.Empty(DamagedFolders());
    }

    /// <summary>Writes 40 listings, commits and closes; returns the live generation's folder.</summary>
    private async Task<string> WriteCommittedIndexAsync()
    {
        using (var engine = new LuceneSearchEngine(new LuceneOptions { IndexPath = IndexPath }))
        {
            await engine.UpsertAsync([.. Enumerable.Range(1, 40).Select(id => ListingBuilder.Rental(id).Titled($"Phòng trọ số {id} gần KCN Amata").Build())]);
            await engine.CommitAsync();
        }

        return Path.Combine(IndexPath, File.ReadAllText(Path.Combine(IndexPath, "current")).Trim());
    }

    private IEnumerable<string> DamagedFolders() => Directory.EnumerateDirectories(_root.Path, "index-damaged-*");
}
