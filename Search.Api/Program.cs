using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Backups;
using DongNai.Search.Api.Civic.PublicServices;

using DongNai.Search.Api.Civic.Feedback;
using DongNai.Search.Api.Commands;
using DongNai.Search.Api.Cvs;
using DongNai.Search.Api.Employers;
using DongNai.Search.Api.Events;
using DongNai.Search.Api.Feed;
using DongNai.Search.Api.Hosting;
using DongNai.Search.Api.IdentityVerification;
using DongNai.Search.Api.Indexing;
using DongNai.Search.Api.Listings;
using DongNai.Search.Api.Payments;
using DongNai.Search.Api.Messaging;
using DongNai.Search.Api.News;
using DongNai.Search.Api.Places;
using DongNai.Search.Api.Ranking;
using DongNai.Search.Api.Searching;
using DongNai.Search.Api.WebApp;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

// appsettings*.json are read from beside the binary, so the service behaves the same from any folder;
// a relative Storage:DataPath still resolves against the current folder.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddSearchApi();

var app = builder.Build();
if (ServiceCommands.IsCommand(args))
{
    return await ServiceCommands.RunAsync(app, args);
}

// Held until the host is disposed: a restore, or a second service, cannot take the folder meanwhile.
app.Services.GetRequiredService<DataFolderLock>();
// Counts searches from the start, for the admin's traffic chart.
app.Services.GetRequiredService<SearchTrafficRecorder>();
await DatabaseInitializer.InitializeAsync(app.Services, seedDemo: true, app.Lifetime.ApplicationStopping);
app.Services.SchedulePaymentJobs();
ApplicationRetentionJob.ScheduleOn(app.Services);
app.Services.ScheduleFeedbackJobs();
app.Services.ScheduleNewsImport();
app.Services.StartRanking();

app.UseForwardedHeadersFromProxies();
app.UseWebApp();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestBodyLimit();
app.UseAuthentication();
app.UseDashboardSession();
app.UseAuthorization();
app.UseRateLimiter();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapJobDashboard();
app.MapMetricsEndpoint();
app.MapWebAppEndpoints();

app.MapAccountEndpoints();
app.MapIdentityEndpoints();
app.MapPersonalQrEndpoints();
app.MapEmployerEndpoints();
app.MapPlaceEndpoints();
app.MapListingEndpoints();
app.MapCvEndpoints();
app.MapCandidateEndpoints();
app.MapContactRequestEndpoints();
app.MapSearchEndpoints();
app.MapSearchTrafficEndpoints();
app.MapEventEndpoints();
app.MapFeedEndpoints();
app.MapIndexingEndpoints();
app.MapVietQrEndpoints();
app.MapVoucherClaimEndpoints();
app.MapOrderEndpoints();
app.MapMessaging();
app.MapPaymentGatewayEndpoints();
app.MapBankStatementEndpoints();
app.MapPublicServiceEndpoints();
app.MapFeedbackEndpoints();
app.MapRankingModelEndpoints();

await app.RunAsync();
return 0;

/// <summary>The entry point, public so the API tests can host it with WebApplicationFactory.</summary>
public partial class Program;
