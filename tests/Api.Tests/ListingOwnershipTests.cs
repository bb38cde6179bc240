using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DongNai.Domain.Outbox;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Api.Tests;

public sealed class ListingOwnershipTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Owner_CanCreateReadUpdateAndDeleteARental()
    {
        var owner = await factory.SignUpAsync();

        var created = await owner.Client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental());
        var location = created.Headers.Location!.ToString();
        var changed = ListingPayloads.Rental();
        changed["priceVnd"] = 2_100_000;
        var updated = await owner.Client.PutAsJsonAsync(location, changed);
        var read = await factory.CreateClient().GetFromJsonAsync<JsonElement>(location);
        var deleted = await owner.Client.DeleteAsync(location);
        var gone = await factory.CreateClient().GetAsync(location);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(2_100_000, read.GetProperty("priceVnd").GetInt64());
        Assert.Equal(2, read.GetProperty("version").GetInt32());
        Assert.Equal(["privateBathroom", "wifi", "loft"], read.GetProperty("amenities").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Update_Returns403_WhenListingBelongsToSomeoneElse()
    {
        var owner = await factory.SignUpAsync();
        var stranger = await factory.SignUpAsync();
        var created = await owner.Client.PostAsJsonAsync("/api/classifieds", ListingPayloads.Classified());
        var location = created.Headers.Location!.ToString();
        var changed = ListingPayloads.Classified();
        changed["priceVnd"] = 1;

        var response = await stranger.Client.PutAsJsonAsync(location, changed);
        var after = await factory.CreateClient().GetFromJsonAsync<JsonElement>(location);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(9_500_000, after.GetProperty("priceVnd").GetInt64());
        Assert.Equal(1, after.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Delete_Returns403AndKeepsListing_WhenListingBelongsToSomeoneElse()
    {
        var owner = await factory.SignUpAsync();
        var stranger = await factory.SignUpAsync();
        var created = await owner.Client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental());
        var location = created.Headers.Location!.ToString();

        var response = await stranger.Client.DeleteAsync(location);
        var still = await factory.CreateClient().GetAsync(location);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Theory]
    [InlineData("jobs")]
    [InlineData("rentals")]
    [InlineData("classifieds")]
    [InlineData("vouchers")]
    [InlineData("bus-routes")]
    public async Task Get_Returns404Problem_WhenListingDoesNotExist(string kind)
    {
        var response = await factory.CreateClient().GetAsync($"/api/{kind}/987654321");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UpdateAndDelete_Return404_WhenListingDoesNotExist()
    {
        var owner = await factory.SignUpAsync();

        var update = await owner.Client.PutAsJsonAsync("/api/rentals/987654321", ListingPayloads.Rental());
        var delete = await owner.Client.DeleteAsync("/api/rentals/987654321");

        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
    }

    [Fact]
    public async Task Create_Returns401_WhenNotSignedIn()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/rentals", ListingPayloads.Rental());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("jobs")]
    [InlineData("vouchers")]
    [InlineData("bus-routes")]
    public async Task Create_Returns403_WhenAWorkerPostsAKindReservedForOthers(string kind)
    {
        var worker = await factory.SignUpAsync();
        JsonObject payload = kind switch
        {
            "jobs" => ListingPayloads.Job(1),
            "vouchers" => ListingPayloads.Voucher(),
            _ => ListingPayloads.BusRoute(),
        };

        var response = await worker.Client.PostAsJsonAsync($"/api/{kind}", payload);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Job_CanBePostedOnlyForTheCallersOwnEmployer()
    {
        var employer = await factory.SignUpAsync("employer");
        var rival = await factory.SignUpAsync("employer");
        var company = await CreateEmployerAsync(employer, "0301234567");

        var own = await employer.Client.PostAsJsonAsync("/api/jobs", ListingPayloads.Job(company));
        var theirs = await rival.Client.PostAsJsonAsync("/api/jobs", ListingPayloads.Job(company));

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        await Problems.AssertFieldErrorAsync(theirs, "employerId");
    }

    [Fact]
    public async Task AgencyStaff_CanPostABusRoute()
    {
        var staff = await factory.SignUpAsAsync(DongNai.Domain.People.Role.AgencyStaff);

        var response = await staff.Client.PostAsJsonAsync("/api/bus-routes", ListingPayloads.BusRoute());
        var body = await Problems.ReadAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["05:30", "06:15", "17:45"], body.GetProperty("departures").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(10.95, body.GetProperty("stops")[0].GetProperty("latitude").GetDouble());
    }

    [Fact]
    public async Task EveryWrite_AddsAnOutboxEntryWithTheListingsVersion()
    {
        // The indexer drains (and deletes) outbox rows within milliseconds, so a trigger in the
        // test's database keeps a copy of every row as it is inserted.
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(TestDatabase.IsPostgreSql
            ? """
            CREATE TABLE IF NOT EXISTS "OutboxAudit" ("Id" SERIAL PRIMARY KEY, "Kind" INTEGER, "ListingId" BIGINT, "Version" INTEGER, "Operation" INTEGER);
            CREATE OR REPLACE FUNCTION outbox_audit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN INSERT INTO "OutboxAudit" ("Kind", "ListingId", "Version", "Operation") VALUES (NEW."Kind", NEW."ListingId", NEW."Version", NEW."Operation"); RETURN NEW; END $$;
            CREATE OR REPLACE TRIGGER outbox_audit_insert AFTER INSERT ON "Outbox" FOR EACH ROW EXECUTE FUNCTION outbox_audit();
            """
            : """
            CREATE TABLE IF NOT EXISTS OutboxAudit (Id INTEGER PRIMARY KEY, Kind INTEGER, ListingId INTEGER, Version INTEGER, Operation INTEGER);
            CREATE TRIGGER IF NOT EXISTS OutboxAuditInsert AFTER INSERT ON Outbox
            BEGIN INSERT INTO OutboxAudit (Kind, ListingId, Version, Operation) VALUES (NEW.Kind, NEW.ListingId, NEW.Version, NEW.Operation); END;
            """));
        var owner = await factory.SignUpAsync();
        var created = await owner.Client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental());
        var id = (await Problems.ReadAsync(created)).GetProperty("id").GetInt64();
        await owner.Client.PutAsJsonAsync($"/api/rentals/{id}", ListingPayloads.Rental());
        await owner.Client.DeleteAsync($"/api/rentals/{id}");

        var entries = await factory.WithDbAsync(db => db.Database
            .SqlQuery<AuditedEntry>($"SELECT \"Operation\", \"Version\" FROM \"OutboxAudit\" WHERE \"Kind\" = {(int)DongNai.Domain.Listings.ListingKind.Rental} AND \"ListingId\" = {id} ORDER BY \"Id\"")
            .ToListAsync());

        Assert.Equal(
            [(OutboxOperation.Upsert, 1), (OutboxOperation.Upsert, 2), (OutboxOperation.Delete, 3)],
            entries.Select(e => ((OutboxOperation)e.Operation, e.Version)));
    }

    private sealed record AuditedEntry(int Operation, int Version);

    private static async Task<long> CreateEmployerAsync(SignedInClient employer, string taxCode)
    {
        var response = await employer.Client.PostAsJsonAsync("/api/employers", new { name = "Công ty TNHH May Mặc Đồng Nai", taxCode });
        response.EnsureSuccessStatusCode();
        return (await Problems.ReadAsync(response)).GetProperty("id").GetInt64();
    }
}
