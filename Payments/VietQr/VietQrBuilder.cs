using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using DongNai.Domain.Validation;

namespace DongNai.Payments.VietQr;

/// <summary>What a VietQR code asks the payer's bank app to do. Nullable throughout: <see cref="VietQrBuilder"/> says what is missing.</summary>
/// <param name="BankBin">The beneficiary bank's six-digit NAPAS acquirer BIN (for example 970416, ACB).</param>
/// <param name="AccountNumber">The account number (<see cref="VietQrService.Account"/>) or card number (<see cref="VietQrService.Card"/>).</param>
/// <param name="Service">Account or card transfer.</param>
/// <param name="AmountVnd">Whole đồng; with it the code is dynamic (tag 01 = 12), without it static (11).</param>
/// <param name="Purpose">The transfer note (tag 62, sub-tag 08), folded to ASCII.</param>
/// <param name="BillNumber">A reference (tag 62, sub-tag 01): letters and digits, such as an order reference.</param>
public sealed record VietQrRequest(
    string? BankBin, string? AccountNumber, VietQrService? Service, long? AmountVnd = null, string? Purpose = null, string? BillNumber = null);

/// <summary>
/// Builds the NAPAS VietQR payload (EMVCo merchant-presented mode, the bank-transfer QR every
/// Vietnamese bank app scans): tags 00 <c>01</c>; 01 <c>11</c>/<c>12</c>; 38 with GUID
/// <c>A000000727</c>, the beneficiary (00 BIN, 01 account or card number) and the service code;
/// 53 <c>704</c>; 54 the amount; 58 <c>VN</c>; 62 with 01 the bill number and 08 the purpose; and
/// 63 the CRC-16/CCITT-FALSE of everything before it, <c>6304</c> included. Pure and thread-safe.
/// </summary>
/// <remarks>
/// Limits are the EMVCo ones for these fields, so that every bank app reads the code: account
/// numbers 1 to 19 letters or digits, card numbers 16 to 19 digits, amounts up to 13 digits,
/// purpose and bill number up to 25 characters. A purpose that is longer once folded is refused
/// rather than cut: a cut transfer note can lose the words the payee matches payments by.
/// </remarks>
public static class VietQrBuilder
{
    public const string NapasGuid = "A000000727";
    public const string AccountServiceCode = "QRIBFTTA";
    public const string CardServiceCode = "QRIBFTTC";
    public const int MaxPurposeLength = 25;
    public const int MaxBillNumberLength = 25;
    public const int MaxAccountLength = 19;
    public const long MaxAmountVnd = 9_999_999_999_999;

    /// <summary>
    /// The payload for <paramref name="request"/>; false with <paramref name="errors"/> naming each
    /// wrong field by its JSON name (<c>bankBin</c>, <c>accountNumber</c>, <c>service</c>,
    /// <c>amountVnd</c>, <c>purpose</c>, <c>billNumber</c>) otherwise. An unknown BIN is an error on <c>bankBin</c>.
    /// </summary>
    public static bool TryBuild(VietQrRequest request, FieldErrors errors, [NotNullWhen(true)] out string? payload)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        payload = null;

        var bin = request.BankBin?.Trim();
        if (!errors.When(string.IsNullOrEmpty(bin), "bankBin", "Required: the bank's six-digit NAPAS BIN, such as 970416."))
        {
            if (!errors.When(bin!.Length != 6 || !EmvTlv.IsDigits(bin), "bankBin", "Must be six digits, such as 970416."))
            {
                errors.When(NapasBanks.Find(bin) is null, "bankBin", $"No bank in the NAPAS list has BIN {bin}.");
            }
        }

        errors.When(request.Service is null, "service", "Required: account or card.");
        var number = request.AccountNumber?.Trim();
        if (!errors.When(string.IsNullOrEmpty(number), "accountNumber", "Required."))
        {
            if (request.Service == VietQrService.Card)
            {
                errors.When(number!.Length is < 16 or > MaxAccountLength || !EmvTlv.IsDigits(number), "accountNumber", "A card number is 16 to 19 digits.");
            }
            else
            {
                errors.When(number!.Length > MaxAccountLength || !number.All(char.IsAsciiLetterOrDigit), "accountNumber", $"An account number is 1 to {MaxAccountLength} letters or digits, without spaces.");
            }
        }

        errors.When(request.AmountVnd is < 1 or > MaxAmountVnd, "amountVnd", $"Must be between 1 and {MaxAmountVnd} (whole đồng), or left out for a code without an amount.");

        var purpose = VietQrText.FoldToAscii(request.Purpose);
        if (!string.IsNullOrWhiteSpace(request.Purpose))
        {
            if (!errors.When(purpose.Length == 0, "purpose", "Has no character a bank app can show (letters, digits, punctuation)."))
            {
                errors.When(purpose.Length > MaxPurposeLength, "purpose", $"Must be at most {MaxPurposeLength} characters once written without accents; it has {purpose.Length}.");
            }
        }

        var bill = request.BillNumber?.Trim();
        if (!string.IsNullOrEmpty(bill))
        {
            errors.When(bill.Length > MaxBillNumberLength || !bill.All(char.IsAsciiLetterOrDigit), "billNumber", $"Must be 1 to {MaxBillNumberLength} letters or digits.");
        }

        if (!errors.IsEmpty)
        {
            return false;
        }

        payload = Compose(bin!, number!, request.Service!.Value, request.AmountVnd, purpose, string.IsNullOrEmpty(bill) ? null : bill);
        return true;
    }

    /// <summary>The payload from checked parts; <see cref="TryBuild"/> is the way in from outside.</summary>
    private static string Compose(string bin, string number, VietQrService service, long? amountVnd, string purpose, string? bill)
    {
        var beneficiary = new StringBuilder();
        EmvTlv.Append(beneficiary, "00", bin);
        EmvTlv.Append(beneficiary, "01", number);

        var merchantAccount = new StringBuilder();
        EmvTlv.Append(merchantAccount, "00", NapasGuid);
        EmvTlv.Append(merchantAccount, "01", beneficiary.ToString());
        EmvTlv.Append(merchantAccount, "02", service == VietQrService.Card ? CardServiceCode : AccountServiceCode);

        var payload = new StringBuilder(160);
        EmvTlv.Append(payload, "00", "01");
        EmvTlv.Append(payload, "01", amountVnd is null ? "11" : "12");
        EmvTlv.Append(payload, "38", merchantAccount.ToString());
        EmvTlv.Append(payload, "53", "704");
        if (amountVnd is { } amount)
        {
            EmvTlv.Append(payload, "54", amount.ToString(CultureInfo.InvariantCulture));
        }

        EmvTlv.Append(payload, "58", "VN");

        // Sub-tags in ascending order, as the shared test vectors write them (01 before 08).
        var additional = new StringBuilder();
        if (bill is not null)
        {
            EmvTlv.Append(additional, "01", bill);
        }

        if (purpose.Length > 0)
        {
            EmvTlv.Append(additional, "08", purpose);
        }

        if (additional.Length > 0)
        {
            EmvTlv.Append(payload, "62", additional.ToString());
        }

        payload.Append("6304");
        payload.Append(Crc16CcittFalse.Hex(payload.ToString()));
        return payload.ToString();
    }
}
