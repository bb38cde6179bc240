using System.Diagnostics;
using System.Globalization;
using DongNai.Domain.Listings;
using DongNai.Domain.Listings.Cvs;
using DongNai.Domain.Listings.Jobs;
using DongNai.Domain.Places;
using DongNai.Domain.Text;
using DongNai.Search.Api.Cvs;
using DongNai.Search.Lucene;
using Npgsql;
using NpgsqlTypes;

namespace DongNai.Bench;

/// <summary>One candidate search: a synthetic job posting and what the employer types.</summary>
internal sealed record CandidateQuery(int Number, JobPosting Job, string? Text, double RadiusKm, string? Shift, long? SalaryMaxVnd)
{
    public override string ToString() =>
        $"candidates #{Number}: q={Text ?? "(none)"} radius {RadiusKm} km around ({Job.Latitude:F4}, {Job.Longitude:F4}){(Shift is null ? "" : " shift=" + Shift)}{(SalaryMaxVnd is null ? "" : " salaryMax=" + SalaryMaxVnd)}";
}

/// <summary>The candidate-search phase's figures (issue 10, item 6).</summary>
internal sealed record CandidateBenchResult(
    int Cvs,
    double IndexSeconds,
    long IndexBytes,
    double PeerCopySeconds,
    double PeerIndexSeconds,
    LatencyStats Engine,
    LatencyStats EngineAndFit,
    LatencyStats? Peer,
    int FilterChecks,
    int FilterChecksByTotal,
    long FilterIdsCompared,
    int FilterDifferences,
    double? MeanEngineTotal,
    double? MeanPeerTotal,
    double? MeanOverlapOfPeerTop,
    double? MeanOverlapOfEngineTop,
    double MeanFitWindow,
    List<string> Failures);

/// <summary>
/// Candidate search at scale (issue 10, item 6): the demo seeder makes no CVs, so this phase makes
/// its own: deterministic synthetic CVs (no personal data; desired job, skills, shift, salary
/// expectation, a park or commune of the real place catalog; all discoverable), turned into
/// documents by the CV kind descriptor (<see cref="CvKind.BuildDocument(Cv, PlaceCatalog)"/>, so only
/// the public fields the service indexes reach the engine and the peer), indexed with
/// <see cref="LuceneSearchEngine.RebuildAsync"/>; then candidate queries for synthetic job postings
/// run through the service's own code: <see cref="CandidateEndpoints.EngineQuery"/> (top 100) and
/// <see cref="CandidateEndpoints.Rank"/> (<c>CandidateFit</c>). The endpoint's database look-up
/// of which hits are still discoverable is replaced by an in-memory dictionary (every CV here is
/// discoverable). The peer answers the same queries over the same documents in SQL.
/// </summary>
internal static class CandidateBench
{
    /// <summary>Filter-only checks compare full id sets up to this many hits, the totals above.</summary>
    private const int FullIdSetLimit = 5_000;

    private static readonly (string Job, string[] Skills)[] Trades =
    [
        ("Công nhân may công nghiệp", ["may công nghiệp", "vắt sổ", "đóng gói", "kiểm hàng", "ủi"]),
        ("Thợ hàn", ["hàn điện", "hàn mig", "hàn tig", "cắt kim loại", "đọc bản vẽ"]),
        ("Công nhân điện tử", ["lắp ráp linh kiện", "hàn thiếc", "kiểm tra chất lượng", "vận hành máy smt"]),
        ("Tài xế xe nâng", ["lái xe nâng", "bằng lái c", "sắp xếp kho", "kiểm kê"]),
        ("Nhân viên kho", ["kiểm kê", "sắp xếp kho", "nhập liệu", "đóng gói", "lái xe nâng"]),
        ("Thợ điện", ["điện công nghiệp", "điện dân dụng", "bảo trì máy", "đọc bản vẽ"]),
        ("Thợ cơ khí", ["tiện", "phay", "cnc", "bảo trì máy", "đọc bản vẽ", "cắt kim loại"]),
        ("Công nhân chế biến gỗ", ["chà nhám", "sơn", "vận hành máy cưa", "đóng gói"]),
        ("Công nhân chế biến thực phẩm", ["an toàn thực phẩm", "đóng gói", "vận hành máy", "kiểm hàng"]),
        ("Nhân viên bảo vệ", ["bảo vệ", "tuần tra", "phòng cháy chữa cháy"]),
        ("Nhân viên vệ sinh công nghiệp", ["vệ sinh", "lau dọn", "phân loại rác"]),
        ("Công nhân giày da", ["may giày", "dán đế", "cắt da", "kiểm hàng"]),
        ("Nhân viên QC", ["kiểm tra chất lượng", "kiểm hàng", "tiếng hoa", "excel"]),
        ("Phụ bếp", ["nấu ăn", "an toàn thực phẩm", "vệ sinh"]),
    ];

