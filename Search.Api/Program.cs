using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Employers;
using DongNai.Search.Api.Hosting;
using DongNai.Search.Api.Listings;
using DongNai.Search.Api.Places;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddSearchApi();

var app = builder.Build();
await DatabaseInitializer.InitializeAsync(app.Services, app.Lifetime.ApplicationStopping);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapHangfireDashboard("/hangfire");
app.MapGet("/", () => Results.Redirect("/scalar")).ExcludeFromDescription();

app.MapAccountEndpoints();
app.MapEmployerEndpoints();
app.MapPlaceEndpoints();
app.MapListingEndpoints();

await app.RunAsync();

/// <summary>The entry point, public so the API tests can host it with WebApplicationFactory.</summary>
public partial class Program;
