using System.Globalization;
using DongNai.Domain.People;
using DongNai.Domain.Text;
using DongNai.Domain.Validation;

namespace DongNai.Identity.Cccd;

/// <summary>What <see cref="CccdQrParser.Parse"/> made of a QR text: a card, or the reasons it is not one.</summary>
public abstract record CccdQrResult
{
    public sealed record Parsed(CccdCard Card) : CccdQrResult;

    /// <summary>Field errors keyed by the JSON names of <see cref="CccdCard"/>'s fields (<c>cccdNumber</c>, <c>dateOfBirth</c>, …), or <c>text</c> when the text is not seven fields at all.</summary>
    public sealed record Invalid(FieldErrors Errors) : CccdQrResult;
}

/// <summary>
/// Reads the text of the QR code on a chip CCCD card: seven fields separated by <c>|</c> — the
/// 12-digit number, the old 9-digit CMND number (may be empty), full name, date of birth
/// (ddMMyyyy), gender ("Nam" or "Nữ"), permanent address, issue date (ddMMyyyy) — and checks each
/// strictly, naming every field that is wrong and why.
/// </summary>
/// <remarks>
/// Tolerates what real scanners produce: white space around the text and each field, a trailing
/// <c>|</c>, and decomposed (NFD) text, which is composed to NFC. Checks the number's structure
/// (Circular 59/2021/TT-BCA): digits 1–3 a birth-registration province code
/// (<see cref="CccdBirthProvinces"/>); digit 4 the gender and century of birth (0/1 male/female
/// born 1900–1999, 2/3 2000–2099, 4/5 2100–2199, 6/7 2200–2299, 8/9 2300–2399); digits 5–6 the
/// last two digits of the birth year. Dates must be real; birth and issue not after today in
/// Vietnam (UTC+7, from the injected <see cref="TimeProvider"/>), issue after birth. Stateless
/// apart from the clock; thread-safe.
/// </remarks>
public sealed class CccdQrParser(TimeProvider time)
{
    public const int FieldCount = 7;
    public const int MaxTextLength = 1000;
    public const int MaxNameLength = 100;
    public const int MaxAddressLength = 300;
    private const string DateFormat = "ddMMyyyy";

