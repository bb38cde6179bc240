using DongNai.Search.Tests.Contract;

namespace DongNai.Search.Lucene.Tests;

/// <summary>The engine contract on a real Lucene index in a temporary folder; small rebuild batches so rebuilds in tests index in the background too.</summary>
public sealed class LuceneSearchEngineTests : SearchEngineContractTests
{
    private readonly string _indexPath = TemporaryFolder.NewPath();

    protected override ISearchEngine CreateEngine() => new LuceneSearchEngine(new LuceneOptions { IndexPath = _indexPath, RebuildBatchSize = 64 });

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        TemporaryFolder.Delete(_indexPath);
    }
}

/// <summary>A folder under the system temp folder, deleted with everything in it on dispose.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = NewPath();

    public static string NewPath() => System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dongnai-search-tests", Guid.NewGuid().ToString("N"));

    public static void Delete(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    public void Dispose() => Delete(Path);
}
