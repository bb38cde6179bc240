using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace DongNai.Api.Tests.Identity;

/// <summary>Valid CCCD QR texts no other test uses, test images, and the requests of the identity endpoints.</summary>
public static class IdentityRequests
{
    private static int s_serial;

    /// <summary>
    /// A valid card of a man born 15 March 1995 in Đồng Nai (075, gender/century digit 0, year 95),
    /// with a number no other card of this test run has and an address carrying the same serial.
    /// </summary>
    public static TestCard NewCard()
    {
        var serial = Interlocked.Increment(ref s_serial);
        var number = "075095" + (100_000 + serial).ToString(CultureInfo.InvariantCulture);
        var address = $"Tổ {serial} Khu phố Zetaqua, Phường Tam Hiệp, Đồng Nai";
        return new TestCard(number, address, $"{number}|272345678|Nguyễn Văn An|15031995|Nam|{address}|20042021");
    }

    public static JsonObject FillBody(TestCard card) => new() { ["text"] = card.QrText, ["consent"] = true };

    public static Task<HttpResponseMessage> FillAsync(HttpClient client, TestCard card) =>
        client.PostAsJsonAsync("/api/identity/cccd-qr", FillBody(card));

    /// <summary>A JPEG's first bytes and a run that marks this image, to find it (or not) in a file.</summary>
    public static byte[] Jpeg(byte mark) => [0xFF, 0xD8, 0xFF, 0xE0, .. Enumerable.Repeat(mark, 4096), 0xFF, 0xD9];

    public static byte[] Png(byte mark) => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Enumerable.Repeat(mark, 4096)];

    public static MultipartFormDataContent Photos(byte[] idPhoto, string idType, byte[] selfie, string selfieType)
    {
        var form = new MultipartFormDataContent();
        form.Add(Image(idPhoto, idType), "idPhoto", "cccd.jpg");
        form.Add(Image(selfie, selfieType), "selfie", "selfie.png");
        return form;
    }

    public static MultipartFormDataContent Photos() => Photos(Jpeg(0x5A), "image/jpeg", Png(0x6B), "image/png");

    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client) => client.PostAsync("/api/identity/verification", Photos());

    /// <summary>Fills a new card for <paramref name="client"/> and submits photos; returns the card. Fails the test when either step does.</summary>
    public static async Task<TestCard> FillAndSubmitAsync(HttpClient client)
    {
        var card = NewCard();
        var filled = await FillAsync(client, card);
        Assert.True(filled.IsSuccessStatusCode, $"Arrange: filling the card answered {(int)filled.StatusCode}: {await filled.Content.ReadAsStringAsync()}");
        var submitted = await SubmitAsync(client);
        Assert.True(submitted.IsSuccessStatusCode, $"Arrange: submitting photos answered {(int)submitted.StatusCode}: {await submitted.Content.ReadAsStringAsync()}");
        return card;
    }

    /// <summary>The id of <paramref name="accountId"/>'s waiting submission.</summary>
    public static Task<long> SubmissionIdAsync(ApiFactory factory, long accountId) =>
        factory.WithDbAsync(async db => db.VerificationSubmissions.Single(s => s.AccountId == accountId).Id);

    /// <summary>Every file under the service's data folder (database, WAL, index, job storage, keys) but the lock the service holds, read while the service may write.</summary>
    public static async Task<byte[]> ReadDataFolderAsync(ApiFactory factory)
    {
        using var all = new MemoryStream();
        foreach (var file in Directory.GetFiles(factory.DataPath, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "service.lock"))
        {
            try
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                await stream.CopyToAsync(all);
            }
            catch (FileNotFoundException)
            {
                // The index merged it away or the service deleted it since the listing: nothing left to read.
            }
        }

        return all.ToArray();
    }

    public static void AssertAbsent(byte[] haystack, string text, string where)
    {
        Assert.True(haystack.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) < 0, $"'{text}' was found in {where} (UTF-8).");
        Assert.True(haystack.AsSpan().IndexOf(System.Text.Encoding.Unicode.GetBytes(text)) < 0, $"'{text}' was found in {where} (UTF-16).");
    }

    private static ByteArrayContent Image(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }
}

/// <summary>A test card: its number, its address (with a serial, to look for at rest) and the QR text.</summary>
public sealed record TestCard(string Number, string Address, string QrText);
