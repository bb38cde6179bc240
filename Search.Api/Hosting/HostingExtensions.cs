using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using DongNai.Civic.PublicServices;

using DongNai.Civic.Feedback;
using DongNai.Domain;
using DongNai.Identity;
using DongNai.Identity.Verification;
using DongNai.Indexers;
using DongNai.Ranking;
using DongNai.Ranking.Feed;
using DongNai.Messaging;
using DongNai.Messaging.News;
using DongNai.Search.Api.Backups;
using DongNai.Search.Api.Civic.Feedback;
using DongNai.Search.Api.Payments;
using DongNai.Search.Api.Messaging;
using DongNai.Search.Api.News;
using DongNai.Search.Api.Searching;
using DongNai.Search.Api.WebApp;
using DongNai.Search.Understanding;
using DongNai.Search.Api.Problems;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;

namespace DongNai.Search.Api.Hosting;

public static class HostingExtensions
{
    public const string AuthRateLimit = "auth";
    public const string RefreshRateLimit = "refresh";
    public const string WriteRateLimit = "writes";
    public const string EventRateLimit = "events";
    public const string SearchRateLimit = "search";
    public const string MessageRateLimit = "messages";
    public const string ConversationStartRateLimit = "conversation-starts";
    public const string GatewayCallbackRateLimit = "gateway-callbacks";

    /// <summary>Everything the HTTP host needs: options, database, accounts, payments, auth, problems, OpenAPI, telemetry, jobs, health, rate limits, logging.</summary>
    public static void AddSearchApi(this WebApplicationBuilder builder)
    {
        var storage = builder.AddValidatedOptions<StorageOptions>(StorageOptions.Section);
        builder.AddValidatedOptions<SeedOptions>(SeedOptions.Section);
        builder.AddValidatedOptions<AdminOptions>(AdminOptions.Section);
        var rateLimits = builder.AddValidatedOptions<RateLimitOptions>(RateLimitOptions.Section);
        if (builder.Configuration[$"{AuthOptions.Section}:TokenLifetime"] is not null)
        {
            // Renamed when refresh tokens came: a long lifetime left under the old name must not be silently ignored.
            throw new InvalidOperationException("Auth:TokenLifetime is no longer read: set Auth:AccessTokenLifetime (default 00:15:00) and Auth:RefreshTokenLifetime (default 30.00:00:00) instead.");
        }

        var auth = builder.AddValidatedOptions<AuthOptions>(AuthOptions.Section);
        builder.AddValidatedOptions<SignInLockoutOptions>(SignInLockoutOptions.Section);
        builder.AddValidatedOptions<VerificationOptions>(VerificationOptions.Section);
        builder.AddValidatedOptions<Identity.Cvs.RetentionOptions>(Identity.Cvs.RetentionOptions.Section);
        var proxies = builder.AddValidatedOptions<ProxyOptions>(ProxyOptions.Section);
        var metrics = builder.AddValidatedOptions<MetricsOptions>(MetricsOptions.Section);
        var messaging = builder.AddValidatedOptions<MessagingOptions>(MessagingOptions.Section);
        var push = builder.AddValidatedOptions<DongNai.Messaging.Notifications.PushOptions>(DongNai.Messaging.Notifications.PushOptions.Section);
        builder.AddValidatedOptions<WebAppOptions>(WebAppOptions.Section);

        var news = builder.AddValidatedOptions<NewsOptions>(NewsOptions.Section);
        Directory.CreateDirectory(storage.DataPath);
        builder.Services.AddSingleton(_ => DataFolderLock.Acquire(storage.DataPath));

        builder.Services.AddSingleton(TimeProvider.System);
        var database = builder.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.Section);
        var connectionString = DatabaseConnectionString(builder.Configuration, database, storage);
        builder.Services.AddDataStore(
            database.Provider, connectionString, (services, options) => options.AddInterceptors(services.GetRequiredService<RequestDatabaseTimeout>()));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<RequestDatabaseTimeout>();
        builder.AddSearchEngine(builder.AddValidatedOptions<SearchEngineOptions>(SearchEngineOptions.Section), storage);
        builder.Services.AddRanking();
        builder.Services.AddPersonalizedRanking(Path.Combine(storage.DataPath, "ranking-models"));
        builder.Services.AddScoped<DongNai.Search.Api.Ranking.RankerTrainingJob>();
        builder.Services.AddScoped<DongNai.Search.Api.Ranking.ListingStatisticsJob>();
        builder.Services.AddIndexing();
        var keys = SecretKeys.Load(auth, storage.KeyFolder);
        builder.Services.AddAccounts(auth, keys);
        builder.Services.AddHomeFeed(keys.DeriveFromSigning(Encoding.UTF8.GetBytes("dongnai feed cursors")));
        builder.Services.AddPaymentServices(keys);
        builder.Services.AddPush(push);
        builder.Services.AddMessagingApi(messaging, keys, storage.DataPath);
        builder.Services.AddPublicServices();

