using System.Text.Json;
using DongNai.Domain.Civic.PublicServices;
using DongNai.Domain.Validation;

namespace DongNai.Civic.PublicServices;

/// <summary>The applicant's identity fields of every form: copied from their verified CCCD card, never typed. Personal data.</summary>
public sealed record ApplicantFields(string FullName, DateOnly DateOfBirth, string CccdNumber, string PermanentAddress);

/// <summary>A parent as the birth registration names them; <c>cccdNumber</c> is optional (a parent without a card).</summary>
public sealed record ParentDetails(string? FullName, int? YearOfBirth, string? CccdNumber, string? Ethnicity, string? Nationality, string? Residence);

/// <summary>
/// "Đăng ký khai sinh": the child and the parents (at least one), and how the applicant is related
/// to the child (<c>father</c>, <c>mother</c>, a relative or a guardian asked to register).
/// </summary>
public sealed record BirthRegistrationForm(
    string? ChildFullName,
    DateOnly? ChildDateOfBirth,
    string? ChildSex,
    string? PlaceOfBirth,
    ParentDetails? Mother,
    ParentDetails? Father,
    string? RelationshipToChild);

/// <summary>
/// "Xác nhận tình trạng hôn nhân": what the certificate is for, and earlier marriages (how each
/// ended: divorce or death; its proof is attached).
/// </summary>
public sealed record MaritalStatusForm(string? PurposeOfUse, bool? PreviouslyMarried, string? PreviousMarriages);

/// <summary>"Cấp bản sao văn bằng, chứng chỉ từ sổ gốc": the diploma, who issued it, the year, and how many copies.</summary>
public sealed record DiplomaCopyForm(string? DiplomaName, string? School, int? YearOfIssue, string? DiplomaNumber, int? Copies);