    /// <summary>Vietnam keeps UTC+7 all year: no daylight saving.</summary>
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public CccdQrResult Parse(string? text)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add("text", "Required: the text decoded from the QR code on the CCCD card.");
            return new CccdQrResult.Invalid(errors);
        }

        if (text.Length > MaxTextLength)
        {
            errors.Add("text", $"Must be at most {MaxTextLength} characters.");
            return new CccdQrResult.Invalid(errors);
        }

        var fields = VietnameseText.Compose(text).Trim().Split('|').Select(field => field.Trim()).ToArray();
        if (fields.Length == FieldCount + 1 && fields[^1].Length == 0)
        {
            // A trailing separator; only then, since an empty last field is an empty issue date.
            fields = fields[..FieldCount];
        }

        if (fields.Length != FieldCount)
        {
            errors.Add("text", $"Must be {FieldCount} fields separated by '|' (CCCD number, old ID number, full name, date of birth, gender, address, issue date); found {fields.Length}.");
            return new CccdQrResult.Invalid(errors);
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(VietnamOffset).DateTime);
        var number = Digits(fields[0], 12, "cccdNumber", errors);
        var oldNumber = fields[1].Length == 0 ? null : Digits(fields[1], 9, "oldIdNumber", errors);
        var name = Name(fields[2], errors);
        var birth = Date(fields[3], "dateOfBirth", today, errors);
        var gender = GenderOf(fields[4], errors);
        var address = Address(fields[5], errors);
        var issued = Date(fields[6], "issueDate", today, errors);
        if (birth is { } born && issued is { } issuedOn)
        {
            errors.When(issuedOn <= born, "issueDate", "Must be after the date of birth.");
        }

        if (number is not null)
        {
            CheckStructure(number, birth, gender, errors);
        }

        return errors.IsEmpty
            ? new CccdQrResult.Parsed(new CccdCard(number!, oldNumber, name!, birth!.Value, gender!.Value, address!, issued!.Value))
            : new CccdQrResult.Invalid(errors);
    }

    /// <summary>The fourth digit of a CCCD number for <paramref name="gender"/> and a birth in <paramref name="year"/>; null outside 1900–2399.</summary>
    public static int? GenderCenturyDigit(Gender gender, int year) =>
        year is < 1900 or > 2399 ? null : ((year / 100) - 19) * 2 + (gender == Gender.Female ? 1 : 0);

    private static void CheckStructure(string number, DateOnly? birth, Gender? gender, FieldErrors errors)
    {
        var province = number[..3];
        errors.When(!CccdBirthProvinces.IsKnown(province), "cccdNumber", $"The first three digits ({province}) are not a province code of birth registration.");
        if (birth is not { } born)
        {
            return;
        }

        if (gender is { } stated)
        {
            var expected = GenderCenturyDigit(stated, born.Year);
            errors.When(
                expected is null || number[3] - '0' != expected,
                "cccdNumber",
                expected is null
                    ? "The fourth digit cannot encode a birth year outside 1900–2399."
                    : $"The fourth digit must be {expected} for {(stated == Gender.Female ? "a woman" : "a man")} born in {born.Year}.");
        }

        var yearDigits = (born.Year % 100).ToString("00", CultureInfo.InvariantCulture);
        errors.When(number.Substring(4, 2) != yearDigits, "cccdNumber", $"The fifth and sixth digits must be the last two digits of the birth year ({yearDigits}).");
    }

    private static string? Digits(string value, int length, string field, FieldErrors errors)
    {
        if (value.Length == 0)
        {
            errors.Add(field, "Required.");
            return null;
        }

        return errors.When(value.Length != length || !value.All(char.IsAsciiDigit), field, $"Must be exactly {length} digits.") ? null : value;
    }

    private static string? Name(string value, FieldErrors errors)
    {
        var name = string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (name.Length == 0)
        {
            errors.Add("fullName", "Required.");
            return null;
        }

        if (errors.When(name.Length > MaxNameLength, "fullName", $"Must be at most {MaxNameLength} characters."))
        {
            return null;
        }

        return errors.When(!name.All(c => char.IsLetter(c) || c == ' '), "fullName", "Must hold letters and spaces only.") ? null : name;
    }

    private static string? Address(string value, FieldErrors errors)
    {
        if (value.Length == 0)
        {
            errors.Add("address", "Required.");
            return null;
        }

        if (errors.When(value.Length > MaxAddressLength, "address", $"Must be at most {MaxAddressLength} characters."))
        {
            return null;
        }

        return errors.When(value.Any(char.IsControl), "address", "Must not hold control characters.") ? null : value;
    }

    private static Gender? GenderOf(string value, FieldErrors errors)
    {
        if (string.Equals(value, "Nam", StringComparison.OrdinalIgnoreCase))
        {
            return Gender.Male;
        }

        if (string.Equals(value, "Nữ", StringComparison.OrdinalIgnoreCase))
        {
            return Gender.Female;
        }

        errors.Add("gender", value.Length == 0 ? "Required." : "Must be 'Nam' or 'Nữ'.");
        return null;
    }

    private static DateOnly? Date(string value, string field, DateOnly today, FieldErrors errors)
    {
        if (value.Length == 0)
        {
            errors.Add(field, "Required.");
            return null;
        }

        if (value.Length != DateFormat.Length || !value.All(char.IsAsciiDigit)
            || !DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(field, "Must be a real date written ddMMyyyy.");
            return null;
        }

        return errors.When(date > today, field, "Must not be in the future.") ? null : date;
    }
}