        builder.Services.AddCivicFeedbackApi(builder.AddValidatedOptions<FeedbackOptions>(FeedbackOptions.Section));

        builder.Services.AddNewsImportApi(news);
        builder.Services.AddSingleton<QueryInterpreter>();
        builder.Services.AddSingleton<SearchRequestParser>();
        builder.Services.AddSingleton<SearchTrafficRecorder>();
        builder.Services.AddSingleton<ZeroResultTerms>();
        builder.Services.AddSingleton<RelaxingSearch>();
        builder.Services.AddSingleton<InterpretedSuggestions>();

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(options => ConfigureJson(options.SerializerOptions));

        builder.Services.AddOpenApi(options =>
        {
            OpenApiDocumentInfo.AddTo(options);
            OpenApiSecurity.AddTo(options);
            OpenApiRateLimits.AddTo(options);
            OpenApiParameters.AddTo(options);
            OpenApiDatabaseBusy.AddTo(options);
            OpenApiProblems.AddTo(options);
            OpenApiOptionalFields.AddTo(options);
            OpenApiEnums.AddTo(options);
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestBodyLimit.MaxBytes);
        builder.AddTelemetry(metrics);

        // The host owns its job storage and activator. AddHangfire alone would take both from
        // process-wide statics that it configures once per process, so a second host in the same
        // process (the API tests run one per test class) enqueued into the first host's storage and
        // ran its jobs in the first host's (possibly disposed) services.
        var jobStorage = JobStorageFor(database.Provider, connectionString, storage);
        builder.Services.AddSingleton<JobStorage>(jobStorage);
        builder.Services.AddSingleton<JobActivator>(services => new AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((services, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new DisposalTolerantLogProvider(new AspNetCoreLogProvider(services.GetRequiredService<ILoggerFactory>())))
            .UseStorage(jobStorage));
        builder.Services.AddHangfireServer(options => options.WorkerCount = 2);

        builder.Services.AddSingleton<SearchIndexCatchUp>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SearchIndexCatchUp>());
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: ["ready"])
            .AddCheck<DatabaseWritesCheck>("database-writes", tags: ["ready"])
            .AddCheck<SearchIndexCatchUp>("search-index", tags: ["ready"]);

        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = WriteTooManyRequestsAsync;

            // Register and sign-in are keyed on the client address alone: keyed on the token's
            // account, every token a client held (and every registration gave it one) was a fresh budget.
            options.AddPolicy(AuthRateLimit, context => PerAddressWindow(context, rateLimits.AuthPerMinute));

            // Refresh and sign-out, likewise per address, with a budget of their own: every signed-in
            // app refreshes every few minutes, and must not use up the address's sign-in budget.
            options.AddPolicy(RefreshRateLimit, context => PerAddressWindow(context, rateLimits.RefreshPerMinute));
            options.AddPolicy(WriteRateLimit, context => PerClientWindow(context, rateLimits.WritesPerMinute));
            options.AddPolicy(EventRateLimit, context => PerClientWindow(context, rateLimits.EventBatchesPerMinute));
            options.AddPolicy(SearchRateLimit, context => PerAddressSearch(context, rateLimits));

            // Messages and conversation starts (with person look-ups, which could otherwise walk
            // through phone numbers) per account; the spam signal (SpamGuard) comes on top.
            options.AddPolicy(MessageRateLimit, context => PerClientWindow(context, rateLimits.MessagesPerMinute));
            options.AddPolicy(ConversationStartRateLimit, context => PerClientWindow(context, rateLimits.ConversationStartsPerMinute));

