using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Api.Tests.Civic.PublicServices;
using DongNai.Search.Api.IdentityVerification;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Api.Tests.Identity;

public sealed class PersonalQrTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Scan_OfTheTextReadFromThePng_ShowsOnlyTheSharedFields()
    {
        var (owner, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var scanner = await factory.SignUpAsync();
        var code = await CreateAsync(owner, ["displayName", "fullName"]);

        var image = await owner.Client.GetAsync($"/api/me/personal-qr/{code.GetProperty("id").GetInt64()}/qr.png");
        var png = await image.Content.ReadAsByteArrayAsync();
        var text = DongNai.Payments.Tests.QrScan.Text(png);
        var scanned = await scanner.Client.PostAsJsonAsync("/api/qr/scan", new { text });

        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code.GetProperty("token").GetString(), text);
        Assert.Equal(HttpStatusCode.OK, scanned.StatusCode);
        var raw = await scanned.Content.ReadAsStringAsync();
        var card = JsonDocument.Parse(raw).RootElement;
        Assert.Equal(["displayName", "fullName"], card.GetProperty("sharedFields").EnumerateArray().Select(f => f.GetString()));
        Assert.True(card.GetProperty("identityVerified").GetBoolean());
        Assert.Equal("Trần Thị Bình", card.GetProperty("displayName").GetString());
        Assert.Equal("Nguyễn Văn An", card.GetProperty("fullName").GetString());
        Assert.Equal(
            ["sharedFields", "identityVerified", "displayName", "fullName"],
            card.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain(owner.Phone[1..], raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_ShowsThePhoneAndTheCardsFields_OnlyWhenShared()
    {
        var (owner, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var scanner = await factory.SignUpAsync();
        var code = await CreateAsync(owner, ["phone", "dateOfBirth", "gender"]);

        var card = await Problems.ReadAsync(await scanner.Client.PostAsJsonAsync("/api/qr/scan", new { text = code.GetProperty("token").GetString() }));

        Assert.Equal("+84" + owner.Phone[1..], card.GetProperty("phone").GetString());
        Assert.Equal("1995-03-15", card.GetProperty("dateOfBirth").GetString());
        Assert.Equal("male", card.GetProperty("gender").GetString());
        Assert.False(card.TryGetProperty("displayName", out _));
        Assert.False(card.TryGetProperty("fullName", out _));
    }

    [Theory]
    [InlineData("signature")]
    [InlineData("expiry")]
    [InlineData("code")]
    [InlineData("garbage")]
    public async Task Scan_RefusesAnAlteredToken_NamingTheText(string altered)
    {
        var owner = await factory.SignUpAsync();
        var scanner = await factory.SignUpAsync();
        var token = (await CreateAsync(owner, ["displayName"])).GetProperty("token").GetString()!;
        var parts = token.Split('.');
        var text = altered switch
        {
            "signature" => string.Join('.', parts[0], parts[1], parts[2], (parts[3][0] == 'A' ? "B" : "A") + parts[3][1..]),
            "expiry" => string.Join('.', parts[0], parts[1], (long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) + 86_400).ToString(System.Globalization.CultureInfo.InvariantCulture), parts[3]),
            "code" => string.Join('.', parts[0], (long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), parts[2], parts[3]),
            _ => "https://example.com/not-a-personal-qr",
        };

        var response = await scanner.Client.PostAsJsonAsync("/api/qr/scan", new { text });

        await Problems.AssertFieldErrorAsync(response, "text");
        Assert.Equal(PersonalQrEndpoints.InvalidType, (await Problems.ReadAsync(response)).GetProperty("type").GetString());
        Assert.Equal(0, await factory.WithDbAsync(db => db.PersonalQrScans.CountAsync(s => s.OwnerId == owner.AccountId)));
    }

    [Fact]
    public async Task Scan_AcceptsSurroundingSpace_AsScannersAddIt()
    {
        var owner = await factory.SignUpAsync();
        var scanner = await factory.SignUpAsync();
        var token = (await CreateAsync(owner, ["displayName"])).GetProperty("token").GetString()!;

        var response = await scanner.Client.PostAsJsonAsync("/api/qr/scan", new { text = "  " + token + "\n" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Scan_RefusesAnExpiredToken_NamingTheText()
    {
        var owner = await factory.SignUpAsync();
        var code = await CreateAsync(owner, ["displayName"], validForHours: 1);

        factory.Clock.Advance(TimeSpan.FromHours(1));

        // Signed in after the clock moved, so that its own access token is fresh.
        var scanner = await factory.SignUpAsync();
        var response = await scanner.Client.PostAsJsonAsync("/api/qr/scan", new { text = code.GetProperty("token").GetString() });
        await Problems.AssertFieldErrorAsync(response, "text");
        Assert.Equal(PersonalQrEndpoints.ExpiredType, (await Problems.ReadAsync(response)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Revoke_MakesScansFail_AndOnlyTheOwnerMayRevoke()
    {
        var owner = await factory.SignUpAsync();
        var scanner = await factory.SignUpAsync();
        var code = await CreateAsync(owner, ["displayName"]);
        var id = code.GetProperty("id").GetInt64();

        var byOther = await scanner.Client.PostAsync($"/api/me/personal-qr/{id}/revoke", null);
        var before = await scanner.Client.PostAsJsonAsync("/api/qr/scan", new { text = code.GetProperty("token").GetString() });
        var revoked = await owner.Client.PostAsync($"/api/me/personal-qr/{id}/revoke", null);
        var after = await scanner.Client.PostAsJsonAsync("/api/qr/scan", new { text = code.GetProperty("token").GetString() });
        var image = await owner.Client.GetAsync($"/api/me/personal-qr/{id}/qr.png");
        var listed = await owner.Client.GetFromJsonAsync<JsonElement>("/api/me/personal-qr");

        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await Problems.AssertFieldErrorAsync(after, "text");
        Assert.Equal(PersonalQrEndpoints.RevokedType, (await Problems.ReadAsync(after)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Conflict, image.StatusCode);
        Assert.NotEqual(JsonValueKind.Null, listed.EnumerateArray().Single(c => c.GetProperty("id").GetInt64() == id).GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task WithdrawingThePersonalQrConsent_RevokesEveryCode()
    {
        var owner = await factory.SignUpAsync();
        var scanner = await factory.SignUpAsync();
        var first = await CreateAsync(owner, ["displayName"]);
        var second = await CreateAsync(owner, ["homeCommune"]);
        var consents = await owner.Client.GetFromJsonAsync<JsonElement>("/api/me/consents");

        await owner.Client.PostAsJsonAsync("/api/me/consents/withdraw", new { purpose = "personalQr" });
        var scans = new[] { first, second }.Select(c => scanner.Client.PostAsJsonAsync("/api/qr/scan", new { text = c.GetProperty("token").GetString() }));

        Assert.True(consents.EnumerateArray().Single(c => c.GetProperty("purpose").GetString() == "personalQr").GetProperty("granted").GetBoolean());
        foreach (var response in await Task.WhenAll(scans))
        {
            Assert.Equal(PersonalQrEndpoints.RevokedType, (await Problems.ReadAsync(response)).GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task Scans_AreListedToTheOwnerAlone_WithWhoScannedAndWhen()
    {
        var owner = await factory.SignUpAsync();
        var scanner = await factory.SignUpAsync();
        var code = await CreateAsync(owner, ["displayName"]);
        var scannedAt = factory.Clock.GetUtcNow();

        await scanner.Client.PostAsJsonAsync("/api/qr/scan", new { text = code.GetProperty("token").GetString() });
        await owner.Client.PostAsJsonAsync("/api/qr/scan", new { text = code.GetProperty("token").GetString() });
        var ownerLog = await owner.Client.GetFromJsonAsync<JsonElement>("/api/me/personal-qr/scans");
        var scannerLog = await scanner.Client.GetFromJsonAsync<JsonElement>("/api/me/personal-qr/scans");
        var scannerImage = await scanner.Client.GetAsync($"/api/me/personal-qr/{code.GetProperty("id").GetInt64()}/qr.png");

        var scan = Assert.Single(ownerLog.EnumerateArray());
        Assert.Equal(code.GetProperty("id").GetInt64(), scan.GetProperty("codeId").GetInt64());
        Assert.Equal("Trần Thị Bình", scan.GetProperty("scannerDisplayName").GetString());
        Assert.Equal(16, scan.GetProperty("scannerHandle").GetString()!.Length);
        Assert.Equal(scannedAt, scan.GetProperty("scannedAt").GetDateTimeOffset());
        Assert.Empty(scannerLog.EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, scannerImage.StatusCode);
    }

    [Fact]
    public async Task Create_RefusesTheCardsFields_WithoutAVerifiedIdentity()
    {
        var owner = await factory.SignUpAsync();

        var response = await owner.Client.PostAsJsonAsync("/api/me/personal-qr", new { fields = new[] { "displayName", "fullName" }, consent = true });

        await Problems.AssertFieldErrorAsync(response, "fields");
        Assert.Equal(0, await factory.WithDbAsync(db => db.PersonalQrCodes.CountAsync(c => c.AccountId == owner.AccountId)));
    }

    [Theory]
    [InlineData("consent", "{\"fields\":[\"displayName\"],\"consent\":false}")]
    [InlineData("fields", "{\"fields\":[],\"consent\":true}")]
    [InlineData("fields", "{\"consent\":true}")]
    [InlineData("validForHours", "{\"fields\":[\"phone\"],\"validForHours\":721,\"consent\":true}")]
    [InlineData("validForHours", "{\"fields\":[\"phone\"],\"validForHours\":0,\"consent\":true}")]
    public async Task Create_Answers400_NamingTheField(string field, string body)
    {
        var owner = await factory.SignUpAsync();

        var response = await owner.Client.PostAsync("/api/me/personal-qr", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await Problems.AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task ExportAndErasure_CoverCodesScansAndApplications()
    {
        var owner = await factory.SignUpAsync();
        var scanner = await factory.SignUpAsync();
        var code = await CreateAsync(owner, ["displayName"]);
        await scanner.Client.PostAsJsonAsync("/api/qr/scan", new { text = code.GetProperty("token").GetString() });

        var ownerData = await owner.Client.GetFromJsonAsync<JsonElement>("/api/me/data");
        var scannerData = await scanner.Client.GetFromJsonAsync<JsonElement>("/api/me/data");
        var erased = await scanner.Client.DeleteAsync("/api/me");
        var ownerLog = await owner.Client.GetFromJsonAsync<JsonElement>("/api/me/personal-qr/scans");

        Assert.Equal(["displayName"], Assert.Single(ownerData.GetProperty("personalQrCodes").EnumerateArray()).GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Single(ownerData.GetProperty("scansOfMyPersonalQrCodes").EnumerateArray());
        Assert.Equal(code.GetProperty("id").GetInt64(), Assert.Single(scannerData.GetProperty("personalQrCodesIScanned").EnumerateArray()).GetProperty("codeId").GetInt64());
        Assert.Empty(scannerData.GetProperty("applications").EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.Empty(ownerLog.EnumerateArray());
        Assert.Equal(0, await factory.WithDbAsync(db => db.PersonalQrScans.CountAsync(s => s.ScannerId == scanner.AccountId)));
    }

    [Fact]
    public async Task Erasure_RemovesTheOwnersCodesAndTheirScans()
    {
        var owner = await factory.SignUpAsync();
        var scanner = await factory.SignUpAsync();
        var code = await CreateAsync(owner, ["displayName"]);
        await scanner.Client.PostAsJsonAsync("/api/qr/scan", new { text = code.GetProperty("token").GetString() });

        var erased = await owner.Client.DeleteAsync("/api/me");
        var scan = await scanner.Client.PostAsJsonAsync("/api/qr/scan", new { text = code.GetProperty("token").GetString() });

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        Assert.Equal(PersonalQrEndpoints.InvalidType, (await Problems.ReadAsync(scan)).GetProperty("type").GetString());
        Assert.Equal(0, await factory.WithDbAsync(db => db.PersonalQrCodes.CountAsync(c => c.AccountId == owner.AccountId)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.PersonalQrScans.CountAsync(s => s.OwnerId == owner.AccountId)));
    }

    private static async Task<JsonElement> CreateAsync(SignedInClient owner, string[] fields, int validForHours = 24)
    {
        var response = await owner.Client.PostAsJsonAsync("/api/me/personal-qr", new { fields, validForHours, consent = true });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Arrange: making a personal QR code answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await Problems.ReadAsync(response);
    }
}
