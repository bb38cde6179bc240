using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace DongNai.Payments.VietQr;

/// <summary>What a VietQR payload says.</summary>
/// <param name="Initiation">Static (tag 01 = 11) or dynamic (12).</param>
/// <param name="BankBin">The beneficiary bank's BIN (tag 38, 01, 00).</param>
/// <param name="Bank">That bank in the NAPAS list; null for a BIN the list does not know (a newer bank, say).</param>
/// <param name="AccountNumber">The account or card number (tag 38, 01, 01).</param>
/// <param name="Service">From the service code (tag 38, 02).</param>
/// <param name="AmountVnd">Tag 54, when present.</param>
/// <param name="Purpose">Tag 62, 08, when present.</param>
/// <param name="BillNumber">Tag 62, 01, when present.</param>
/// <param name="Crc">Tag 63, four upper-case hex digits, checked.</param>
public sealed record VietQrFields(
    VietQrInitiation Initiation, string BankBin, NapasBank? Bank, string AccountNumber, VietQrService Service,
    long? AmountVnd, string? Purpose, string? BillNumber, string Crc);

/// <summary>Why a payload was refused.</summary>
public enum VietQrDecodeFailure
{
    /// <summary>Nothing was given.</summary>
    Missing,

    /// <summary>A character outside printable ASCII.</summary>
    Characters,

    /// <summary>A tag or length that is not two digits, or a length that runs past the end.</summary>
    Length,

    /// <summary>Valid encoding, but not a VietQR transfer: a required tag missing or twice, a wrong fixed value, an unknown service code.</summary>
    Structure,

    /// <summary>Tag 63 missing, not last, not four upper-case hex digits, or not the checksum of the payload.</summary>
    Crc,
}

/// <summary>A refusal: what kind and a message that names the tag and position.</summary>
public sealed record VietQrDecodeError(VietQrDecodeFailure Failure, string Message);

/// <summary>
/// Reads a VietQR payload back into its fields, checking its encoding, its checksum and that it is
/// a NAPAS transfer to an account or card; anything else is refused with a reason. Pure and thread-safe.
/// </summary>
/// <remarks>
/// Strict where a wrong reading would send money elsewhere, lenient where EMVCo lets writers differ:
/// <list type="bullet">
/// <item>Only printable ASCII is accepted: the NAPAS payload is ASCII, and with other characters the
/// lengths and the checksum's bytes would be ambiguous.</item>
/// <item>The checksum must be four upper-case hex digits and match; so any change of one character
/// is refused (a CRC-16 detects every error within 16 consecutive bits, and a change in tag 63
/// itself no longer matches).</item>
/// <item>Tag 00 must come first and tag 63 last; no tag may appear twice at one level. Tags this
/// decoder does not read (EMVCo's 52 merchant category, 59 name, 60 city, 64 language template, …)
/// are allowed and ignored, as are the other sub-tags of 62.</item>
/// <item>The field limits the builder keeps (25 characters of purpose) are not enforced here: codes
/// from other writers with longer notes are read as they are.</item>
/// </list>
/// </remarks>
public static class VietQrDecoder
{
    public static bool TryDecode(string? payload, [NotNullWhen(true)] out VietQrFields? fields, [NotNullWhen(false)] out VietQrDecodeError? error)
    {
        fields = null;
        error = Decode(payload, out fields);
        return error is null;
    }