    private static readonly string[] General = ["tiếng anh", "tiếng hàn", "excel", "word", "giao tiếp", "làm việc nhóm", "chịu khó"];

    /// <summary>The CVs, deterministic from the seed: id n is at index n − 1.</summary>
    public static Cv[] Generate(int count, int seed, PlaceCatalog places, DateTime referenceDate)
    {
        var random = new Random(unchecked(seed * 31 + 1));
        var communes = places.Communes;
        var parks = places.IndustrialParks;
        var cvs = new Cv[count];
        for (var i = 0; i < count; i++)
        {
            var (job, tradeSkills) = Trades[random.Next(Trades.Length)];
            var skills = tradeSkills.OrderBy(_ => random.Next()).Take(random.Next(1, Math.Min(4, tradeSkills.Length) + 1)).ToList();
            if (random.NextDouble() < 0.5)
            {
                skills.Add(General[random.Next(General.Length)]);
            }

            var cv = new Cv
            {
                Id = i + 1,
                OwnerId = 10_000_000 + i,
                Title = job,
                Description = "Tóm tắt tổng hợp (không được lập chỉ mục).",
                Shift = random.NextDouble() < 0.2 ? null : (JobShift)random.Next(1, 4),
                SalaryExpectationVnd = 5_000_000 + (500_000L * random.Next(0, 21)),
                Skills = skills.Distinct(StringComparer.Ordinal).ToList(),
                Availability = (CvAvailability)random.Next(1, 4),
                Education = (EducationLevel)random.Next(1, 7),
                Discoverable = true,
                Version = 1,
                CreatedAt = referenceDate.AddMinutes(-random.Next(0, 60 * 24 * 60)),
            };
            cv.UpdatedAt = cv.CreatedAt;
            if (random.NextDouble() < 0.6)
            {
                var park = parks[random.Next(parks.Count)];
                (cv.IndustrialParkCode, cv.Latitude, cv.Longitude) = (park.Code, park.Latitude, park.Longitude);
            }
            else
            {
                var commune = communes[random.Next(communes.Count)];
                (cv.CommuneCode, cv.Latitude, cv.Longitude) = (commune.Code, commune.Latitude, commune.Longitude);
            }

            cvs[i] = cv;
        }

        return cvs;
    }

    /// <summary>Synthetic job postings at a park (or a commune) and what an employer types for them.</summary>
    public static List<CandidateQuery> Queries(int count, int seed, PlaceCatalog places)
    {
        var random = new Random(unchecked(seed * 31 + 2));
        var queries = new List<CandidateQuery>(count);
        for (var i = 0; i < count; i++)
        {
            var (title, skills) = Trades[random.Next(Trades.Length)];
            var wanted = skills.OrderBy(_ => random.Next()).Take(2).ToArray();
            var min = 6_000_000L + (500_000L * random.Next(0, 10));
            var job = new JobPosting
            {
                Id = 1 + i,
                Title = "Tuyển " + title.ToLowerInvariant(),
                Description = $"Cần người biết {string.Join(", ", wanted)}.",
                Requirements = "Chăm chỉ, đi làm đúng giờ.",
                Shift = (JobShift)random.Next(1, 4),
                SalaryMinVnd = min,
                SalaryMaxVnd = min + 2_000_000 + (500_000L * random.Next(0, 6)),
            };
            if (random.NextDouble() < 0.75)
            {
                var park = places.IndustrialParks[random.Next(places.IndustrialParks.Count)];
                (job.IndustrialParkCode, job.Latitude, job.Longitude) = (park.Code, park.Latitude, park.Longitude);
            }
            else
            {
                var commune = places.Communes[random.Next(places.Communes.Count)];
                (job.CommuneCode, job.Latitude, job.Longitude) = (commune.Code, commune.Latitude, commune.Longitude);
            }

            // What employers type: a skill or the trade, without accents most of the time.
            var text = random.NextDouble() switch
            {
                < 0.5 => wanted[0],
                < 0.8 => title,
                _ => string.Join(' ', wanted),
            };
            if (random.NextDouble() < 0.7)
            {
                text = VietnameseText.FoldKey(text);
            }

            var radius = (double)(5 * random.Next(1, 7));
            var shift = random.NextDouble() < 0.4 ? ListingVocabulary.Code(job.Shift) : null;
            long? salary = random.NextDouble() < 0.4 ? job.SalaryMaxVnd : null;
            queries.Add(new CandidateQuery(i + 1, job, text, radius, shift, salary));
        }

        return queries;
    }