/// <summary>
/// An application as the applicant sends it: the catalogue entry, the commune or ward whose office
/// handles it, and the typed form of that entry's procedure (exactly one of the three). The
/// applicant's identity fields are not accepted: any of <c>fullName</c>, <c>dateOfBirth</c>,
/// <c>cccdNumber</c> or <c>permanentAddress</c> present is refused, naming the field.
/// </summary>
public sealed record ApplicationRequest(
    long? ServiceId,
    string? CommuneCode,
    DiplomaCopyForm? DiplomaCopy,
    MaritalStatusForm? MaritalStatus,
    BirthRegistrationForm? BirthRegistration,
    JsonElement? FullName = null,
    JsonElement? DateOfBirth = null,
    JsonElement? CccdNumber = null,
    JsonElement? PermanentAddress = null)
{
    /// <summary>The message a locked field gets.</summary>
    public const string LockedMessage = "Locked: filled from your verified CCCD card; it cannot be given or changed here. Update your identity instead.";

    /// <summary>The JSON names of the locked applicant fields.</summary>
    public static IReadOnlyList<string> LockedFields { get; } = ["fullName", "dateOfBirth", "cccdNumber", "permanentAddress"];

    /// <summary>Checks everything that needs no database, for the procedure <paramref name="form"/> of the chosen entry.</summary>
    public void Validate(ApplicationForm form, DateOnly today, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.When(FullName is not null, "fullName", LockedMessage);
        errors.When(DateOfBirth is not null, "dateOfBirth", LockedMessage);
        errors.When(CccdNumber is not null, "cccdNumber", LockedMessage);
        errors.When(PermanentAddress is not null, "permanentAddress", LockedMessage);
        errors.Text(CommuneCode, "communeCode", 1, 10);

        Only(form, ApplicationForm.DiplomaCopy, DiplomaCopy, "diplomaCopy", errors);
        Only(form, ApplicationForm.MaritalStatus, MaritalStatus, "maritalStatus", errors);
        Only(form, ApplicationForm.BirthRegistration, BirthRegistration, "birthRegistration", errors);
        switch (form)
        {
            case ApplicationForm.DiplomaCopy when DiplomaCopy is { } diploma:
                errors.Text(diploma.DiplomaName, "diplomaCopy.diplomaName", 3, 200);
                errors.Text(diploma.School, "diplomaCopy.school", 3, 200);
                errors.Range(diploma.YearOfIssue, "diplomaCopy.yearOfIssue", 1950, today.Year);
                errors.Text(diploma.DiplomaNumber, "diplomaCopy.diplomaNumber", 1, 50, required: false);
                errors.Range(diploma.Copies, "diplomaCopy.copies", 1, 10);
                break;
            case ApplicationForm.MaritalStatus when MaritalStatus is { } marital:
                errors.Text(marital.PurposeOfUse, "maritalStatus.purposeOfUse", 5, 300);
                errors.When(marital.PreviouslyMarried is null, "maritalStatus.previouslyMarried", "Required: true or false.");
                if (marital.PreviouslyMarried == true)
                {
                    errors.Text(marital.PreviousMarriages, "maritalStatus.previousMarriages", 5, 1000);
                }
                else
                {
                    errors.When(!string.IsNullOrWhiteSpace(marital.PreviousMarriages), "maritalStatus.previousMarriages", "Only when previouslyMarried is true.");
                }

                break;
            case ApplicationForm.BirthRegistration when BirthRegistration is { } birth:
                errors.Text(birth.ChildFullName, "birthRegistration.childFullName", 2, 100);
                if (errors.When(birth.ChildDateOfBirth is null, "birthRegistration.childDateOfBirth", "Required."))
                {
                    // Nothing more to check on a missing date.
                }
                else
                {
                    errors.When(birth.ChildDateOfBirth > today, "birthRegistration.childDateOfBirth", "Must not be in the future.");
                    errors.When(birth.ChildDateOfBirth < today.AddYears(-100), "birthRegistration.childDateOfBirth", "Must be within the last 100 years.");
                }

                errors.When(birth.ChildSex is not ("male" or "female"), "birthRegistration.childSex", "Must be male or female.");
                errors.Text(birth.PlaceOfBirth, "birthRegistration.placeOfBirth", 3, 300);
                errors.When(birth.Mother is null && birth.Father is null, "birthRegistration.mother", "At least one parent is required.");
                Parent(birth.Mother, "birthRegistration.mother", today, errors);
                Parent(birth.Father, "birthRegistration.father", today, errors);
                errors.When(
                    birth.RelationshipToChild is not ("father" or "mother" or "grandparent" or "relative" or "guardian"),
                    "birthRegistration.relationshipToChild",
                    "Must be father, mother, grandparent, relative or guardian.");
                break;
            default:
                break;
        }
    }

    private static void Only(ApplicationForm form, ApplicationForm expected, object? value, string field, FieldErrors errors)
    {
        if (form == expected)
        {
            errors.When(value is null, field, "Required: the form of this procedure.");
        }
        else
        {
            errors.When(value is not null, field, "Not a form of this procedure.");
        }
    }

    private static void Parent(ParentDetails? parent, string field, DateOnly today, FieldErrors errors)
    {
        if (parent is null)
        {
            return;
        }

        errors.Text(parent.FullName, field + ".fullName", 2, 100);
        errors.Range(parent.YearOfBirth, field + ".yearOfBirth", today.Year - 100, today.Year - 10);
        errors.When(
            parent.CccdNumber is not null && (parent.CccdNumber.Length != 12 || !parent.CccdNumber.All(char.IsAsciiDigit)),
            field + ".cccdNumber",
            "Must be the 12 digits of a CCCD number.");
        errors.Text(parent.Ethnicity, field + ".ethnicity", 2, 50, required: false);
        errors.Text(parent.Nationality, field + ".nationality", 2, 50, required: false);
        errors.Text(parent.Residence, field + ".residence", 3, 300, required: false);
    }
}

/// <summary>The typed form of one application, as stored (encrypted) and shown: exactly one member is set.</summary>
public sealed record ApplicationDetails(DiplomaCopyForm? DiplomaCopy, MaritalStatusForm? MaritalStatus, BirthRegistrationForm? BirthRegistration);
