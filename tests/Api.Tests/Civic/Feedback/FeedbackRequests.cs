using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DongNai.Domain.People;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace DongNai.Api.Tests.Civic.Feedback;

/// <summary>Requests and arrangements shared by the feedback tests.</summary>
public static class FeedbackRequests
{
    /// <summary>Phường Biên Hòa and Xã Long Thành.</summary>
    public const string BienHoa = "26068";
    public const string LongThanh = "26368";

    public const string CameraMake = "DongNaiTestCam";

    public static JsonObject Report(string title = "Ổ gà lớn trên đường Đồng Khởi", string text = "Ổ gà sâu giữa làn xe máy, nhiều người đã bị ngã vào buổi tối.", string category = "roads", string? commune = BienHoa, double? latitude = null, double? longitude = null, params byte[][] photos) => new()
    {
        ["title"] = title,
        ["text"] = text,
        ["category"] = category,
        ["communeCode"] = commune,
        ["latitude"] = latitude,
        ["longitude"] = longitude,
        ["photos"] = new JsonArray([.. photos.Select(p => (JsonNode)JsonValue.Create(Convert.ToBase64String(p)))]),
    };

    public static async Task<long> PostAsync(HttpClient client, JsonObject? body = null)
    {
        var response = await client.PostAsJsonAsync("/api/feedback/reports", body ?? Report());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"Posting answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    public static async Task<JsonElement> ApproveAsync(HttpClient moderator, long id)
    {
        var response = await moderator.PostAsync($"/api/feedback/moderation/{id}/approve", null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Approving answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A client signed in as the admin every host creates.</summary>
    public static async Task<HttpClient> AdminAsync(ApiFactory factory)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/accounts/sign-in", new { phone = ApiFactory.AdminPhone, password = "QuanTri@2026" });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A new agency staff account assigned to <paramref name="unitCode"/> by the admin, through the API.</summary>
    public static async Task<SignedInClient> UnitStaffAsync(ApiFactory factory, string unitCode)
    {
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        using var admin = await AdminAsync(factory);
        var response = await admin.PutAsJsonAsync($"/api/feedback/staff/{staff.AccountId}", new { unitCode });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return staff;
    }

    public static Task<int> NotificationCountAsync(ApiFactory factory, long accountId) =>
        factory.WithDbAsync(db => Task.FromResult(db.Notifications.Count(n => n.AccountId == accountId && n.Type == Domain.Messaging.NotificationType.FeedbackStatus)));

    /// <summary>A JPEG as a phone writes it: EXIF with the camera make, a serial number and a GPS position.</summary>
    public static byte[] JpegWithGps()
    {
        using var image = new Image<Rgb24>(64, 48, new Rgb24(90, 140, 60));
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, CameraMake);
        exif.SetValue(ExifTag.SerialNumber, "SN-987654");
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(10, 1), new Rational(57, 1), new Rational(1234, 100)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(106, 1), new Rational(50, 1), new Rational(3456, 100)]);
        image.Metadata.ExifProfile = exif;
        using var output = new MemoryStream();
        image.Save(output, new JpegEncoder());
        return output.ToArray();
    }
}