    /// <summary>Runs the whole phase; failures (errors, filter-only differences) are listed in the result.</summary>
    public static async Task<CandidateBenchResult> RunAsync(
        int count, int seed, int queryCount, int warmUp, int checks, double maxSeconds, string folder, string? peerConnection, PlaceCatalog places, DateTime now,
        CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        var cvs = Generate(count, seed, places, now.Date.AddDays(-1));
        var descriptor = ListingKinds.Get(ListingKind.Cv);
        var documents = cvs.Select(cv => descriptor.BuildDocument(cv, places)).ToArray();
        Ui.Good($"Generated {count:N0} synthetic CVs and their documents (CV kind descriptor) in {clock.Elapsed.TotalSeconds:F1} s");

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        using var engine = new LuceneSearchEngine(new LuceneOptions { IndexPath = folder });
        clock.Restart();
        await engine.RebuildAsync(Stream(documents), cancellationToken);
        var indexSeconds = clock.Elapsed.TotalSeconds;
        var indexBytes = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        Ui.Good($"Indexed {count:N0} CVs in {indexSeconds:F1} s ({count / Math.Max(indexSeconds, 1e-9):N0}/s), {RunResult.Bytes(indexBytes)} on disk");

        NpgsqlDataSource? peer = null;
        double copySeconds = 0, peerIndexSeconds = 0;
        if (peerConnection is not null)
        {
            peer = new NpgsqlDataSourceBuilder(peerConnection).Build();
            (copySeconds, peerIndexSeconds) = await LoadPeerAsync(peer, documents, cancellationToken);
            Ui.Good($"Peer: COPY {count:N0} CV documents in {copySeconds:F1} s, indexes and ANALYZE {peerIndexSeconds:F1} s");
        }

        try
        {
            var queries = Queries(Math.Max(queryCount, warmUp), seed, places);
            var byId = cvs;

            // Filter-only cross-check: the same queries without text must give the same CVs in the engine,
            // in a brute-force scan of the CVs in memory (the oracle) and, when it runs, in the peer.
            var filterChecks = 0;
            var filterDifferences = 0;
            var totalsOnly = 0;
            long idsCompared = 0;
            await using var connection = peer is null ? null : await peer.OpenConnectionAsync(cancellationToken);
            foreach (var query in queries.Take(checks))
            {
                var filterOnly = query with { Text = null };
                var oracle = Oracle(cvs, filterOnly);
                filterChecks++;
                if (connection is not null)
                {
                    var (peerIds, _) = await PeerAsync(connection, filterOnly, all: true, cancellationToken);
                    idsCompared += peerIds.Count;
                    Compare("peer", peerIds, oracle, filterOnly);
                }

                var first = await engine.SearchAsync(CandidateEndpoints.EngineQuery(filterOnly.Job, null, filterOnly.RadiusKm, filterOnly.Shift, filterOnly.SalaryMaxVnd, now), cancellationToken);
                if (first.Total > FullIdSetLimit)
                {
                    // Above the limit, the engine's total (paging through thousands of pages would take the phase's time).
                    totalsOnly++;
                    if (first.Total != oracle.Count)
                    {
                        filterDifferences++;
                        failures.Add($"filter-only {filterOnly}: engine total {first.Total}, oracle {oracle.Count}");
                    }

                    continue;
                }

                var engineIds = await AllEngineIdsAsync(engine, filterOnly, now, cancellationToken);
                idsCompared += engineIds.Count;
                Compare("engine", engineIds, oracle, filterOnly);
            }

            Ui.Info($"Filter-only cross-check (engine ⇄ oracle{(connection is null ? "" : " ⇄ PostgreSQL")}): {filterChecks} queries (engine: {filterChecks - totalsOnly} by full id sets, {totalsOnly} above {FullIdSetLimit:N0} hits by total; "
                + $"{idsCompared:N0} ids compared), {filterDifferences} differing");

            void Compare(string side, HashSet<long> found, HashSet<long> expected, CandidateQuery query)
            {
                if (found.SetEquals(expected))
                {
                    return;
                }

                // A CV exactly on the radius (within 1 mm) may fall either side in floating point.
                var differing = found.Except(expected).Concat(expected.Except(found)).ToList();
                var ties = differing.Count(id => Math.Abs(GeoMath.HaversineKm(query.Job.Latitude, query.Job.Longitude, cvs[id - 1].Latitude, cvs[id - 1].Longitude) - query.RadiusKm) < 1e-6);
                if (ties < differing.Count)
                {
                    filterDifferences++;
                    failures.Add($"filter-only {query}: {side} {found.Count} ids, oracle {expected.Count}, {differing.Count} differ");
                }
            }

            // Warm-up, then measured: engine (and fit) and peer take turns, the order flipping every query.
            for (var i = 0; i < warmUp; i++)
            {
                await OursAsync(engine, queries[i % queries.Count], byId, now, cancellationToken);
                if (connection is not null)
                {
                    await PeerAsync(connection, queries[i % queries.Count], all: false, cancellationToken);
                }
            }

            List<double> engineMs = [], fitMs = [], peerMs = [];
            List<double> overlapPeer = [], overlapEngine = [], engineTotals = [], peerTotals = [], windows = [];
            var measured = Stopwatch.StartNew();
            for (var i = 0; i < queryCount && measured.Elapsed.TotalSeconds < maxSeconds; i++)
            {
                var query = queries[i];
                var engineFirst = i % 2 == 0 || connection is null;
                (double Engine, double WithFit, List<long> Ids, int Total)? oursFirst = engineFirst ? await OursAsync(engine, query, byId, now, cancellationToken) : null;
                (double Ms, List<long> Ids, long Total) theirs = (0, [], 0);
                if (connection is not null)
                {
                    var start = Stopwatch.GetTimestamp();
                    var (ids, total) = await PeerAsync(connection, query, all: false, cancellationToken);
                    theirs = (Stopwatch.GetElapsedTime(start).TotalMilliseconds, ids.ToList(), total);
                }

                var ours = oursFirst ?? await OursAsync(engine, query, byId, now, cancellationToken);
                engineMs.Add(ours.Engine);
                fitMs.Add(ours.WithFit);
                windows.Add(ours.Ids.Count);
                engineTotals.Add(ours.Total);
                if (connection is not null)
                {
                    peerMs.Add(theirs.Ms);
                    peerTotals.Add(theirs.Total);
                    var a = ours.Ids.ToHashSet();
                    var b = theirs.Ids.ToHashSet();
                    var common = a.Intersect(b).Count();
                    if (b.Count > 0)
                    {
                        overlapPeer.Add(common / (double)b.Count);
                    }

                    if (a.Count > 0)
                    {
                        overlapEngine.Add(common / (double)a.Count);
                    }
                }
            }

            double? Mean(List<double> values) => values.Count == 0 ? null : Math.Round(values.Average(), 3);
            return new CandidateBenchResult(
                count, Math.Round(indexSeconds, 1), indexBytes, Math.Round(copySeconds, 1), Math.Round(peerIndexSeconds, 1),
                LatencyStats.From(engineMs, 0, engineMs.Sum() / 1000),
                LatencyStats.From(fitMs, 0, fitMs.Sum() / 1000),
                connection is null ? null : LatencyStats.From(peerMs, 0, peerMs.Sum() / 1000),
                filterChecks, totalsOnly, idsCompared, filterDifferences,
                Mean(engineTotals), Mean(peerTotals), Mean(overlapPeer), Mean(overlapEngine), Mean(windows) ?? 0, failures);
        }
        finally
        {
            if (peer is not null)
            {
                await peer.DisposeAsync();
            }
        }
    }

