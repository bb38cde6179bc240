using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DongNai.Domain.Listings;
using DongNai.Domain.Listings.BusRoutes;
using DongNai.Domain.Listings.Classifieds;
using DongNai.Domain.Listings.Jobs;
using DongNai.Domain.Listings.Rentals;
using DongNai.Domain.Listings.Vouchers;
using DongNai.Domain.Places;
using DongNai.Domain.Text;
using DongNai.Search;
using Npgsql;
using NpgsqlTypes;

namespace DongNai.Bench;

internal sealed record PeerLoadResult(
    string ServerVersion,
    string PostgisVersion,
    bool Reused,
    long Rows,
    double CopySeconds,
    double IndexSeconds,
    double StatisticsSeconds,
    long TableBytes,
    long IndexBytes,
    int FoldingChecked,
    int FoldingAgreed,
    IReadOnlyList<string> Settings)
{
    public double TotalSeconds => CopySeconds + IndexSeconds + StatisticsSeconds;
}

/// <summary>One query of the mix as SQL, with its parameters (created afresh for every execution).</summary>
internal sealed record PeerStatement(string Sql, Func<NpgsqlParameter[]> Parameters);

/// <summary>What the peer's search statement returned, for the cross-check.</summary>
internal sealed record PeerSearchAnswer(int Total, Dictionary<string, Dictionary<string, int>> Facets);

/// <summary>
/// The peer: the same listings in PostgreSQL 15 + PostGIS 3, queried with the SQL a competent team
/// would write. One table partitioned by kind (each kind's indexes stay small, and a kind literal
/// prunes to one partition); a stored tsvector of the folded text (unaccent plus đ → d, in SQL)
/// under GIN; a geography point under GiST for radius filters and distances, and a geometry point
/// under GiST for viewport boxes; b-trees on price, category codes and update time. A search is one
/// statement and one round trip: a materialised CTE of the filtered rows, then the count, the page
/// (keyset-friendly ORDER BY … kind, id LIMIT n), one GROUP BY per facet and the price bands.
/// </summary>
internal sealed class PostgresPeer(NpgsqlDataSource source) : IAsyncDisposable
{
    /// <summary>Keyword field → column (and whether it holds several values).</summary>
    private static readonly Dictionary<string, (string Column, bool Many)> Columns = new(StringComparer.Ordinal)
    {
        [JobKind.Shift] = ("kw_shift", false),
        [JobKind.JobType] = ("kw_job_type", false),
        [JobKind.Benefits] = ("kw_benefits", true),
        [KeywordFields.Park] = ("kw_park", false),
        [KeywordFields.Commune] = ("kw_commune", false),
        [RentalKind.RentalType] = ("kw_rental_type", false),
        [RentalKind.Amenities] = ("kw_amenities", true),
        [KeywordFields.Category] = ("kw_category", false),
        [ClassifiedKind.Condition] = ("kw_condition", false),
        [VoucherKind.Brand] = ("kw_brand", false),
        [BusRouteKind.Origin] = ("kw_origin", false),
        [BusRouteKind.Destination] = ("kw_destination", false),
        [BusRouteKind.Stop] = ("kw_stops", true),
        [BusRouteKind.Scope] = ("kw_scope", false),
    };

    private static readonly string[] Schema =
    [
        "DROP TABLE IF EXISTS listing, suggestion, lexeme_df, bench_meta CASCADE",
        """
        CREATE OR REPLACE FUNCTION vn_fold(text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT lower(translate(public.unaccent('public.unaccent'::regdictionary, $1), 'đĐ', 'dD')) $$
        """,
        $"""
        CREATE TABLE listing (
            kind smallint NOT NULL,
            id bigint NOT NULL,
            title text NOT NULL,
            body text NOT NULL,
            lat double precision,
            lon double precision,
            price_min bigint,
            price_max bigint,
            area double precision,
            updated_at timestamptz NOT NULL,
            expires_at timestamptz,
            sold_out boolean NOT NULL,
            {string.Join(",\n    ", Columns.Values.Select(c => $"{c.Column} text{(c.Many ? "[]" : "")}"))},
            geog geography(Point, 4326) GENERATED ALWAYS AS (CASE WHEN lat IS NULL OR lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography END) STORED,
            geom geometry(Point, 4326) GENERATED ALWAYS AS (CASE WHEN lat IS NULL OR lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(lon, lat), 4326) END) STORED,
            tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', vn_fold(title)), 'A') || setweight(to_tsvector('simple', vn_fold(body)), 'B')) STORED,
            PRIMARY KEY (kind, id)
        ) PARTITION BY LIST (kind)
        """,
        .. ListingKinds.All.Select(kind => $"CREATE TABLE listing_{kind.Slug().Replace('-', '_')} PARTITION OF listing FOR VALUES IN ({(int)kind})"),
        "CREATE TABLE suggestion (kind smallint NOT NULL, folded text NOT NULL, display text NOT NULL, listings integer NOT NULL)",
        "CREATE TABLE bench_meta (listings integer NOT NULL, seed integer NOT NULL, reference_date timestamptz NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now())",
    ];

