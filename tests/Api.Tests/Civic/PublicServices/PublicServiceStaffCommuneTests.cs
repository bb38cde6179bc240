using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Api.Tests.Civic.PublicServices;

/// <summary>
/// Agency staff limited to communes (the queue "per procedure and commune"): they see, read and move
/// only their communes' applications; other staff and admins work the whole province.
/// </summary>
public sealed class PublicServiceStaffCommuneTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task StaffLimitedToACommune_SeesReadsAndMovesOnlyItsApplications_WhileAdminsAndUnlimitedStaffSeeAll()
    {
        var services = await PublicServiceRequests.SeedCatalogueAsync(factory);
        var communes = await factory.WithDbAsync(db => db.Communes.OrderBy(c => c.Code).Select(c => c.Code).Take(2).ToListAsync());
        var (person, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var mine = await PublicServiceRequests.SubmitAsync(person.Client, PublicServiceRequests.BirthRegistration(services["birth-registration"], communes[0]));
        var other = await PublicServiceRequests.SubmitAsync(person.Client, PublicServiceRequests.BirthRegistration(services["birth-registration"], communes[1]));
        var limited = await factory.SignUpAsAsync(Role.AgencyStaff);
        var unlimited = await factory.SignUpAsAsync(Role.AgencyStaff);
        var admin = await factory.SignUpAsAsync(Role.Admin);

        var set = await admin.Client.PutAsJsonAsync($"/api/civic/staff/{limited.AccountId}/communes", new { communeCodes = new[] { communes[0] } });
        var limitedQueue = await CodesAsync(limited.Client, "/api/civic/queue?form=birthRegistration");
        var readOther = await limited.Client.GetAsync($"/api/civic/queue/{other}");
        var moveOther = await limited.Client.PostAsJsonAsync($"/api/civic/queue/{other}/transitions", new { to = "processing" });
        var readMine = await limited.Client.GetAsync($"/api/civic/queue/{mine}");
        var moveMine = await limited.Client.PostAsJsonAsync($"/api/civic/queue/{mine}/transitions", new { to = "processing" });
        var unlimitedQueue = await CodesAsync(unlimited.Client, "/api/civic/queue?form=birthRegistration");
        var adminQueue = await CodesAsync(admin.Client, "/api/civic/queue?form=birthRegistration");

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal([communes[0]], (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("communeCodes").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains(mine, limitedQueue);
        Assert.DoesNotContain(other, limitedQueue);
        Assert.Equal(HttpStatusCode.NotFound, readOther.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, moveOther.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readMine.StatusCode);
        Assert.Equal(HttpStatusCode.OK, moveMine.StatusCode);
        Assert.Contains(mine, unlimitedQueue);
        Assert.Contains(other, unlimitedQueue);
        Assert.Contains(mine, adminQueue);
        Assert.Contains(other, adminQueue);
        Assert.Equal("received", await StatusAsync(admin.Client, other));
    }

    [Fact]
    public async Task AnEmptyList_LiftsTheLimit_AndBadAssignmentsAreRefusedByName()
    {
        var services = await PublicServiceRequests.SeedCatalogueAsync(factory);
        var communes = await factory.WithDbAsync(db => db.Communes.OrderBy(c => c.Code).Select(c => c.Code).Take(2).ToListAsync());
        var (person, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var other = await PublicServiceRequests.SubmitAsync(person.Client, PublicServiceRequests.BirthRegistration(services["birth-registration"], communes[1]));
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        var worker = await factory.SignUpAsync();
        var admin = await factory.SignUpAsAsync(Role.Admin);
        (await admin.Client.PutAsJsonAsync($"/api/civic/staff/{staff.AccountId}/communes", new { communeCodes = new[] { communes[0] } })).EnsureSuccessStatusCode();
        var whileLimited = await staff.Client.GetAsync($"/api/civic/queue/{other}");

        var lifted = await admin.Client.PutAsJsonAsync($"/api/civic/staff/{staff.AccountId}/communes", new { communeCodes = Array.Empty<string>() });
        var afterwards = await staff.Client.GetAsync($"/api/civic/queue/{other}");
        var unknownCommune = await admin.Client.PutAsJsonAsync($"/api/civic/staff/{staff.AccountId}/communes", new { communeCodes = new[] { communes[0], "99999" } });
        var notStaff = await admin.Client.PutAsJsonAsync($"/api/civic/staff/{worker.AccountId}/communes", new { communeCodes = new[] { communes[0] } });
        var noAccount = await admin.Client.PutAsJsonAsync("/api/civic/staff/987654321/communes", new { communeCodes = new[] { communes[0] } });
        var byStaff = await staff.Client.PutAsJsonAsync($"/api/civic/staff/{staff.AccountId}/communes", new { communeCodes = Array.Empty<string>() });

        Assert.Equal(HttpStatusCode.NotFound, whileLimited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        await Problems.AssertFieldErrorAsync(unknownCommune, "communeCodes[1]");
        await Problems.AssertFieldErrorAsync(notStaff, "accountId");
        Assert.Equal(HttpStatusCode.NotFound, noAccount.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byStaff.StatusCode);
    }

    private static async Task<List<long>> CodesAsync(HttpClient client, string url) =>
        [.. (await client.GetFromJsonAsync<JsonElement[]>(url) ?? []).Select(a => a.GetProperty("trackingCode").GetInt64())];

    private static async Task<string?> StatusAsync(HttpClient client, long code) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/civic/queue/{code}")).GetProperty("status").GetString();
}
