using DongNai.Domain.Validation;
using DongNai.Payments.VietQr;

namespace DongNai.Payments.Tests.VietQr;

public sealed class VietQrBuilderTests
{
    /// <summary>
    /// The shared vectors give payloads only; their inputs are read off each payload by hand here
    /// (bank, number, amount, notes), with the purpose typed as a person would (accents included)
    /// where the payload carries it folded. The last case is the example in the README of
    /// github.com/subiz/vietqr ("ủng hộ lũ lụt" to VietinBank), a second writer's output.
    /// </summary>
    public static TheoryData<string, string, long?, string?, string?, string> Cases() => new()
    {
        { "970416", "257678859", null, null, null, "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F" },
        { "970416", "257678859", 10000, "Chuyển tiền", null, "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN62150811Chuyen tien630453E6" },
        { "970416", "224528479", 10000, "TRANSFER TO SOMEONE", "NPS6869", "00020101021238530010A0000007270123000697041601092245284790208QRIBFTTA53037045405100005802VN62340107NPS68690819TRANSFER TO SOMEONE6304AC13" },
        { "970407", "9796868", null, "gen by sunary/vietqr", null, "00020101021138510010A00000072701210006970407010797968680208QRIBFTTA53037045802VN62240820gen by sunary/vietqr6304BE74" },
        { "970415", "0011001932418", 120000, "ủng hộ lũ lụt", null, "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TryBuild_GivesThePayloadByteForByte_ForEachVectorsInputs(string bin, string account, long? amount, string? purpose, string? bill, string expected)
    {
        var errors = new FieldErrors();

        var built = VietQrBuilder.TryBuild(new VietQrRequest(bin, account, VietQrService.Account, amount, purpose, bill), errors, out var payload);

        Assert.True(built, string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        Assert.Equal(expected, payload);
    }

    [Fact]
    public void Cases_CoverEverySharedVector()
    {
        var covered = Cases().Select(row => (string)row[5]).ToHashSet(StringComparer.Ordinal);

        Assert.All(VietQrVectors.All.Where(v => v.CrcOk), v => Assert.Contains(v.Payload, covered));
    }

    [Theory]
    [MemberData(nameof(VietQrVectors.Valid), MemberType = typeof(VietQrVectors))]
    public void TryBuild_RebuildsEachVector_FromItsDecodedFields(string payload)
    {
        Assert.True(VietQrDecoder.TryDecode(payload, out var fields, out _));
        var request = new VietQrRequest(fields!.BankBin, fields!.AccountNumber, fields!.Service, fields!.AmountVnd, fields!.Purpose, fields!.BillNumber);

        var built = VietQrBuilder.TryBuild(request, new FieldErrors(), out var rebuilt);

        Assert.True(built);
        Assert.Equal(payload, rebuilt);
    }

    [Fact]
    public void TryBuild_WritesACardTransfer_WithServiceCodeQRIBFTTC()
    {
        var built = VietQrBuilder.TryBuild(new VietQrRequest("970436", "9704366800000000012", VietQrService.Card, 50000), new FieldErrors(), out var payload);

        Assert.True(built);
        Assert.Contains("0208QRIBFTTC", payload, StringComparison.Ordinal);
        Assert.True(VietQrDecoder.TryDecode(payload, out var fields, out _));
        Assert.Equal(VietQrService.Card, fields!.Service);
        Assert.Equal(VietQrInitiation.Dynamic, fields!.Initiation);
        Assert.Equal("Vietcombank", fields!.Bank?.ShortName);
    }

    [Theory]
    [InlineData("Học phí tháng 12 - Đồng Nai", "Hoc phi thang 12 - Dong Nai")]
    [InlineData("  ĐẶT   CỌC\tphòng trọ ", "DAT COC phong tro")]
    [InlineData("Trà sữa 🧋 x2", "Tra sua x2")]
    [InlineData("Hoà, hòa, thuỷ", "Hoa, hoa, thuy")]
    public void FoldToAscii_DropsMarksKeepsCase_AndLeavesOnlyPrintableAscii(string text, string expected)
    {
        var folded = VietQrText.FoldToAscii(text);

        Assert.Equal(expected, folded);
    }

    [Theory]
    [InlineData(null, "257678859", VietQrService.Account, null, null, null, "bankBin")]
    [InlineData("97041", "257678859", VietQrService.Account, null, null, null, "bankBin")]
    [InlineData("999999", "257678859", VietQrService.Account, null, null, null, "bankBin")]
    [InlineData("970416", "", VietQrService.Account, null, null, null, "accountNumber")]
    [InlineData("970416", "2576 78859", VietQrService.Account, null, null, null, "accountNumber")]
    [InlineData("970416", "12345678901234567890", VietQrService.Account, null, null, null, "accountNumber")]
    [InlineData("970416", "970436680000", VietQrService.Card, null, null, null, "accountNumber")]
    [InlineData("970416", "257678859", null, null, null, null, "service")]
    [InlineData("970416", "257678859", VietQrService.Account, 0L, null, null, "amountVnd")]
    [InlineData("970416", "257678859", VietQrService.Account, 10_000_000_000_000L, null, null, "amountVnd")]
    [InlineData("970416", "257678859", VietQrService.Account, null, "Thanh toán tiền phòng tháng mười hai", null, "purpose")]
    [InlineData("970416", "257678859", VietQrService.Account, null, "🧋🧋", null, "purpose")]
    [InlineData("970416", "257678859", VietQrService.Account, null, null, "DH-2026-001", "billNumber")]
    [InlineData("970416", "257678859", VietQrService.Account, null, null, "A12345678901234567890123456", "billNumber")]
    public void TryBuild_RefusesNamingTheField_WhenAFieldIsWrong(
        string? bin, string? account, VietQrService? service, long? amount, string? purpose, string? bill, string field)
    {
        var errors = new FieldErrors();

        var built = VietQrBuilder.TryBuild(new VietQrRequest(bin, account, service, amount, purpose, bill), errors, out var payload);

        Assert.False(built);
        Assert.Null(payload);
        Assert.Equal([field], errors.ToDictionary().Keys);
    }

    [Fact]
    public void TryBuild_AcceptsAPurposeOf25Characters_OnceFolded()
    {
        // 25 characters folded, more than 25 bytes of UTF-8 as typed.
        var purpose = "Đặt cọc phòng trọ Hố Nai";

        var built = VietQrBuilder.TryBuild(new VietQrRequest("970416", "257678859", VietQrService.Account, Purpose: purpose + "1"), new FieldErrors(), out var payload);

        Assert.True(built);
        Assert.Contains("0825Dat coc phong tro Ho Nai1", payload, StringComparison.Ordinal);
    }
}
