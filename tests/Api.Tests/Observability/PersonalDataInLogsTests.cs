using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DongNai.Api.Tests.Observability;

/// <summary>
/// The log scan that every <see cref="ApiFactory"/> runs when it is disposed is not vacuous: it
/// sees every category down to Debug, it catches a planted number in the forms people write, it
/// lets the digits of ids and timestamps pass, and EF Core never puts parameter values in its lines.
/// </summary>
public sealed class PersonalDataInLogsTests
{
    [Theory]
    [InlineData("Gọi lại cho số 0912345678 nhé")]
    [InlineData("khách: 0912 345 678")]
    [InlineData("khách: 0912.345.678")]
    [InlineData("phone=+84912345678")]
    [InlineData("phone=+84 912 345 678")]
    [InlineData("phone=84912345678")]
    [InlineData("số 0387654321, hết")]
    [InlineData("CCCD 079203001234 đã quét")]
    [InlineData("CCCD 079 203 001 234 đã quét")]
    [InlineData("GET http://localhost/api/search?q=ph%C3%B2ng%20tr%E1%BB%8D%200912345678 - 200")]
    public void Scan_FindsPersonalData_InTheFormsPeopleWriteIt(string line)
    {
        var found = PersonalDataScan.Find(line);

        Assert.NotNull(found);
    }

    [Fact]
    public void Scan_FindsARegisteredPhone_WrittenWithHyphensOrWithoutItsZero()
    {
        var phone = ApiFactory.NewPhone();

        var hyphens = PersonalDataScan.Find($"khách {phone[..4]}-{phone[4..7]}-{phone[7..]} đã gọi");
        var bare = PersonalDataScan.Find($"lookup {phone[1..]} done");

        Assert.NotNull(hyphens);
        Assert.NotNull(bare);
    }

    [Theory]
    [InlineData("TraceId=4bf92f3577b34da6a3ce929d0e0e4736 SpanId=00f067aa0ba902b7")]
    [InlineData("server dongnai:1234:0d5b2a61-1c3e-4f3a-9d41-079203001234 started")]
    [InlineData("at 2026-11-02T01:00:00.0912345Z the drain took 0.0912345678 s")]
    [InlineData("Applied 1000 outbox entries; listing 12345 version 3")]
    [InlineData("index folder /tmp/dongnai-api-tests/0912345678abcdef0912345678abcdef/index")]
    [InlineData("Executed DbCommand (3ms) [Parameters=[@p0='?' (DbType = Int64)], CommandType='Text']")]
    public void Scan_LetsIdsTimestampsAndCountsPass(string line)
    {
        var found = PersonalDataScan.Find(line);

        Assert.Null(found);
    }

    [Fact]
    public void Dispose_FailsWithTheOffendingLine_WhenAHostLoggedAPhoneNumber()
    {
        var factory = new ApiFactory();
        var logger = factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Planted");

        logger.Log(LogLevel.Debug, new EventId(1), "Gọi lại cho khách 0912 345 678", null, (state, _) => state);
        var error = Assert.Throws<PersonalDataInLogsException>(factory.Dispose);

        Assert.Contains("Gọi lại cho khách 0912 345 678", error.Message, StringComparison.Ordinal);
        Assert.Contains("Planted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchText_ReachesNoLogLine_EvenWithEveryCategoryAtDebug()
    {
        using var factory = new ApiFactory();
        var q = "phòng trọ chủ nhà 0912 345 678";

        var response = await factory.CreateClient().GetAsync(new Uri("/api/search?q=" + Uri.EscapeDataString(q), UriKind.Relative));

        response.EnsureSuccessStatusCode();
        var lines = factory.LogLines.Where(line => line.Scope("RequestPath") == "/api/search").ToList();
        Assert.NotEmpty(lines);
        Assert.DoesNotContain(lines, line => Uri.UnescapeDataString(line.Text).Contains("345 678", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && line.Level < LogLevel.Warning);
    }

    [Fact]
    public async Task Capture_SeesDebugLinesOfEfCoreAndAspNetCore_AndEfCoreLogsNoParameterValues()
    {
        using var factory = new ApiFactory();
        var account = await factory.SignUpAsync();

        (await account.Client.GetAsync(new Uri("/api/accounts/me", UriKind.Relative))).EnsureSuccessStatusCode();
        var sensitive = await factory.WithDbAsync(db => Task.FromResult(
            db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.IsSensitiveDataLoggingEnabled));

        var lines = factory.LogLines.ToList();
        Assert.Contains(lines, line => line.Level == LogLevel.Debug && line.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Level == LogLevel.Debug && line.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        var commands = lines.Where(line => line.Category == "Microsoft.EntityFrameworkCore.Database.Command" && line.Message.Contains("Parameters=[@", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(commands);
        Assert.DoesNotContain(commands, line => Regex.IsMatch(line.Message, @"@\w+='[^?]"));
        Assert.False(sensitive);
    }
}
