using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Listings.Jobs;
using DongNai.Domain.People;
using DongNai.Domain.Places;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DongNai.Seeding;

/// <summary>What <see cref="DemoDatabaseSeeder.SeedDemoAsync"/> added.</summary>
public sealed record DemoSeedResult(int PlaceRowsAdded, int Accounts, int Employers, DemoListingCounts Listings);

/// <summary>
/// Writes demo data into the database (SQLite, or PostgreSQL through EF Core): first the reference places (only into empty tables, see
/// <see cref="PlaceCatalog.WriteToDatabaseAsync"/>), then the accounts with their profiles, the
/// employers and the listings of <see cref="DemoDataGenerator.Generate"/>. Demo rows are appended:
/// their ids are shifted past the highest id already in each table, so seeding twice adds twice.
/// Listings get <see cref="Listing.Version"/> 1 and no outbox rows: rebuild the search index from
/// the database afterwards.
/// <para>
/// Speed: rows go through one prepared INSERT per table on the context's own connection, in
/// transactions of <see cref="BatchSize"/> rows, with <c>synchronous=OFF</c> and a 64 MB page cache
/// for the duration (restored afterwards). A crash mid-way leaves the committed batches. The context
/// must not be inside a transaction and should not be used by anything else meanwhile.
/// </para>
/// </summary>
public static class DemoDatabaseSeeder
{
    public const int BatchSize = 20_000;