    private static readonly string[] Indexes =
    [
        "CREATE INDEX listing_tsv ON listing USING gin (tsv)",
        "CREATE INDEX listing_geog ON listing USING gist (geog)",
        "CREATE INDEX listing_geom ON listing USING gist (geom)",
        "CREATE INDEX listing_price_min ON listing (price_min)",
        "CREATE INDEX listing_price_max ON listing (price_max)",
        "CREATE INDEX listing_updated ON listing (updated_at DESC, kind, id)",
        "CREATE INDEX listing_category ON listing (kw_category)",
        "CREATE INDEX listing_rental_type ON listing (kw_rental_type)",
        "CREATE INDEX listing_shift ON listing (kw_shift)",
        "CREATE INDEX listing_job_type ON listing (kw_job_type)",
        "CREATE INDEX listing_amenities ON listing USING gin (kw_amenities)",
        "CREATE INDEX suggestion_folded ON suggestion (folded text_pattern_ops, display)",
        "CREATE INDEX suggestion_kind_folded ON suggestion (kind, folded text_pattern_ops, display)",
    ];

    private const string CopyColumns =
        "kind, id, title, body, lat, lon, price_min, price_max, area, updated_at, expires_at, sold_out, "
        + "kw_shift, kw_job_type, kw_benefits, kw_park, kw_commune, kw_rental_type, kw_amenities, kw_category, kw_condition, kw_brand, kw_origin, kw_destination, kw_stops, kw_scope";

    public NpgsqlDataSource Source => source;