    /// <summary>The service's path: the engine's top 100 (<see cref="CandidateEndpoints.EngineQuery"/>), then <see cref="CandidateEndpoints.Rank"/>; times the engine alone and engine + fit.</summary>
    private static async Task<(double Engine, double WithFit, List<long> Ids, int Total)> OursAsync(
        LuceneSearchEngine engine, CandidateQuery query, Cv[] cvs, DateTime now, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await engine.SearchAsync(CandidateEndpoints.EngineQuery(query.Job, query.Text, query.RadiusKm, query.Shift, query.SalaryMaxVnd, now), cancellationToken);
        var engineMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        // Stands in for the endpoint's database look-up of the hits' CVs (still discoverable).
        var found = new Dictionary<long, Cv>(result.Hits.Count);
        foreach (var hit in result.Hits)
        {
            var cv = cvs[hit.Id - 1];
            if (cv.Discoverable)
            {
                found[hit.Id] = cv;
            }
        }

        var ranked = CandidateEndpoints.Rank(result.Hits, found, query.Job, query.RadiusKm, query.Text, 20);
        var withFit = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (ranked.Count == 0 && result.Hits.Count > 0)
        {
            throw new InvalidOperationException($"Fit ranking dropped every hit of {query}.");
        }

        return (engineMs, withFit, result.Hits.Select(h => h.Id).ToList(), result.Total);
    }

