using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DongNai.Api.Tests;

public sealed class VietQrApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string StaticVector = "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F";

    private const string BillVector = "00020101021238530010A0000007270123000697041601092245284790208QRIBFTTA53037045405100005802VN62340107NPS68690819TRANSFER TO SOMEONE6304AC13";

    [Fact]
    public async Task Create_ReturnsTheStaticVectorAndAPng_WhenNoAmountIsGiven()
    {
        var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/payments/vietqr", new { bankBin = "970416", accountNumber = "257678859", service = "account" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Problems.ReadAsync(response);
        Assert.Equal(StaticVector, body.GetProperty("payload").GetString());
        var png = Convert.FromBase64String(body.GetProperty("pngBase64").GetString()!);
        Assert.Equal("\x89PNG\r\n\x1a\n", string.Concat(png[..8].Select(b => (char)b)));
    }

    [Fact]
    public async Task Create_ReturnsTheDynamicVector_WithAmountBillNumberAndPurpose()
    {
        var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/payments/vietqr", new
        {
            bankBin = "970416", accountNumber = "224528479", service = "account", amountVnd = 10000, purpose = "TRANSFER TO SOMEONE", billNumber = "NPS6869",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(BillVector, (await Problems.ReadAsync(response)).GetProperty("payload").GetString());
    }

    [Fact]
    public async Task CreateThenDecode_GivesBackWhatWasAsked_WithThePurposeWrittenWithoutAccents()
    {
        var client = factory.CreateClient();
        var created = await client.PostAsJsonAsync("/api/payments/vietqr", new
        {
            bankBin = "970436", accountNumber = "9704366800000000012", service = "card", amountVnd = 1_250_000, purpose = "Đặt cọc phòng trọ", billNumber = "DH2026120201",
        });
        var payload = (await Problems.ReadAsync(created)).GetProperty("payload").GetString();

        var response = await client.PostAsJsonAsync("/api/payments/vietqr/decode", new { payload });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fields = await Problems.ReadAsync(response);
        Assert.Equal("dynamic", fields.GetProperty("initiation").GetString());
        Assert.Equal("970436", fields.GetProperty("bankBin").GetString());
        Assert.Equal("Vietcombank", fields.GetProperty("bankShortName").GetString());
        Assert.Equal("9704366800000000012", fields.GetProperty("accountNumber").GetString());
        Assert.Equal("card", fields.GetProperty("service").GetString());
        Assert.Equal(1_250_000, fields.GetProperty("amountVnd").GetInt64());
        Assert.Equal("Dat coc phong tro", fields.GetProperty("purpose").GetString());
        Assert.Equal("DH2026120201", fields.GetProperty("billNumber").GetString());
        Assert.Equal(payload![^4..], fields.GetProperty("crc").GetString());
    }

    [Fact]
    public async Task Decode_ReadsAStaticVector_WithNullsForWhatItDoesNotCarry()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/payments/vietqr/decode", new { payload = StaticVector });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fields = await Problems.ReadAsync(response);
        Assert.Equal("static", fields.GetProperty("initiation").GetString());
        Assert.Equal("ACB", fields.GetProperty("bankCode").GetString());
        Assert.Equal(JsonValueKind.Null, fields.GetProperty("amountVnd").ValueKind);
        Assert.Equal(JsonValueKind.Null, fields.GetProperty("purpose").ValueKind);
    }

    [Theory]
    [InlineData("""{"bankBin":"999999","accountNumber":"257678859","service":"account"}""", "bankBin")]
    [InlineData("""{"bankBin":"970416","accountNumber":"257678859","service":"cash"}""", "service")]
    [InlineData("""{"bankBin":"970416","accountNumber":"257678859"}""", "service")]
    [InlineData("""{"bankBin":"970416","accountNumber":"","service":"account"}""", "accountNumber")]
    [InlineData("""{"bankBin":"970416","accountNumber":"257678859","service":"account","amountVnd":0}""", "amountVnd")]
    [InlineData("""{"bankBin":"970416","accountNumber":"257678859","service":"account","amountVnd":"10000"}""", "amountVnd")]
    [InlineData("""{"bankBin":"970416","accountNumber":"257678859","service":"account","purpose":"Thanh toán tiền phòng tháng mười hai"}""", "purpose")]
    [InlineData("""{"bankBin":"970416","accountNumber":"257678859","service":"account","billNumber":"DH 01"}""", "billNumber")]
    [InlineData("""{"bankBin":"970416","accountNumber":"257678859","service":"account","amount":10000}""", "amount")]
    public async Task Create_Returns400NamingTheField_WhenAFieldIsWrong(string json, string field)
    {
        var response = await factory.CreateClient().PostAsync("/api/payments/vietqr", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await Problems.AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task Create_NamesEveryWrongField_AtOnce()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/payments/vietqr", new { bankBin = "12", accountNumber = "", service = "account", amountVnd = -5 });

        await Problems.AssertFieldErrorAsync(response, "bankBin");
        var errors = (await Problems.ReadAsync(response)).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["accountNumber", "amountVnd", "bankBin"], errors);
    }

    [Theory]
    [InlineData(StaticVector, "AE9F", "AE9E", "crc")]
    [InlineData(StaticVector, "970416", "970417", "crc")]
    [InlineData(StaticVector, "6304AE9F", "6304AE9", "length")]
    [InlineData(StaticVector, "VN6304", "V\u00d16304", "characters")]
    public async Task Decode_Returns400NamingPayload_WithTheReason(string vector, string part, string replacement, string reason)
    {
        var payload = vector.Replace(part, replacement, StringComparison.Ordinal);

        var response = await factory.CreateClient().PostAsJsonAsync("/api/payments/vietqr/decode", new { payload });

        await Problems.AssertFieldErrorAsync(response, "payload");
        Assert.Equal(reason, (await Problems.ReadAsync(response)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Decode_Returns400WithReasonStructure_ForAnEmvCodeThatIsNotAVietQrTransfer()
    {
        // A well-formed EMVCo payload with a good CRC, but with the currency of US dollars.
        var body = "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53038405802VN6304";
        var payload = body + DongNai.Payments.VietQr.Crc16CcittFalse.Hex(body);

        var response = await factory.CreateClient().PostAsJsonAsync("/api/payments/vietqr/decode", new { payload });

        await Problems.AssertFieldErrorAsync(response, "payload");
        Assert.Equal("structure", (await Problems.ReadAsync(response)).GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("""{"payload":null}""", "payload")]
    [InlineData("""{"payload":""}""", "payload")]
    [InlineData("""{}""", "payload")]
    [InlineData("""{"payload":"x","text":"y"}""", "text")]
    public async Task Decode_Returns400_ForAMissingPayloadOrAnUnknownField(string json, string field)
    {
        var response = await factory.CreateClient().PostAsync("/api/payments/vietqr/decode", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await Problems.AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task Decode_Returns429_OnceTheClientsWriteBudgetIsSpent()
    {
        using var limited = new ApiFactory();
        var client = limited.WithWebHostBuilder(builder => builder.UseSetting("RateLimits:WritesPerMinute", "2")).CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/payments/vietqr/decode", new { payload = StaticVector })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
