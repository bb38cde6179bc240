using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Domain;
using DongNai.Domain.People;
using DongNai.Identity.Verification;
using DongNai.Api.Tests.Observability;
using DongNai.Search.Api.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DongNai.Api.Tests;

/// <summary>
/// Hosts the real service over a fresh data folder (SQLite file, keys, Hangfire) in a temp
/// directory, with no demo seeding and rate limits high enough not to interfere. One per test class.
/// The service's <see cref="TimeProvider"/> is <see cref="Clock"/>, a fake that starts at
/// <see cref="Start"/> and moves only when a test advances it.
/// </summary>
/// <remarks>
/// Every host it starts (its own and those of <c>WithWebHostBuilder</c>) logs every line from
/// Debug up, every category included (EF Core, ASP.NET Core, Hangfire), into a
/// <see cref="LogCapture"/>. When the factory is disposed, those lines are scanned for phone and
/// CCCD numbers (<see cref="PersonalDataScan"/>) and the dispose fails with the offending line:
/// the whole API test run is the check that no personal data reaches a log.
/// </remarks>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    /// <summary>The admin account every host creates on start.</summary>
    public const string AdminPhone = "0900000009";

    private static int s_phoneCounter;

    private readonly ConcurrentQueue<LogCapture> _logs = new();
    private int _scanned;

    static ApiFactory() => PersonalDataScan.Register(AdminPhone);

    /// <summary>Where <see cref="Clock"/> starts: Monday 2 November 2026, 08:00 in Vietnam.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    private readonly bool _ownsDataPath;

    private readonly bool _ownsDatabase;

    public ApiFactory()
        : this(NewDataPath(), TestDatabase.IsPostgreSql ? TestDatabase.CreatePostgreSqlDatabase() : null, ownsStorage: true)
    {
    }

    /// <summary>
    /// A factory over a data folder its caller owns and deletes (e.g. one a restore has just written);
    /// not public, as xunit fixtures need a single public constructor.
    /// </summary>
    internal ApiFactory(string dataPath)
        : this(dataPath, postgreSqlDatabase: null, ownsStorage: false)
    {
    }

    /// <summary>
    /// A second service instance beside <paramref name="first"/>, as behind a load balancer: a data
    /// folder of its own holding a copy of the first's keys (instances share their keys), and the
    /// first's PostgreSQL database, which stays the first factory's to drop. PostgreSQL runs only.
    /// </summary>
    internal ApiFactory(ApiFactory first)
        : this(NewDataPath(), first.PostgreSqlDatabase ?? throw new InvalidOperationException("Instances share a PostgreSQL database; this run is on SQLite."), ownsStorage: true)
    {
        _ownsDatabase = false;

        // The first instance's keys, made now if it has not started yet, as the service makes them.
        var keys = Path.Combine(first.DataPath, "keys");
        DongNai.Identity.SecretKeys.Load(new DongNai.Identity.AuthOptions(), keys);
        Directory.CreateDirectory(Path.Combine(DataPath, "keys"));
        foreach (var file in Directory.GetFiles(keys))
        {
            File.Copy(file, Path.Combine(DataPath, "keys", Path.GetFileName(file)));
        }
    }

    private ApiFactory(string dataPath, string? postgreSqlDatabase, bool ownsStorage)
    {
        DataPath = dataPath;
        PostgreSqlDatabase = postgreSqlDatabase;
        _ownsDataPath = ownsStorage;
        _ownsDatabase = ownsStorage;
    }

    private static string NewDataPath() => Path.Combine(Path.GetTempPath(), "dongnai-api-tests", Guid.NewGuid().ToString("N"));

    public string DataPath { get; }

    /// <summary>The connection string of this factory's own PostgreSQL database when the run is on PostgreSQL (<see cref="TestDatabase"/>); null on SQLite.</summary>
    public string? PostgreSqlDatabase { get; }

    /// <summary>
    /// The service's clock (search expiry, listing timestamps, token lifetimes and their validation). Advancing it is
    /// shared by every test of the class that owns this factory.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(Start);

    public static JsonSerializerOptions Json { get; } = CreateJson();

    /// <summary>
    /// Whether the service's rules of which actions need a verified identity (appsettings.json's
    /// <c>Verification:Required</c>) apply. Off by default, so tests that post listings need no
    /// verified account; the tests of the rules turn it on.
    /// </summary>
    public bool VerificationRequired { get; init; }

    /// <summary>Registrations of one test class, applied after the factory's own (another option, say).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataPath", DataPath);
        if (PostgreSqlDatabase is not null)
        {
            builder.UseSetting("Database:Provider", "PostgreSql");
            builder.UseSetting("ConnectionStrings:Database", PostgreSqlDatabase);
        }

        builder.UseSetting("Seed:DemoListings", "0");
        builder.UseSetting("Seed:PublicServiceCatalogue", "false");
        builder.UseSetting("RateLimits:AuthPerMinute", "100000");
        builder.UseSetting("RateLimits:RefreshPerMinute", "100000");
        builder.UseSetting("RateLimits:WritesPerMinute", "100000");
        builder.UseSetting("RateLimits:EventBatchesPerMinute", "100000");
        builder.UseSetting("RateLimits:SearchPerMinute", "100000");
        builder.UseSetting("RateLimits:SearchBurst", "100000");
        builder.UseSetting("RateLimits:SearchConcurrentPerClient", "10000");
        builder.UseSetting("RateLimits:MessagesPerMinute", "100000");
        builder.UseSetting("RateLimits:ConversationStartsPerMinute", "100000");
        builder.UseSetting("Feedback:ReportsPerDay", "1000");

        // SignalR judges a token's expiry by the wall clock, and tokens here expire on Clock's time, in the past.
        builder.UseSetting("Messaging:CloseHubOnTokenExpiry", "false");

        builder.UseSetting("RateLimits:GatewayCallbacksPerMinute", "100000");
        foreach (var (key, value) in Payments.GatewaySigning.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Admin:Phone", AdminPhone);
        builder.UseSetting("Admin:Password", "QuanTri@2026");
        if (!VerificationRequired)
        {
            foreach (var action in TrustedActions.All)
            {
                builder.UseSetting($"Verification:Required:{action}", "false");
            }
        }

        var logs = new LogCapture();
        _logs.Enqueue(logs);
        builder.ConfigureLogging(logging => logging.AddProvider(logs).AddFilter<LogCapture>(null, LogLevel.Debug));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            TestServices?.Invoke(services);
        });
    }

    /// <summary>Every line logged so far by the hosts of this factory.</summary>
    public IEnumerable<LogLine> LogLines => _logs.SelectMany(capture => capture.Lines);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (PostgreSqlDatabase is not null && disposing && _ownsDatabase)
        {
            TestDatabase.DropPostgreSqlDatabase(PostgreSqlDatabase);
        }

        if (!_ownsDataPath)
        {
            return;
        }

        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // Hangfire may still hold its file for a moment; the temp folder is cleaned by the OS.
        }

        // The base class comes back here from its own dispose, with the hosts stopped: scan once.
        if (disposing && Interlocked.Exchange(ref _scanned, 1) == 0)
        {
            ScanLogs();
        }
    }

    /// <summary>
    /// Fails with the first log line that holds a phone or CCCD number, so that a test run cannot
    /// pass with one. Thrown from a class fixture's dispose, it is reported as a "Test Class Cleanup
    /// Failure" naming <see cref="PersonalDataInLogsException"/> and fails the run; the line itself
    /// is in the TRX file and in the console at normal verbosity.
    /// </summary>
    private void ScanLogs()
    {
        foreach (var line in LogLines)
        {
            var text = line.Text;
            if (PersonalDataScan.Find(text) is { } found)
            {
                throw new PersonalDataInLogsException($"Personal data in a log line ({found}):{Environment.NewLine}{text}");
            }
        }
    }

    /// <summary>A mobile number no other test uses: 09 then eight digits. The log scan looks for it in every written form.</summary>
    public static string NewPhone()
    {
        var phone = "09" + ((Interlocked.Increment(ref s_phoneCounter) * 7919L % 90_000_000) + 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        PersonalDataScan.Register(phone);
        return phone;
    }

    /// <summary>Registers a fresh account with <paramref name="role"/> and returns a client that sends its token.</summary>
    public Task<SignedInClient> SignUpAsync(string role = "worker") => SignUpAsync(this, role);

    /// <summary>Registers a fresh account with <paramref name="role"/> on <paramref name="host"/> (e.g. one made by <c>WithWebHostBuilder</c>).</summary>
    public static async Task<SignedInClient> SignUpAsync(WebApplicationFactory<Program> host, string role = "worker")
    {
        ArgumentNullException.ThrowIfNull(host);
        var phone = NewPhone();
        var client = host.CreateClient();
        var response = await client.PostAsJsonAsync("/api/accounts/register", new { phone, password = "matkhau123", displayName = "Trần Thị Bình", role }, Json);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        return new SignedInClient(client, body.GetProperty("accountId").GetInt64(), phone, body.GetProperty("refreshToken").GetString()!);
    }

    /// <summary>Registers a fresh worker on <paramref name="host"/> (this factory or one made by <c>WithWebHostBuilder</c>) and returns a client that sends its token.</summary>
    public static async Task<HttpClient> SignUpWorkerAsync(WebApplicationFactory<Program> host)
    {
        var client = host.CreateClient();
        var response = await client.PostAsJsonAsync("/api/accounts/register", new { phone = NewPhone(), password = "matkhau123", displayName = "Trần Thị Bình", role = "worker" }, Json);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// The bytes of the database as stored, read while the service may write, to look for clear text
    /// at rest: the SQLite file and its WAL; on PostgreSQL, after a checkpoint has written every
    /// page out, the files of this factory's database in the server's data folder (a local server
    /// whose files the test process may read, as the one <c>.ci/run</c> starts).
    /// </summary>
    public async Task<byte[]> ReadDatabaseFilesAsync()
    {
        var files = PostgreSqlDatabase is null
            ? Directory.GetFiles(DataPath, "dongnai.db*")
            : await PostgreSqlDatabaseFilesAsync();
        using var all = new MemoryStream();
        foreach (var file in files)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            await stream.CopyToAsync(all);
        }

        return all.ToArray();
    }

    /// <summary>
    /// Holds the lock every listing write needs, from another connection, until disposed (a stuck
    /// writer or a maintenance tool): SQLite's write lock (<c>BEGIN IMMEDIATE</c>), or on PostgreSQL
    /// an exclusive lock on the outbox table, which every listing write inserts into.
    /// </summary>
    public async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        System.Data.Common.DbConnection connection = PostgreSqlDatabase is null
            ? new SqliteConnection($"Data Source={Path.Combine(DataPath, "dongnai.db")};Pooling=False")
            : new Npgsql.NpgsqlConnection(PostgreSqlDatabase);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = PostgreSqlDatabase is null ? "BEGIN IMMEDIATE;" : "BEGIN; LOCK TABLE \"Outbox\" IN EXCLUSIVE MODE;";
        await command.ExecuteNonQueryAsync();

        // Closing the connection ends its transaction and releases the lock.
        return connection;
    }

    private async Task<string[]> PostgreSqlDatabaseFilesAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(PostgreSqlDatabase);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "CHECKPOINT; SELECT current_setting('data_directory') || '/base/' || oid FROM pg_database WHERE datname = current_database()";
        var folder = (string)(await command.ExecuteScalarAsync())!;
        return Directory.GetFiles(folder);
    }

    /// <summary>A client signed in as an account whose role an admin set (e.g. agency staff).</summary>
    public async Task<SignedInClient> SignUpAsAsync(Role role)
    {
        var account = await SignUpAsync();
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var entity = await db.Accounts.FindAsync(account.AccountId);
            entity!.Role = role;
            await db.SaveChangesAsync();
        }

        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/accounts/sign-in", new { phone = account.Phone, password = "matkhau123" }, Json);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        return account with { Client = client, RefreshToken = body.GetProperty("refreshToken").GetString()! };
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        HostingExtensions.ConfigureJson(options);
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip;
        return options;
    }
}

/// <summary>A client that sends an account's access token, and the refresh token issued with it.</summary>
public sealed record SignedInClient(HttpClient Client, long AccountId, string Phone, string RefreshToken);