    /// <summary>The CVs a filter-only query must find, by a plain scan: within the radius (haversine), with the shift, at most the salary.</summary>
    private static HashSet<long> Oracle(Cv[] cvs, CandidateQuery query)
    {
        var shift = query.Shift;
        return cvs
            .Where(cv => cv.Discoverable
                && GeoMath.HaversineKm(query.Job.Latitude, query.Job.Longitude, cv.Latitude, cv.Longitude) <= query.RadiusKm
                && (shift is null || (cv.Shift is { } s && ListingVocabulary.Code(s) == shift))
                && (query.SalaryMaxVnd is null || cv.SalaryExpectationVnd <= query.SalaryMaxVnd))
            .Select(cv => cv.Id)
            .ToHashSet();
    }

    /// <summary>Every id the engine finds for a query, through its cursor, 100 at a time.</summary>
    private static async Task<HashSet<long>> AllEngineIdsAsync(LuceneSearchEngine engine, CandidateQuery query, DateTime now, CancellationToken cancellationToken)
    {
        var ids = new HashSet<long>();
        var search = CandidateEndpoints.EngineQuery(query.Job, query.Text, query.RadiusKm, query.Shift, query.SalaryMaxVnd, now);
        while (true)
        {
            var page = await engine.SearchAsync(search, cancellationToken);
            foreach (var hit in page.Hits)
            {
                if (!ids.Add(hit.Id))
                {
                    throw new InvalidOperationException($"Paging repeated CV {hit.Id} for {query}.");
                }
            }

            if (page.NextCursor is null || page.Hits.Count == 0)
            {
                return ids;
            }

            search = search with { Cursor = page.NextCursor };
        }
    }