    /// <summary>Seeds <paramref name="listingCount"/> listings; <paramref name="progress"/> hears the listings written so far after each batch.</summary>
    public static async Task<DemoSeedResult> SeedDemoAsync(
        AppDbContext db,
        int listingCount,
        int seed,
        DateTime referenceDate,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var places = PlaceCatalog.Load();
        var placeRows = await places.WriteToDatabaseAsync(db, cancellationToken);
        var data = new DemoDataGenerator(places).Generate(listingCount, seed, referenceDate);
        if (db.Database.IsNpgsql())
        {
            await WritePostgreSqlAsync(db, data, progress, cancellationToken);
            return new DemoSeedResult(placeRows, data.Accounts.Count, data.Employers.Count, data.Counts);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            var synchronous = Scalar(connection, "PRAGMA synchronous");
            var cacheSize = Scalar(connection, "PRAGMA cache_size");
            Execute(connection, "PRAGMA synchronous = OFF");
            Execute(connection, "PRAGMA cache_size = -65536");
            try
            {
                Write(db.Model, connection, data, progress, cancellationToken);
            }
            finally
            {
                Execute(connection, $"PRAGMA synchronous = {synchronous}");
                Execute(connection, $"PRAGMA cache_size = {cacheSize}");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return new DemoSeedResult(placeRows, data.Accounts.Count, data.Employers.Count, data.Counts);
    }

    private static void Write(IModel model, SqliteConnection connection, DemoData data, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var accountOffset = MaxId(model, connection, typeof(Account));
        var employerOffset = MaxId(model, connection, typeof(Employer));
        var listingTypes = ListingKinds.Descriptors.Select(d => d.EntityType).ToArray();
        var listingOffsets = listingTypes.ToDictionary(t => t, t => MaxId(model, connection, t));

        var inserts = new Dictionary<Type, SqliteEntityInsert>();
        foreach (var type in listingTypes.Concat([typeof(Account), typeof(Profile), typeof(Employer)]))
        {
            inserts[type] = new SqliteEntityInsert(model.FindEntityType(type)!, connection);
        }

        try
        {
            using var batch = new Batch(connection);
            foreach (var account in data.Accounts)
            {
                account.Id += accountOffset;
                inserts[typeof(Account)].Insert(account, batch.Transaction);
                account.Profile!.AccountId = account.Id;
                inserts[typeof(Profile)].Insert(account.Profile, batch.Transaction);
                batch.Count(2, cancellationToken);
            }

            foreach (var employer in data.Employers)
            {
                employer.Id += employerOffset;
                employer.OwnerId += accountOffset;
                inserts[typeof(Employer)].Insert(employer, batch.Transaction);
                batch.Count(1, cancellationToken);
            }

            var written = 0;
            foreach (var listing in data.Listings)
            {
                var type = listing.GetType();
                listing.Id += listingOffsets[type];
                listing.OwnerId += accountOffset;
                if (listing is JobPosting job)
                {
                    job.EmployerId += employerOffset;
                }

                inserts[type].Insert(listing, batch.Transaction);
                written++;
                if (batch.Count(1, cancellationToken))
                {
                    progress?.Report(written);
                }
            }

            batch.Commit();
            progress?.Report(written);
        }
        finally
        {
            foreach (var insert in inserts.Values)
            {
                insert.Dispose();
            }
        }
    }

    /// <summary>
    /// PostgreSQL: the same rows through EF Core's batched inserts, <see cref="BatchSize"/> rows per
    /// save; then each table's identity sequence moves past the ids written, so that later inserts
    /// (which take ids from it) never collide with a demo row.
    /// </summary>
    private static async Task WritePostgreSqlAsync(AppDbContext db, DemoData data, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var listingTypes = ListingKinds.Descriptors.Select(d => d.EntityType).ToArray();
        Type[] tables = [typeof(Account), typeof(Employer), .. listingTypes];
        var offsets = new Dictionary<Type, long>();
        foreach (var type in tables)
        {
            var (table, key) = TableAndKey(db.Model, type);

            // Table and column names come from the EF model, never from input (EF1002 cannot tell).
#pragma warning disable EF1002
            offsets[type] = await db.Database.SqlQueryRaw<long>($"SELECT COALESCE(MAX(\"{key}\"), 0) AS \"Value\" FROM \"{table}\"").SingleAsync(cancellationToken);
#pragma warning restore EF1002
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var chunk in data.Accounts.Chunk(BatchSize))
            {
                foreach (var account in chunk)
                {
                    account.Id += offsets[typeof(Account)];
                    account.Profile!.AccountId = account.Id;
                }

                await SaveChunkAsync(db, chunk, cancellationToken);
            }

            foreach (var chunk in data.Employers.Chunk(BatchSize))
            {
                foreach (var employer in chunk)
                {
                    employer.Id += offsets[typeof(Employer)];
                    employer.OwnerId += offsets[typeof(Account)];
                }

                await SaveChunkAsync(db, chunk, cancellationToken);
            }

            var written = 0;
            foreach (var chunk in data.Listings.Chunk(BatchSize))
            {
                foreach (var listing in chunk)
                {
                    listing.Id += offsets[listing.GetType()];
                    listing.OwnerId += offsets[typeof(Account)];
                    if (listing is JobPosting job)
                    {
                        job.EmployerId += offsets[typeof(Employer)];
                    }
                }

                await SaveChunkAsync(db, chunk, cancellationToken);
                written += chunk.Length;
                progress?.Report(written);
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }

        foreach (var type in tables)
        {
            var (table, key) = TableAndKey(db.Model, type);
#pragma warning disable EF1002 // names from the EF model, as above
            await db.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{key}'), GREATEST((SELECT COALESCE(MAX(\"{key}\"), 0) FROM \"{table}\"), 1))", cancellationToken);
#pragma warning restore EF1002
        }
    }

    private static async Task SaveChunkAsync(AppDbContext db, IEnumerable<object> rows, CancellationToken cancellationToken)
    {
        db.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private static (string Table, string Key) TableAndKey(IModel model, Type type)
    {
        var entityType = model.FindEntityType(type)!;
        var table = entityType.GetTableName()!;
        return (table, entityType.FindPrimaryKey()!.Properties[0].GetColumnName(StoreObjectIdentifier.Table(table, entityType.GetSchema()))!);
    }

    private static long MaxId(IModel model, SqliteConnection connection, Type type)
    {
        var (table, key) = TableAndKey(model, type);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COALESCE(MAX(\"{key}\"), 0) FROM \"{table}\"";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A transaction that commits and starts afresh every <see cref="BatchSize"/> rows.</summary>
    private sealed class Batch(SqliteConnection connection) : IDisposable
    {
        private int rows;

        public SqliteTransaction Transaction { get; private set; } = connection.BeginTransaction();

        /// <summary>Counts rows; true when that filled the batch and it was committed.</summary>
        public bool Count(int added, CancellationToken cancellationToken)
        {
            rows += added;
            if (rows < BatchSize)
            {
                return false;
            }

            Commit();
            cancellationToken.ThrowIfCancellationRequested();
            Transaction = connection.BeginTransaction();
            return true;
        }

        public void Commit()
        {
            Transaction.Commit();
            Transaction.Dispose();
            rows = 0;
        }

        public void Dispose() => Transaction.Dispose();
    }
}