    public static async Task<PostgresPeer> ConnectAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var peer = new PostgresPeer(builder.Build());
        await using var connection = await peer.Source.OpenConnectionAsync(cancellationToken);
        await Execute(connection, "CREATE EXTENSION IF NOT EXISTS postgis", cancellationToken);
        await Execute(connection, "CREATE EXTENSION IF NOT EXISTS unaccent", cancellationToken);
        return peer;
    }

    public async Task<bool> HoldsAsync(DataMarker marker, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('bench_meta') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            return false;
        }

        await using var command = new NpgsqlCommand("SELECT count(*) FROM bench_meta WHERE listings = @l AND seed = @s AND reference_date = @r", connection);
        command.Parameters.AddWithValue("l", marker.Listings);
        command.Parameters.AddWithValue("s", marker.Seed);
        command.Parameters.AddWithValue("r", DateTime.SpecifyKind(marker.ReferenceDate, DateTimeKind.Utc));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    /// <summary>Describes what is loaded without loading (for <c>--reuse</c>).</summary>
    public async Task<PeerLoadResult> DescribeAsync(bool reused, PeerLoadResult? measured, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        var version = (string)(await Scalar(connection, "SHOW server_version", cancellationToken))!;
        var postgis = (string)(await Scalar(connection, "SELECT postgis_lib_version()", cancellationToken))!;
        var rows = (long)(await Scalar(connection, "SELECT count(*) FROM listing", cancellationToken))!;
        var tableBytes = (long)(await Scalar(connection, "SELECT coalesce(sum(pg_table_size(inhrelid)), 0)::bigint FROM pg_inherits WHERE inhparent = 'listing'::regclass", cancellationToken))!;
        var indexBytes = (long)(await Scalar(connection, "SELECT coalesce(sum(pg_indexes_size(inhrelid)), 0)::bigint FROM pg_inherits WHERE inhparent = 'listing'::regclass", cancellationToken))!;
        var settings = new List<string>();
        foreach (var name in (string[])["shared_buffers", "effective_cache_size", "work_mem", "maintenance_work_mem", "random_page_cost", "max_parallel_workers_per_gather", "jit"])
        {
            settings.Add($"{name}={await Scalar(connection, $"SHOW {name}", cancellationToken)}");
        }

        return new PeerLoadResult(
            version, postgis, reused, rows,
            measured?.CopySeconds ?? 0, measured?.IndexSeconds ?? 0, measured?.StatisticsSeconds ?? 0,
            tableBytes, indexBytes, measured?.FoldingChecked ?? 0, measured?.FoldingAgreed ?? 0, settings);
    }

    /// <summary>Creates the schema, copies every listing in (binary COPY), builds the indexes and statistics, and checks that SQL folds text as the engine does.</summary>
    public async Task<PeerLoadResult> LoadAsync(
        BenchData data, PlaceCatalog places, ReferenceIndex reference, DataMarker marker, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        foreach (var statement in Schema)
        {
            await Execute(connection, statement, cancellationToken);
        }

        var copy = Stopwatch.StartNew();
        long rows = 0;
        await Ui.ProgressAsync($"Peer: COPY {reference.Count:N0} listings into PostgreSQL", reference.Count, async report =>
        {
            await using var writer = await connection.BeginBinaryImportAsync($"COPY listing ({CopyColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            await foreach (var document in data.ReadDocumentsAsync(places, cancellationToken))
            {
                await WriteRowAsync(writer, document, cancellationToken);
                if (++rows % 10_000 == 0)
                {
                    report(rows);
                }
            }

            await writer.CompleteAsync(cancellationToken);
        });

        await using (var writer = await connection.BeginBinaryImportAsync("COPY suggestion (kind, folded, display, listings) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var ((kind, folded, display), count) in reference.Suggestions)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync((short)kind, NpgsqlDbType.Smallint, cancellationToken);
                await writer.WriteAsync(folded, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(display, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(count, NpgsqlDbType.Integer, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        copy.Stop();

        var indexing = Stopwatch.StartNew();
        await Ui.ProgressAsync("Peer: building indexes (GIN tsvector, GiST geography/geometry, b-trees)", Indexes.Length, async report =>
        {
            for (var i = 0; i < Indexes.Length; i++)
            {
                await Execute(connection, Indexes[i], cancellationToken);
                report(i + 1);
            }
        });
        indexing.Stop();

        var statistics = Stopwatch.StartNew();
        Ui.Info("Peer: ANALYZE and word document frequencies (ts_stat) for related items");
        await Execute(connection, "ANALYZE listing", cancellationToken);
        await Execute(connection, "ANALYZE suggestion", cancellationToken);
        await Execute(connection, "CREATE TABLE lexeme_df AS SELECT word, ndoc FROM ts_stat('SELECT tsv FROM listing')", cancellationToken);
        await Execute(connection, "ALTER TABLE lexeme_df ADD PRIMARY KEY (word)", cancellationToken);
        await Execute(connection, "ANALYZE lexeme_df", cancellationToken);
        await Execute(connection, "VACUUM (ANALYZE) listing", cancellationToken);
        statistics.Stop();

        var (checkedTitles, agreed) = await FoldingAgreementAsync(connection, reference.TitleSample.Take(500).ToList(), cancellationToken);

        await using (var meta = new NpgsqlCommand("INSERT INTO bench_meta (listings, seed, reference_date) VALUES (@l, @s, @r)", connection))
        {
            meta.Parameters.AddWithValue("l", marker.Listings);
            meta.Parameters.AddWithValue("s", marker.Seed);
            meta.Parameters.AddWithValue("r", DateTime.SpecifyKind(marker.ReferenceDate, DateTimeKind.Utc));
            await meta.ExecuteNonQueryAsync(cancellationToken);
        }

        var measured = new PeerLoadResult("", "", false, rows, copy.Elapsed.TotalSeconds, indexing.Elapsed.TotalSeconds, statistics.Elapsed.TotalSeconds, 0, 0, checkedTitles, agreed, []);
        return await DescribeAsync(reused: false, measured, cancellationToken);
    }

    /// <summary>The search statement of a query of the mix (searches built from the engine's own parsed query, so both sides filter alike).</summary>
    public static PeerStatement Statement(BenchQuery query, SearchQuery? search, DateTime now)
    {
        return query.Type switch
        {
            QueryType.Autocomplete => Suggest(query),
            QueryType.Related => Related(query, now),
            QueryType.Feed => RankingWorkload.FeedCandidates(query, now),
            QueryType.Rerank => Search((search ?? throw new ArgumentNullException(nameof(search))) with { Size = new Ranking.RankingOptions().WindowSize }, query.Text),
            _ => Search(search ?? throw new ArgumentNullException(nameof(search)), query.Type.IsFilterOnly() ? null : query.Text),
        };
    }

    /// <summary>Runs a statement; returns the number it answers (total for searches, rows otherwise).</summary>
    public static async Task<int> RunAsync(NpgsqlConnection connection, PeerStatement statement, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(statement.Sql, connection);
        command.Parameters.AddRange(statement.Parameters());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = 0;
        var total = -1;
        while (await reader.ReadAsync(cancellationToken))
        {
            rows++;
            if (total < 0 && reader.FieldCount >= 3 && reader.GetName(0) == "total")
            {
                total = (int)reader.GetInt64(0);
                for (var i = 1; i < reader.FieldCount; i++)
                {
                    _ = reader.GetValue(i);
                }
            }
        }

        return total >= 0 ? total : rows;
    }

    /// <summary>Total and facets of a search statement, for the cross-check.</summary>
    public static async Task<PeerSearchAnswer> SearchAnswerAsync(NpgsqlConnection connection, PeerStatement statement, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(statement.Sql, connection);
        command.Parameters.AddRange(statement.Parameters());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = (int)reader.GetInt64(0);
        var facets = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(reader.GetString(2));
        foreach (var facet in document.RootElement.EnumerateObject())
        {
            facets[facet.Name] = facet.Value.EnumerateObject().ToDictionary(value => value.Name, value => value.Value.GetInt32(), StringComparer.Ordinal);
        }

        return new PeerSearchAnswer(total, facets);
    }

    /// <summary>Every id a filter-only query matches (no paging), for the cross-check.</summary>
    public static async Task<HashSet<long>> IdsAsync(NpgsqlConnection connection, SearchQuery search, CancellationToken cancellationToken)
    {
        var parameters = new List<Func<NpgsqlParameter>>();
        var (from, where) = Filters(search, null, parameters);
        await using var command = new NpgsqlCommand($"SELECT l.id FROM listing l{from} WHERE {where}", connection);
        command.Parameters.AddRange(parameters.Select(p => p()).ToArray());
        var ids = new HashSet<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    public async ValueTask DisposeAsync() => await source.DisposeAsync();

    private static PeerStatement Search(SearchQuery search, string? text)
    {
        var parameters = new List<Func<NpgsqlParameter>>();
        var (from, where) = Filters(search, text, parameters);
        var facetFields = search.Facets.Distinct(StringComparer.Ordinal).Where(Columns.ContainsKey).ToList();
        var select = new StringBuilder("l.kind, l.id, l.title, l.price_min, l.price_max, l.updated_at");
        foreach (var field in facetFields)
        {
            select.Append(", l.").Append(Columns[field].Column);
        }

        if (text is not null)
        {
            select.Append(", ts_rank_cd(l.tsv, tq) AS rank");
        }

        if (search.EffectiveReferencePoint is { } point)
        {
            parameters.Add(() => new NpgsqlParameter("rlat", point.Latitude));
            parameters.Add(() => new NpgsqlParameter("rlon", point.Longitude));
            select.Append(", ST_Distance(l.geog, ST_SetSRID(ST_MakePoint(@rlon, @rlat), 4326)::geography, false) / 1000.0 AS dist_km");
        }

        var order = search.Sort switch
        {
            SearchSort.Relevance when text is not null => "rank DESC",
            SearchSort.Relevance => "updated_at DESC",
            SearchSort.Distance => "dist_km ASC NULLS LAST",
            SearchSort.PriceAscending => "price_min ASC NULLS LAST",
            SearchSort.PriceDescending => "price_max DESC NULLS LAST",
            SearchSort.Newest => "updated_at DESC",
            _ => throw new ArgumentOutOfRangeException(nameof(search), search.Sort, null),
        };

        var facets = new List<string>();
        foreach (var field in facetFields)
        {
            var (column, many) = Columns[field];
            var values = many
                ? $"SELECT u AS v, count(*) AS c FROM m CROSS JOIN LATERAL unnest(m.{column}) u GROUP BY 1"
                : $"SELECT m.{column} AS v, count(*) AS c FROM m WHERE m.{column} IS NOT NULL GROUP BY 1";
            facets.Add($"'{field}', (SELECT coalesce(json_object_agg(f.v, f.c ORDER BY f.c DESC, f.v), '{{}}') FROM ({values}) f)");
        }

        if (search.PriceBands is { Count: > 0 } edges)
        {
            var bands = new List<string>();
            for (var i = 0; i <= edges.Count; i++)
            {
                var label = $"{(i == 0 ? "*" : edges[i - 1].ToString(CultureInfo.InvariantCulture))}-{(i == edges.Count ? "*" : edges[i].ToString(CultureInfo.InvariantCulture))}";
                var conditions = new List<string> { "price_min IS NOT NULL", "price_max IS NOT NULL" };
                if (i > 0)
                {
                    conditions.Add($"price_max >= {edges[i - 1].ToString(CultureInfo.InvariantCulture)}");
                }

                if (i < edges.Count)
                {
                    conditions.Add($"price_min <= {(edges[i] - 1).ToString(CultureInfo.InvariantCulture)}");
                }

                bands.Add($"'{label}', count(*) FILTER (WHERE {string.Join(" AND ", conditions)})");
            }

            facets.Add($"'{SearchQuery.PriceFacet}', (SELECT json_build_object({string.Join(", ", bands)}) FROM m)");
        }

        var distance = search.EffectiveReferencePoint is null ? "" : ", p.dist_km";
        var sql = $"""
            WITH m AS MATERIALIZED (
                SELECT {select}
                FROM listing l{from}
                WHERE {where}
            )
            SELECT (SELECT count(*) FROM m) AS total,
                   (SELECT coalesce(json_agg(json_build_array(p.kind, p.id, p.title, p.price_min, p.price_max{distance})), '[]') FROM (SELECT * FROM m ORDER BY {order}, kind, id LIMIT {search.Size.ToString(CultureInfo.InvariantCulture)}) p) AS hits,
                   json_build_object({string.Join(", ", facets)}) AS facets
            """;
        return new PeerStatement(sql, () => parameters.Select(p => p()).ToArray());
    }

    /// <summary>The FROM additions and the WHERE clause of a query's filters, with the semantics of <see cref="SearchQuery"/>.</summary>
    private static (string From, string Where) Filters(SearchQuery search, string? text, List<Func<NpgsqlParameter>> parameters)
    {
        var kind = search.Kind ?? throw new ArgumentException("The peer runs searches of one kind.", nameof(search));
        var now = DateTime.SpecifyKind(search.Now, DateTimeKind.Utc);
        parameters.Add(() => new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now });
        var where = new List<string>
        {
            $"l.kind = {(int)kind}",
            "(l.expires_at IS NULL OR l.expires_at > @now)",
            "NOT l.sold_out",
        };
        var from = "";
        if (text is not null)
        {
            parameters.Add(() => new NpgsqlParameter("q", text));
            from = ", plainto_tsquery('simple', vn_fold(@q)) AS tq";
            where.Add("l.tsv @@ tq");
        }

        switch (search.Geo)
        {
            case GeoRadius radius:
                parameters.Add(() => new NpgsqlParameter("clat", radius.Centre.Latitude));
                parameters.Add(() => new NpgsqlParameter("clon", radius.Centre.Longitude));
                parameters.Add(() => new NpgsqlParameter("rm", radius.Km * 1000));
                // use_spheroid = false: a great circle on the sphere, as the engine measures (see the cross-check for the radius used).
                where.Add("ST_DWithin(l.geog, ST_SetSRID(ST_MakePoint(@clon, @clat), 4326)::geography, @rm, false)");
                break;
            case GeoBoundingBox box:
                parameters.Add(() => new NpgsqlParameter("minlat", box.MinLatitude));
                parameters.Add(() => new NpgsqlParameter("minlon", box.MinLongitude));
                parameters.Add(() => new NpgsqlParameter("maxlat", box.MaxLatitude));
                parameters.Add(() => new NpgsqlParameter("maxlon", box.MaxLongitude));
                // && finds candidates through the GiST index (float4 boxes, a little loose); the exact, inclusive test follows.
                where.Add("l.geom && ST_MakeEnvelope(@minlon, @minlat, @maxlon, @maxlat, 4326)");
                where.Add("l.lat BETWEEN @minlat AND @maxlat AND l.lon BETWEEN @minlon AND @maxlon");
                break;
            case GeoPolygon polygon:
                parameters.Add(() => new NpgsqlParameter("poly", polygon.ToGeometry().AsText()));
                // Inside or on an edge, as the engine answers (ST_Within alone would leave edge points out);
                // ST_Covers uses the GiST index on geom through its own bounding-box test.
                where.Add("ST_Covers(ST_GeomFromText(@poly, 4326), l.geom)");
                break;
        }

        if (search.MinPrice is { } minPrice)
        {
            parameters.Add(() => new NpgsqlParameter("minp", minPrice));
            where.Add("l.price_max >= @minp");
        }

        if (search.MaxPrice is { } maxPrice)
        {
            parameters.Add(() => new NpgsqlParameter("maxp", maxPrice));
            where.Add("l.price_min <= @maxp");
        }

        if (search.MinArea is { } minArea)
        {
            parameters.Add(() => new NpgsqlParameter("mina", minArea));
            where.Add("l.area >= @mina");
        }

        if (search.MaxArea is { } maxArea)
        {
            parameters.Add(() => new NpgsqlParameter("maxa", maxArea));
            where.Add("l.area <= @maxa");
        }

        var n = 0;
        foreach (var (field, values) in search.Filters)
        {
            var (column, many) = Columns.TryGetValue(field, out var c) ? c : throw new ArgumentException($"No column for keyword field {field}.", nameof(search));
            var name = $"f{n++}";
            var array = values.ToArray();
            parameters.Add(() => new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = array });
            where.Add(many ? $"l.{column} && @{name}" : $"l.{column} = ANY(@{name})");
        }

        if (search.DepartureFrom.HasValue || search.DepartureTo.HasValue)
        {
            throw new NotSupportedException("The mix has no departure-window queries.");
        }

        return (from, string.Join("\n      AND ", where));
    }

    /// <summary>
    /// Autocomplete from a table of the phrases the engine indexes (kind, folded phrase, phrase as
    /// written, listings), by prefix through a text_pattern_ops b-tree. Like the engine, it reads at
    /// most 2,000 phrases in order per prefix, then keeps the most common.
    /// </summary>
    private static PeerStatement Suggest(BenchQuery query)
    {
        var prefix = VietnameseText.FoldKey(query.Prefix);
        var kind = query.Kind is { } k ? $" AND kind = {(int)k}" : "";
        var sql = $"""
            SELECT display, sum(listings)::int AS listings
            FROM (SELECT display, listings FROM suggestion WHERE folded LIKE @prefix{kind} ORDER BY folded, display LIMIT 2000) s
            GROUP BY display
            ORDER BY listings DESC, display
            LIMIT {query.Size.ToString(CultureInfo.InvariantCulture)}
            """;
        var pattern = prefix.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        return new PeerStatement(sql, () => [new NpgsqlParameter("prefix", pattern)]);
    }

    /// <summary>
    /// "More like this" in SQL: the source title's eight rarest words (document frequencies from
    /// ts_stat, words found in at least two listings) OR-ed into a tsquery, ranked with ts_rank among
    /// visible listings of the same kind, never the source itself.
    /// </summary>
    private static PeerStatement Related(BenchQuery query, DateTime now)
    {
        var kind = (int)query.Kind!.Value;
        var sql = $"""
            WITH src AS (SELECT to_tsvector('simple', vn_fold(title)) AS v FROM listing WHERE kind = {kind} AND id = @id),
            terms AS (
                SELECT d.word FROM src CROSS JOIN LATERAL unnest(src.v) u JOIN lexeme_df d ON d.word = u.lexeme
                WHERE length(u.lexeme) >= 2 AND d.ndoc >= 2 ORDER BY d.ndoc, d.word LIMIT 8),
            q AS (SELECT to_tsquery('simple', string_agg(quote_literal(word), ' | ')) AS q FROM terms)
            SELECT l.id, l.title, ts_rank(l.tsv, q.q) AS score
            FROM listing l, q
            WHERE l.kind = {kind} AND l.id <> @id AND l.tsv @@ q.q
              AND (l.expires_at IS NULL OR l.expires_at > @now) AND NOT l.sold_out
            ORDER BY score DESC, l.id
            LIMIT {query.Size.ToString(CultureInfo.InvariantCulture)}
            """;
        var id = query.RelatedId!.Value;
        var utcNow = DateTime.SpecifyKind(now, DateTimeKind.Utc);
        return new PeerStatement(sql, () => [new NpgsqlParameter("id", id), new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = utcNow }]);
    }

    private static async Task WriteRowAsync(NpgsqlBinaryImporter writer, SearchDocument document, CancellationToken cancellationToken)
    {
        await writer.StartRowAsync(cancellationToken);
        await writer.WriteAsync((short)document.Kind, NpgsqlDbType.Smallint, cancellationToken);
        await writer.WriteAsync(document.Id, NpgsqlDbType.Bigint, cancellationToken);
        await writer.WriteAsync(document.Title, NpgsqlDbType.Text, cancellationToken);
        // The engine searches title, extra text and description; the peer's body is the latter two.
        await writer.WriteAsync(string.Join('\n', document.ExtraText ?? "", document.Description ?? ""), NpgsqlDbType.Text, cancellationToken);
        await WriteNullable(writer, document.Latitude, NpgsqlDbType.Double, cancellationToken);
        await WriteNullable(writer, document.Longitude, NpgsqlDbType.Double, cancellationToken);
        await WriteNullable(writer, document.PriceMin, NpgsqlDbType.Bigint, cancellationToken);
        await WriteNullable(writer, document.PriceMax, NpgsqlDbType.Bigint, cancellationToken);
        await WriteNullable(writer, document.AreaM2, NpgsqlDbType.Double, cancellationToken);
        await writer.WriteAsync(DateTime.SpecifyKind(document.UpdatedAt, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, cancellationToken);
        if (document.ExpiresAt is { } expires)
        {
            await writer.WriteAsync(DateTime.SpecifyKind(expires, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, cancellationToken);
        }
        else
        {
            await writer.WriteNullAsync(cancellationToken);
        }

        await writer.WriteAsync(document.QuantityRemaining is <= 0, NpgsqlDbType.Boolean, cancellationToken);
        foreach (var (field, (_, many)) in Columns)
        {
            if (!document.Keywords.TryGetValue(field, out var values) || values.Count == 0)
            {
                await writer.WriteNullAsync(cancellationToken);
            }
            else if (many)
            {
                await writer.WriteAsync(values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            }
            else
            {
                await writer.WriteAsync(values[0], NpgsqlDbType.Text, cancellationToken);
            }
        }
    }

    private static async Task WriteNullable<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct
    {
        if (value is { } present)
        {
            await writer.WriteAsync(present, type, cancellationToken);
        }
        else
        {
            await writer.WriteNullAsync(cancellationToken);
        }
    }

    /// <summary>How many sampled titles fold to the same words in SQL (unaccent + đ → d) as in the engine (VietnameseText.FoldKey); letters-only words are compared.</summary>
    private static async Task<(int Checked, int Agreed)> FoldingAgreementAsync(NpgsqlConnection connection, List<string> titles, CancellationToken cancellationToken)
    {
        var agreed = 0;
        foreach (var title in titles)
        {
            await using var command = new NpgsqlCommand("SELECT array(SELECT lexeme FROM unnest(to_tsvector('simple', vn_fold(@t))))", connection);
            command.Parameters.AddWithValue("t", title);
            var sqlWords = ((string[])(await command.ExecuteScalarAsync(cancellationToken))!).Where(IsWord).ToHashSet(StringComparer.Ordinal);
            var ourWords = VietnameseText.FoldKey(title).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(IsWord).ToHashSet(StringComparer.Ordinal);
            agreed += sqlWords.SetEquals(ourWords) ? 1 : 0;
        }

        return (titles.Count, agreed);

        static bool IsWord(string word) => word.Length > 0 && word.All(char.IsAsciiLetterLower);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
