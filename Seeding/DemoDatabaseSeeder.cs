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
/// Writes demo data into a SQLite database: first the reference places (only into empty tables, see
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
        if (!db.Database.IsSqlite())
        {
            throw new NotSupportedException("The demo seeder writes through Microsoft.Data.Sqlite; the database is not SQLite.");
        }

        var places = PlaceCatalog.Load();
        var placeRows = await places.WriteToDatabaseAsync(db, cancellationToken);
        var data = new DemoDataGenerator(places).Generate(listingCount, seed, referenceDate);

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

    private static long MaxId(IModel model, SqliteConnection connection, Type type)
    {
        var entityType = model.FindEntityType(type)!;
        var table = entityType.GetTableName()!;
        var key = entityType.FindPrimaryKey()!.Properties[0].GetColumnName(StoreObjectIdentifier.Table(table, entityType.GetSchema()));
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