    private static VietQrDecodeError? Decode(string? payload, out VietQrFields? fields)
    {
        fields = null;
        if (string.IsNullOrEmpty(payload))
        {
            return new(VietQrDecodeFailure.Missing, "Required: the text a VietQR code holds.");
        }

        for (var i = 0; i < payload.Length; i++)
        {
            if (payload[i] is < ' ' or > '~')
            {
                return new(VietQrDecodeFailure.Characters, $"Position {i}: VietQR text is printable ASCII; found U+{(int)payload[i]:X4}.");
            }
        }

        var top = EmvTlv.Read(payload, 0, "Payload", out var lengthError);
        if (top is null)
        {
            return new(VietQrDecodeFailure.Length, lengthError!);
        }

        if (CheckCrc(payload, top) is { } crcError)
        {
            return crcError;
        }

        if (Duplicate(top, "Payload") is { } duplicate)
        {
            return duplicate;
        }

        if (top[0].Id != "00" || top[0].Value != "01")
        {
            return Structure("Tag 00 (payload format indicator) must come first with the value 01.");
        }

        var tags = top.ToDictionary(f => f.Id, f => f.Value, StringComparer.Ordinal);
        VietQrInitiation? initiation = Get(tags, "01") switch
        {
            "11" => VietQrInitiation.Static,
            "12" => VietQrInitiation.Dynamic,
            _ => null,
        };
        if (initiation is null)
        {
            return Structure("Tag 01 (point of initiation) must be 11 (static) or 12 (dynamic).");
        }

        if (Get(tags, "53") != "704")
        {
            return Structure("Tag 53 (currency) must be 704, the đồng.");
        }

        if (Get(tags, "58") != "VN")
        {
            return Structure("Tag 58 (country) must be VN.");
        }

        long? amount = null;
        if (Get(tags, "54") is { } amountText)
        {
            if (amountText.Length is 0 or > 13 || !EmvTlv.IsDigits(amountText) || amountText[0] == '0')
            {
                return Structure($"Tag 54 (amount) must be a whole number of đồng without leading zeros, decimals or separators; found '{amountText}'.");
            }

            amount = long.Parse(amountText, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        if (!tags.ContainsKey("38"))
        {
            return Structure("Tag 38 (VietQR merchant account information) is missing.");
        }

        var beneficiary = ReadMerchantAccount(top.First(f => f.Id == "38"), out var accountError);
        if (beneficiary is null)
        {
            return accountError;
        }

        string? purpose = null;
        string? bill = null;
        if (top.FirstOrDefault(f => f.Id == "62") is { Id: "62" } additional)
        {
            var sub = EmvTlv.Read(additional.Value, additional.Position + 4, "Tag 62 (additional data)", out var subError);
            if (sub is null)
            {
                return new(VietQrDecodeFailure.Length, subError!);
            }

            if (Duplicate(sub, "Tag 62 (additional data)") is { } subDuplicate)
            {
                return subDuplicate;
            }

            bill = sub.FirstOrDefault(f => f.Id == "01").Value;
            purpose = sub.FirstOrDefault(f => f.Id == "08").Value;
        }

        var (bin, number, service) = beneficiary.Value;
        fields = new VietQrFields(initiation.Value, bin, NapasBanks.Find(bin), number, service, amount, purpose, bill, tags["63"]);
        return null;
    }

    private static VietQrDecodeError? CheckCrc(string payload, List<EmvField> top)
    {
        var last = top[^1];
        if (last.Id != "63" || last.Value.Length != 4)
        {
            return top.Any(f => f.Id == "63")
                ? new(VietQrDecodeFailure.Crc, "Tag 63 (CRC) must be the last tag, with four characters.")
                : new(VietQrDecodeFailure.Crc, "Tag 63 (CRC) is missing: it must end the payload as 6304 and four hex digits.");
        }

        if (!last.Value.All(c => char.IsAsciiDigit(c) || c is >= 'A' and <= 'F'))
        {
            return new(VietQrDecodeFailure.Crc, $"Tag 63 (CRC) must be four upper-case hex digits; found '{last.Value}'.");
        }

        var expected = Crc16CcittFalse.Hex(payload[..^4]);
        return expected == last.Value
            ? null
            : new(VietQrDecodeFailure.Crc, $"Tag 63 (CRC) is {last.Value}, but the payload before it gives {expected}: the text was changed or mistyped.");
    }

    private static (string Bin, string Number, VietQrService Service)? ReadMerchantAccount(EmvField account, out VietQrDecodeError? error)
    {
        const string Where = "Tag 38 (merchant account information)";
        var sub = EmvTlv.Read(account.Value, account.Position + 4, Where, out var lengthError);
        if (sub is null)
        {
            error = new(VietQrDecodeFailure.Length, lengthError!);
            return null;
        }

        if ((error = Duplicate(sub, Where)) is not null)
        {
            return null;
        }

        var values = sub.ToDictionary(f => f.Id, f => f.Value, StringComparer.Ordinal);
        if (Get(values, "00") != VietQrBuilder.NapasGuid)
        {
            error = Structure($"{Where}: sub-tag 00 must be the NAPAS GUID {VietQrBuilder.NapasGuid}.");
            return null;
        }

        VietQrService? service = Get(values, "02") switch
        {
            VietQrBuilder.AccountServiceCode => VietQrService.Account,
            VietQrBuilder.CardServiceCode => VietQrService.Card,
            _ => null,
        };
        if (service is null)
        {
            error = Structure($"{Where}: sub-tag 02 must be the service code {VietQrBuilder.AccountServiceCode} (to an account) or {VietQrBuilder.CardServiceCode} (to a card).");
            return null;
        }

        var beneficiaryField = sub.FirstOrDefault(f => f.Id == "01");
        if (beneficiaryField.Id != "01")
        {
            error = Structure($"{Where}: sub-tag 01 (the beneficiary) is missing.");
            return null;
        }

        const string BeneficiaryWhere = "Tag 38, sub-tag 01 (beneficiary)";
        var beneficiary = EmvTlv.Read(beneficiaryField.Value, beneficiaryField.Position + 4, BeneficiaryWhere, out lengthError);
        if (beneficiary is null)
        {
            error = new(VietQrDecodeFailure.Length, lengthError!);
            return null;
        }

        if ((error = Duplicate(beneficiary, BeneficiaryWhere)) is not null)
        {
            return null;
        }

        var parts = beneficiary.ToDictionary(f => f.Id, f => f.Value, StringComparer.Ordinal);
        var bin = Get(parts, "00");
        if (bin is null || bin.Length != 6 || !EmvTlv.IsDigits(bin))
        {
            error = Structure($"{BeneficiaryWhere}: sub-tag 00 must be the bank's six-digit BIN.");
            return null;
        }

        var number = Get(parts, "01");
        if (number is null || number.Length is 0 or > VietQrBuilder.MaxAccountLength || !number.All(char.IsAsciiLetterOrDigit))
        {
            error = Structure($"{BeneficiaryWhere}: sub-tag 01 must be the account or card number, 1 to {VietQrBuilder.MaxAccountLength} letters or digits.");
            return null;
        }

        error = null;
        return (bin, number, service.Value);
    }

    private static VietQrDecodeError? Duplicate(List<EmvField> fields, string where) =>
        fields.GroupBy(f => f.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice
            ? Structure($"{where}: tag {twice.Key} appears {twice.Count()} times.")
            : null;

    private static string? Get(Dictionary<string, string> values, string id) => values.TryGetValue(id, out var value) ? value : null;

    private static VietQrDecodeError Structure(string message) => new(VietQrDecodeFailure.Structure, message);
}
