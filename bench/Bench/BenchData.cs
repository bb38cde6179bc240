using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Places;
using DongNai.Domain.PostgreSql;
using DongNai.Domain.Text;
using DongNai.Indexers;
using DongNai.Search;
using DongNai.Search.Lucene;
using DongNai.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DongNai.Bench;

/// <summary>What the data folder holds, written once the index is built so that <c>--reuse</c> can trust it.</summary>
internal sealed record DataMarker(int Listings, int Seed, DateTime ReferenceDate, string Commit);

internal sealed record SeedResult(int Listings, int Jobs, int Rentals, int Classifieds, int Vouchers, int BusRoutes, double Seconds, long DatabaseBytes)
{
    public double ListingsPerSecond => Listings / Math.Max(Seconds, 1e-9);
}

internal sealed record BuildResult(
    long Documents,
    double Seconds,
    long IndexBytes,
    long PeakRssBytes,
    long AllocatedBytes,
    double CpuSeconds,
    double SourceReadSeconds,
    long SourceDocuments)
{
    public double DocumentsPerSecond => Documents / Math.Max(Seconds, 1e-9);

    /// <summary>Reading the rows from SQLite and building the documents alone, without the engine.</summary>
    public double SourceDocumentsPerSecond => SourceDocuments / Math.Max(SourceReadSeconds, 1e-9);
}