            // The gateways' callbacks are anonymous: per address, with a budget of their own so that
            // a gateway's burst of IPNs never eats a person's write budget, nor a flood of forged ones the gateway's.
            options.AddPolicy(GatewayCallbackRateLimit, context => PerAddressWindow(context, rateLimits.GatewayCallbacksPerMinute));
        });
        builder.Services.AddDashboardAccess(proxies);

        // Every line written during a request carries its scopes: the trace and span ids (the
        // host's activity tracking) and the request's path and id. Structured JSON lines for log
        // collectors; the plain format for a developer's terminal, the scopes on a line of their own.
        KeepRequestLinesOutOfLogs(builder.Services);
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(options => options.IncludeScopes = true);
        }
        else
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
    }

    /// <summary>
    /// The host's request lines ("Request starting HTTP/1.1 GET …/api/search?q=…") carry the query
    /// string, where people type search text, and search text may hold a phone number: they are
    /// never logged, whatever level the configuration or a provider's own rules ask for (each
    /// provider that has rules of its own gets this one as well, since its rules win over the
    /// general ones). Traces (with the query values redacted) and the HTTP metrics say the same.
    /// </summary>
    private static void KeepRequestLinesOutOfLogs(IServiceCollection services) =>
        services.PostConfigure<LoggerFilterOptions>(options =>
        {
            const string RequestLines = "Microsoft.AspNetCore.Hosting.Diagnostics";
            foreach (var provider in options.Rules.Select(rule => rule.ProviderName).Distinct().ToList())
            {
                options.Rules.Add(new LoggerFilterRule(provider, RequestLines, LogLevel.Warning, filter: null));
            }

            if (!options.Rules.Any(rule => rule.ProviderName is null && rule.CategoryName == RequestLines))
            {
                options.Rules.Add(new LoggerFilterRule(null, RequestLines, LogLevel.Warning, filter: null));
            }
        });

    /// <summary>The JSON rules of the API: camelCase, enums as camelCase strings, and unknown fields refused.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;

        // Numbers are JSON numbers: the web default also reads "5000000" in quotes, which the
        // OpenAPI document then has to describe as integer-or-string for every number.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }

    /// <summary>The system of record's connection string: the SQLite file in the data folder, or <c>ConnectionStrings:Database</c>.</summary>
    private static string DatabaseConnectionString(IConfiguration configuration, DatabaseOptions database, StorageOptions storage) =>
        database.Provider switch
        {
            DatabaseProvider.Sqlite => DataStoreServiceCollectionExtensions.SqliteConnectionString(storage.DatabasePath),
            _ => configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) is { Length: > 0 } server
                ? server
                : throw new InvalidOperationException(
                    $"Database:Provider is {database.Provider}: set ConnectionStrings:{DatabaseOptions.ConnectionStringName} to the server, e.g. \"Host=db;Database=dongnai;Username=dongnai;Password=…\"."),
        };

    /// <summary>
    /// Hangfire's storage beside the system of record: its own SQLite file in the data folder, or the
    /// <c>hangfire</c> schema of the PostgreSQL database (created on first start), shared by every
    /// instance so that a recurring job runs once per schedule, not once per instance. Both poll
    /// their queues every 200 ms (SQLite's default of 15 s delayed every enqueued job).
    /// </summary>
    private static JobStorage JobStorageFor(DatabaseProvider provider, string connectionString, StorageOptions storage)
    {
        var poll = TimeSpan.FromMilliseconds(200);
        if (provider == DatabaseProvider.Sqlite)
        {
            return new SQLiteStorage(storage.HangfirePath, new SQLiteStorageOptions { QueuePollInterval = poll });
        }

        var options = new PostgreSqlStorageOptions { QueuePollInterval = poll, SchemaName = "hangfire", PrepareSchemaIfNecessary = true };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    private static T AddValidatedOptions<T>(this WebApplicationBuilder builder, string section)
        where T : class, new()
    {
        builder.Services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
        var value = builder.Configuration.GetSection(section).Get<T>() ?? new T();
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(value, new(value), results, validateAllProperties: true))
        {
            throw new InvalidOperationException($"Configuration section '{section}' is invalid: {string.Join("; ", results.Select(r => r.ErrorMessage))}");
        }

        return value;
    }

    /// <summary>A 429 problem response that says, in <c>Retry-After</c>, when the client may try again.</summary>
    private static async ValueTask WriteTooManyRequestsAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;

        // A full concurrency queue has no time to offer; a second is a fair guess at a search's length.
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 1;
        http.Response.Headers.RetryAfter = Math.Max(1, seconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = "This client has used its budget for now, or has too many requests under way; try again after the seconds in Retry-After.",
            },
        });
    }

    /// <summary>The address the request came from: the connection's, or the one a configured proxy forwarded (see <see cref="ProxyOptions"/>).</summary>
    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>A budget per account when signed in, else per address: for writes and events, where the account is what is limited.</summary>
    private static RateLimitPartition<string> PerClientWindow(HttpContext context, int permitsPerMinute)
    {
        var client = context.User.FindFirstValue("sub") is { } account ? "account:" + account : "address:" + ClientAddress(context);
        return FixedWindow(client, permitsPerMinute);
    }

    private static RateLimitPartition<string> PerAddressWindow(HttpContext context, int permitsPerMinute) =>
        FixedWindow(ClientAddress(context), permitsPerMinute);

    private static RateLimitPartition<string> FixedWindow(string partition, int permitsPerMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    /// <summary>Search, suggest and related, per client address: a rate and a concurrency limit (see <see cref="SearchClientLimiter"/>).</summary>
    private static RateLimitPartition<string> PerAddressSearch(HttpContext context, RateLimitOptions limits) =>
        RateLimitPartition.Get(ClientAddress(context), _ => new SearchClientLimiter(limits));
}