    /// <summary>
    /// The peer's candidate search: full-text on the folded text (<c>plainto_tsquery</c>, the words
    /// ANDed), <c>ST_DWithin</c> on a sphere, shift and salary, ranked by <c>ts_rank_cd</c> then
    /// distance, top 100, with the total (the endpoint answers it as <c>matched</c>); with
    /// <paramref name="all"/> every matching id (the filter-only cross-check).
    /// </summary>
    private static async Task<(HashSet<long> Ids, long Total)> PeerAsync(NpgsqlConnection connection, CandidateQuery query, bool all, CancellationToken cancellationToken)
    {
        var text = query.Text is not null;
        var sql = $"""
            SELECT id, count(*) OVER () AS total
            FROM cv{(text ? ", plainto_tsquery('simple', vn_fold(@q)) AS tq" : "")}
            WHERE ST_DWithin(geog, ST_SetSRID(ST_MakePoint(@lon, @lat), 4326)::geography, @m, false)
            {(text ? "AND tsv @@ tq" : "")}
            {(query.Shift is null ? "" : "AND shift = @shift")}
            {(query.SalaryMaxVnd is null ? "" : "AND salary <= @salary")}
            ORDER BY {(text ? "ts_rank_cd(tsv, tq) DESC, " : "")}ST_Distance(geog, ST_SetSRID(ST_MakePoint(@lon, @lat), 4326)::geography, false), id
            {(all ? "" : "LIMIT 100")}
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("lat", query.Job.Latitude);
        command.Parameters.AddWithValue("lon", query.Job.Longitude);
        command.Parameters.AddWithValue("m", query.RadiusKm * 1000);
        if (text)
        {
            command.Parameters.AddWithValue("q", query.Text!);
        }

        if (query.Shift is not null)
        {
            command.Parameters.AddWithValue("shift", query.Shift);
        }

        if (query.SalaryMaxVnd is not null)
        {
            command.Parameters.AddWithValue("salary", query.SalaryMaxVnd.Value);
        }

        var ids = new HashSet<long>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
            total = reader.GetInt64(1);
        }

        return (ids, total);
    }

    /// <summary>The same documents into a table of their own: the title and the indexed text folded into a tsvector, the point, the shift and the salary.</summary>
    private static async Task<(double Copy, double Index)> LoadPeerAsync(NpgsqlDataSource peer, SearchDocument[] documents, CancellationToken cancellationToken)
    {
        await using var connection = await peer.OpenConnectionAsync(cancellationToken);
        string[] schema =
        [
            "CREATE EXTENSION IF NOT EXISTS postgis",
            "CREATE EXTENSION IF NOT EXISTS unaccent",
            """
            CREATE OR REPLACE FUNCTION vn_fold(text) RETURNS text
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            AS $$ SELECT lower(translate(public.unaccent('public.unaccent'::regdictionary, $1), 'đĐ', 'dD')) $$
            """,
            "DROP TABLE IF EXISTS cv",
            """
            CREATE TABLE cv (
                id bigint PRIMARY KEY,
                title text NOT NULL,
                body text NOT NULL,
                lat double precision NOT NULL,
                lon double precision NOT NULL,
                salary bigint NOT NULL,
                shift text,
                geog geography(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography) STORED,
                tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', vn_fold(title)), 'A') || setweight(to_tsvector('simple', vn_fold(body)), 'B')) STORED
            )
            """,
        ];
        foreach (var statement in schema)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var clock = Stopwatch.StartNew();
        await using (var writer = await connection.BeginBinaryImportAsync("COPY cv (id, title, body, lat, lon, salary, shift) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var document in documents)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(document.Id, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(document.Title, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(document.ExtraText ?? "", NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(document.Latitude!.Value, NpgsqlDbType.Double, cancellationToken);
                await writer.WriteAsync(document.Longitude!.Value, NpgsqlDbType.Double, cancellationToken);
                await writer.WriteAsync(document.Price!.Value, NpgsqlDbType.Bigint, cancellationToken);
                if (document.Keywords.TryGetValue(CvKind.Shift, out var shift) && shift.Count > 0)
                {
                    await writer.WriteAsync(shift[0], NpgsqlDbType.Text, cancellationToken);
                }
                else
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }

        var copy = clock.Elapsed.TotalSeconds;
        clock.Restart();
        foreach (var statement in (string[])["CREATE INDEX cv_tsv ON cv USING gin (tsv)", "CREATE INDEX cv_geog ON cv USING gist (geog)", "CREATE INDEX cv_salary ON cv (salary)", "CREATE INDEX cv_shift ON cv (shift)", "ANALYZE cv"])
        {
            await using var command = new NpgsqlCommand(statement, connection) { CommandTimeout = 600 };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return (copy, clock.Elapsed.TotalSeconds);
    }

    private static async IAsyncEnumerable<SearchDocument> Stream(SearchDocument[] documents)
    {
        foreach (var document in documents)
        {
            yield return document;
        }

        await Task.CompletedTask;
    }

    /// <summary>The phase's summary for the console and docs/benchmarks.md.</summary>
    public static string Markdown(CandidateBenchResult r)
    {
        static string Row(string name, LatencyStats s) => string.Create(CultureInfo.InvariantCulture, $"| {name} | {s.MedianMs:0.###} | {s.P95Ms:0.###} | {s.P99Ms:0.###} | {s.MeanMs:0.###} | {s.Count} |");
        var lines = new List<string>
        {
            "| candidate search | p50 ms | p95 ms | p99 ms | mean ms | n |",
            "|---|---:|---:|---:|---:|---:|",
            Row("engine (top 100)", r.Engine),
            Row("engine + CandidateFit (page of 20)", r.EngineAndFit),
        };
        if (r.Peer is not null)
        {
            lines.Add(Row("PostgreSQL + PostGIS (top 100 and total)", r.Peer));
        }

        return string.Join('\n', lines);
    }
}
