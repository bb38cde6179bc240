using DongNai.Payments.VietQr;

namespace DongNai.Payments.Tests.VietQr;

public sealed class VietQrDecoderTests
{
    private const string Static = "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F";

    [Theory]
    [MemberData(nameof(VietQrVectors.Data), MemberType = typeof(VietQrVectors))]
    public void TryDecode_AcceptsAVector_ExactlyWhenItsCrcIsGood(string payload, bool crcOk)
    {
        var decoded = VietQrDecoder.TryDecode(payload, out var fields, out var error);

        Assert.Equal(crcOk, decoded);
        if (crcOk)
        {
            Assert.Equal(payload[^4..], fields!.Crc);
        }
        else
        {
            Assert.Equal(VietQrDecodeFailure.Crc, error!.Failure);
        }
    }

    [Fact]
    public void TryDecode_ReadsEveryField_OfTheVectorWithBillNumberAndPurpose()
    {
        var payload = "00020101021238530010A0000007270123000697041601092245284790208QRIBFTTA53037045405100005802VN62340107NPS68690819TRANSFER TO SOMEONE6304AC13";

        var decoded = VietQrDecoder.TryDecode(payload, out var fields, out _);

        Assert.True(decoded);
        Assert.Equal(
            new VietQrFields(VietQrInitiation.Dynamic, "970416", NapasBanks.Find("970416"), "224528479", VietQrService.Account, 10000, "TRANSFER TO SOMEONE", "NPS6869", "AC13"),
            fields);
        Assert.Equal("ACB", fields!.Bank?.ShortName);
    }

    [Fact]
    public void TryDecode_ReadsAStaticCode_WithoutAmountOrNotes()
    {
        var decoded = VietQrDecoder.TryDecode(Static, out var fields, out _);

        Assert.True(decoded);
        Assert.Equal(VietQrInitiation.Static, fields!.Initiation);
        Assert.Null(fields!.AmountVnd);
        Assert.Null(fields!.Purpose);
        Assert.Null(fields!.BillNumber);
    }

    [Theory]
    [MemberData(nameof(VietQrVectors.Valid), MemberType = typeof(VietQrVectors))]
    public void TryDecode_RefusesEveryOneCharacterChange_OfEachVector(string payload)
    {
        var accepted = new List<string>();

        for (var i = 0; i < payload!.Length; i++)
        {
            for (var c = ' '; c <= '~'; c++)
            {
                if (c == payload[i])
                {
                    continue;
                }

                var changed = string.Concat(payload.AsSpan(0, i), c.ToString(), payload.AsSpan(i + 1));
                if (VietQrDecoder.TryDecode(changed, out _, out _))
                {
                    accepted.Add(changed);
                }
            }
        }

        Assert.Empty(accepted);
    }