/// <summary>
/// The benchmark's data folder, laid out as the service's <c>Storage:DataPath</c>
/// (<c>dongnai.db</c>, <c>index/</c>), so the service can be started over it unchanged.
/// Seeds it with the real seeder and builds the index with the real rebuilder. With
/// <paramref name="serverConnection"/> the system of record is that PostgreSQL database instead of
/// the SQLite file (the service's <c>Database:Provider=PostgreSql</c>); the folder then holds the
/// index, the keys and the marker.
/// </summary>
internal sealed class BenchData(string folder, string? serverConnection = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Folder => folder;

    public DatabaseProvider Provider => serverConnection is null ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql;

    public string DatabasePath => Path.Combine(folder, "dongnai.db");

    public string IndexPath => Path.Combine(folder, "index");

    private string MarkerPath => Path.Combine(folder, "bench-data.json");

    /// <summary>The system of record's connection string: the SQLite file, or the PostgreSQL database.</summary>
    public string ConnectionString => serverConnection ?? $"Data Source={DatabasePath};Cache=Shared;Pooling=True";

    public AppDbContext NewContext() => serverConnection is null
        ? new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(ConnectionString).Options)
        : new PostgreSqlAppDbContext(new DbContextOptionsBuilder<PostgreSqlAppDbContext>().UseNpgsql(ConnectionString).Options);

    /// <summary>The service's command-line overrides that point it at this system of record.</summary>
    public IReadOnlyList<string> ServiceArguments() => serverConnection is null
        ? []
        : ["--Database:Provider=PostgreSql", $"--ConnectionStrings:Database={serverConnection}"];

    public DataMarker? ReadMarker()
    {
        try
        {
            return File.Exists(MarkerPath) && (serverConnection is not null || File.Exists(DatabasePath)) && Directory.Exists(IndexPath)
                ? JsonSerializer.Deserialize<DataMarker>(File.ReadAllText(MarkerPath), Json)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void WriteMarker(DataMarker marker) => File.WriteAllText(MarkerPath, JsonSerializer.Serialize(marker, Json));

    /// <summary>Empties the folder, creates the schema and seeds <paramref name="listings"/> demo listings.</summary>
    public async Task<SeedResult> SeedAsync(int listings, int seed, DateTime referenceDate, CancellationToken cancellationToken)
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        if (serverConnection is not null)
        {
            await RecreateServerDatabaseAsync(cancellationToken);
        }

        await using (var db = NewContext())
        {
            await db.Database.MigrateAsync(cancellationToken);
            if (serverConnection is null)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
        }

        var clock = Stopwatch.StartNew();
        var result = await Ui.ProgressAsync($"Seeding {listings:N0} listings (seed {seed})", listings, async report =>
        {
            await using var db = NewContext();
            return await DemoDatabaseSeeder.SeedDemoAsync(db, listings, seed, referenceDate, new InlineProgress<int>(n => report(n)), cancellationToken);
        });
        clock.Stop();
        SqliteConnection.ClearAllPools();
        var counts = result.Listings;
        return new SeedResult(counts.Total, counts.Of(ListingKind.Job), counts.Of(ListingKind.Rental), counts.Of(ListingKind.Classified), counts.Of(ListingKind.Voucher), counts.Of(ListingKind.BusRoute), clock.Elapsed.TotalSeconds, await DatabaseBytesAsync(cancellationToken));
    }

    /// <summary>The system of record's size: the SQLite folder, or <c>pg_database_size</c>.</summary>
    public async Task<long> DatabaseBytesAsync(CancellationToken cancellationToken)
    {
        if (serverConnection is null)
        {
            return FolderBytes(folder);
        }

        await using var connection = new NpgsqlConnection(serverConnection);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>How many listings the system of record holds (for <c>--reuse</c> on PostgreSQL, whose database the marker file cannot vouch for).</summary>
    public async Task<long> CountListingsAsync(CancellationToken cancellationToken)
    {
        await using var db = NewContext();
        var total = 0L;
        foreach (var kind in ListingKinds.Descriptors)
        {
            total += await kind.CountAsync(db, cancellationToken);
        }

        return total;
    }

    /// <summary>PostgreSQL: drops the service's database (closing its connections) and creates it empty, through the server's <c>postgres</c> database.</summary>
    private async Task RecreateServerDatabaseAsync(CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(serverConnection);
        var name = target.Database ?? throw new InvalidOperationException("The service's PostgreSQL connection string names no database.");
        var maintenance = new NpgsqlConnectionStringBuilder(serverConnection) { Database = "postgres", Pooling = false };
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var quoted = "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        foreach (var sql in (string[])[$"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)", $"CREATE DATABASE {quoted}"])
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Every listing as the search document the indexer would build, kind by kind in id order, as <see cref="IndexRebuilder"/> reads them.</summary>
    public async IAsyncEnumerable<SearchDocument> ReadDocumentsAsync(PlaceCatalog places, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = NewContext();
        foreach (var kind in ListingKinds.Descriptors)
        {
            await foreach (var listing in kind.StreamAllAsync(db, cancellationToken))
            {
                yield return kind.BuildDocument(listing, places);
            }
        }
    }

    /// <summary>
    /// Builds the index the way the service does (<see cref="IndexRebuilder"/> over the system of record
    /// (the SQLite file or PostgreSQL) into a <see cref="LuceneSearchEngine"/>) and measures it: wall time, CPU time, managed
    /// allocations, this process's peak resident memory during the build, and the size on disk.
    /// Returns the engine, open on the new index.
    /// </summary>
    public async Task<(LuceneSearchEngine Engine, BuildResult Result)> BuildIndexAsync(
        PlaceCatalog places, long expected, double sourceReadSeconds, long sourceDocuments, CancellationToken cancellationToken)
    {
        if (Directory.Exists(IndexPath))
        {
            Directory.Delete(IndexPath, recursive: true);
        }

        var engine = new LuceneSearchEngine(new LuceneOptions { IndexPath = IndexPath });
        var collection = new ServiceCollection()
            .AddLogging()
            .AddSingleton(places)
            .AddSingleton<ISearchEngine>(engine)
            .AddIndexing();
        _ = serverConnection is null
            ? collection.AddDbContext<AppDbContext>(options => options.UseSqlite(ConnectionString))
            : collection.AddDbContext<AppDbContext, PostgreSqlAppDbContext>(options => options.UseNpgsql(ConnectionString));
        var services = collection.BuildServiceProvider();
        await using (services)
        {
            var rebuilder = services.GetRequiredService<IndexRebuilder>();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var self = Environment.ProcessId;
            ProcessMemory.ResetPeak(self);
            var allocated = GC.GetTotalAllocatedBytes(precise: false);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var documents = await Ui.ProgressAsync($"Indexing {expected:N0} listings from {(serverConnection is null ? "SQLite" : "PostgreSQL")} (IndexRebuilder → LuceneSearchEngine.RebuildAsync)", expected, report =>
                rebuilder.RebuildAsync(new InlineProgress<long>(n => report(n)), cancellationToken));
            clock.Stop();
            var result = new BuildResult(
                documents,
                clock.Elapsed.TotalSeconds,
                FolderBytes(IndexPath),
                ProcessMemory.PeakBytes(self),
                GC.GetTotalAllocatedBytes(precise: false) - allocated,
                (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds,
                sourceReadSeconds,
                sourceDocuments);
            return (engine, result);
        }
    }

    public static long FolderBytes(string path) =>
        Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length) : 0;
}

/// <summary>
/// The autocomplete phrases of a listing as the engine indexes them (the title, and each suggest
/// phrase from each of its first four words on), for the peer's suggestion table. Mirrors
/// <c>DocumentMapper.SuggestTerms</c> in Search/, which is internal.
/// </summary>
internal static class SuggestPhrases
{
    private const int MaxLength = 100;
    private const int MaxSuffixes = 4;

    public static IEnumerable<(string Folded, string Display)> Of(SearchDocument document)
    {
        var seen = new HashSet<(string, string)>();
        var display = Display(document.Title);
        var key = VietnameseText.FoldKey(display);
        if (key.Length > 0 && seen.Add((key, display)))
        {
            yield return (key, display);
        }

        foreach (var phrase in document.SuggestTerms)
        {
            display = Display(phrase);
            key = VietnameseText.FoldKey(display);
            var start = 0;
            for (var suffix = 0; suffix < MaxSuffixes && start < key.Length; suffix++)
            {
                if (seen.Add((key[start..], display)))
                {
                    yield return (key[start..], display);
                }

                var space = key.IndexOf(' ', start);
                if (space < 0)
                {
                    break;
                }

                start = space + 1;
            }
        }
    }

    private static string Display(string text)
    {
        var collapsed = string.Join(' ', text.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (collapsed.Length <= MaxLength)
        {
            return collapsed;
        }

        var cut = collapsed.LastIndexOf(' ', MaxLength);
        return collapsed[..(cut > 0 ? cut : MaxLength)];
    }
}