    [Fact]
    public void TryDecode_RefusesAWrongCrc_NamingBothChecksums()
    {
        var changed = Static[..^4] + "AE9E";

        var decoded = VietQrDecoder.TryDecode(changed, out _, out var error);

        Assert.False(decoded);
        Assert.Equal(VietQrDecodeFailure.Crc, error!.Failure);
        Assert.Contains("AE9E", error!.Message, StringComparison.Ordinal);
        Assert.Contains("AE9F", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AE9f")]
    [InlineData("ae9f")]
    public void TryDecode_RefusesALowerCaseCrc(string crc)
    {
        var decoded = VietQrDecoder.TryDecode(Static[..^4] + crc, out _, out var error);

        Assert.False(decoded);
        Assert.Equal(VietQrDecodeFailure.Crc, error!.Failure);
    }

    [Theory]
    [InlineData("00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9", "Payload")] // cut short: 63 declares 4, 3 follow
    [InlineData("00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F0", "Payload")] // one character too many
    [InlineData("000201010211389X0010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F", "Payload")] // length not digits
    [InlineData("00020101021138990010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F", "Payload")] // 38 longer than the rest
    public void TryDecode_RefusesWrongLengths(string payload, string where)
    {
        var decoded = VietQrDecoder.TryDecode(payload, out _, out var error);

        Assert.False(decoded);
        Assert.Equal(VietQrDecodeFailure.Length, error!.Failure);
        Assert.StartsWith(where, error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_RefusesANestedLengthThatRunsPastItsTemplate_EvenWithAGoodCrc()
    {
        // Tag 38 is whole, but inside it the beneficiary (sub-tag 01) declares 24 characters where 23 follow.
        var payload = WithCrc("00020101021138530010A0000007270124000697041601092576788590208QRIBFTTA53037045802VN");

        var decoded = VietQrDecoder.TryDecode(payload, out _, out var error);

        Assert.False(decoded);
        Assert.Equal(VietQrDecodeFailure.Length, error!.Failure);
        Assert.StartsWith("Tag 38", error!.Message, StringComparison.Ordinal);
    }

    /// <summary>Well-encoded payloads with a correct CRC that are not NAPAS transfers to an account or card.</summary>
    [Theory]
    [InlineData("00020101021138530010A0000007280123000697041601092576788590208QRIBFTTA53037045802VN", "GUID")]
    [InlineData("00020101021138510010A0000007270123000697041601092576788590206QRPUSH53037045802VN", "service code")]
    [InlineData("00020101021153037045802VN", "Tag 38")]
    [InlineData("00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53038405802VN", "Tag 53")]
    [InlineData("00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802US", "Tag 58")]
    [InlineData("00020101021338530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN", "Tag 01")]
    [InlineData("01021100020138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN", "Tag 00")]
    [InlineData("00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA5303704540610.0005802VN", "Tag 54")]
    [InlineData("00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045405010005802VN", "Tag 54")]
    [InlineData("00020101021138530010A0000007270123000597041601092576788590208QRIBFTTA53037045802VN", "beneficiary")]
    [InlineData("00020101021138270010A0000007270209QRIBFTTAX53037045802VN", "service code")]
    [InlineData("00020101021138260010A0000007270208QRIBFTTA53037045802VN", "beneficiary")]
    [InlineData("00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN62160804abcd0804abcd", "appears 2 times")]
    public void TryDecode_RefusesUnknownStructure_WithAGoodCrc(string withoutCrc, string named)
    {
        var payload = WithCrc(withoutCrc);

        var decoded = VietQrDecoder.TryDecode(payload, out _, out var error);

        Assert.False(decoded, payload);
        Assert.True(error!.Failure is VietQrDecodeFailure.Structure or VietQrDecodeFailure.Length, $"{error!.Failure}: {error!.Message}");
        Assert.Contains(named, error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_RefusesADuplicateTopLevelTag()
    {
        var payload = WithCrc("00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN5802VN");

        var decoded = VietQrDecoder.TryDecode(payload, out _, out var error);

        Assert.False(decoded);
        Assert.Equal(VietQrDecodeFailure.Structure, error!.Failure);
        Assert.Contains("tag 58 appears 2 times", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_ReadsPastTagsItDoesNotUse_SuchAsMerchantNameAndCity()
    {
        var payload = WithCrc("00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA52045812530370454061200005802VN5910PHUONG CAC6005HANOI");

        var decoded = VietQrDecoder.TryDecode(payload, out var fields, out _);

        Assert.True(decoded);
        Assert.Equal(120000, fields!.AmountVnd);
        Assert.Equal("257678859", fields!.AccountNumber);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void TryDecode_RefusesNothing_AsMissing(string? payload)
    {
        var decoded = VietQrDecoder.TryDecode(payload, out _, out var error);

        Assert.False(decoded);
        Assert.Equal(VietQrDecodeFailure.Missing, error!.Failure);
    }

    [Fact]
    public void TryDecode_RefusesTextBeyondAscii_NamingThePosition()
    {
        var payload = WithCrc("00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN62150811Chuyển tiền");

        var decoded = VietQrDecoder.TryDecode(payload, out _, out var error);

        Assert.False(decoded);
        Assert.Equal(VietQrDecodeFailure.Characters, error!.Failure);
        Assert.Contains("Position 94", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_ReturnsNoBank_ForABinTheListDoesNotKnow()
    {
        var payload = WithCrc("00020101021138530010A0000007270123000699999901092576788590208QRIBFTTA53037045802VN");

        var decoded = VietQrDecoder.TryDecode(payload, out var fields, out _);

        Assert.True(decoded);
        Assert.Equal("999999", fields!.BankBin);
        Assert.Null(fields!.Bank);
    }

    private static string WithCrc(string withoutCrc) => withoutCrc + "6304" + Crc16CcittFalse.Hex(withoutCrc + "6304");
}
