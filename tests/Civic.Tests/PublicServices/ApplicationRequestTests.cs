using System.Text.Json;
using DongNai.Civic.PublicServices;
using DongNai.Domain.Civic.PublicServices;
using DongNai.Domain.Validation;

namespace DongNai.Civic.Tests.PublicServices;

public sealed class ApplicationRequestTests
{
    private static readonly DateOnly Today = new(2026, 11, 2);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("fullName")]
    [InlineData("dateOfBirth")]
    [InlineData("cccdNumber")]
    [InlineData("permanentAddress")]
    public void Validate_NamesEveryLockedFieldSent(string field)
    {
        var request = JsonSerializer.Deserialize<ApplicationRequest>(
            $$"""{"serviceId":1,"communeCode":"26734","maritalStatus":{"purposeOfUse":"Vay vốn ngân hàng","previouslyMarried":false},"{{field}}":"x"}""", Json)!;
        var errors = new FieldErrors();

        request.Validate(ApplicationForm.MaritalStatus, Today, errors);

        Assert.Equal([field], errors.ToDictionary().Keys);
        Assert.Equal(ApplicationRequest.LockedMessage, Assert.Single(errors.ToDictionary()[field]));
    }

    [Fact]
    public void Validate_AcceptsACompleteBirthRegistration()
    {
        var request = new ApplicationRequest(1, "26734", null, null, new BirthRegistrationForm(
            "Nguyễn Thị Quỳnh", Today.AddDays(-10), "female", "Bệnh viện Đa khoa Đồng Nai",
            new ParentDetails("Trần Thị Mai", 1997, null, "Kinh", "Việt Nam", null), null, "mother"));
        var errors = new FieldErrors();

        request.Validate(ApplicationForm.BirthRegistration, Today, errors);

        Assert.True(errors.IsEmpty, string.Join("; ", errors.ToDictionary().Keys));
    }

    [Fact]
    public void Validate_NamesEachBadFieldOfABirthRegistration()
    {
        var request = new ApplicationRequest(1, "26734", null, null, new BirthRegistrationForm(
            "", Today.AddDays(1), "boy", "x", null, new ParentDetails("Nguyễn Văn An", 1995, "12345", null, null, null), "neighbour"));
        var errors = new FieldErrors();

        request.Validate(ApplicationForm.BirthRegistration, Today, errors);

        Assert.Equal(
            new[]
            {
                "birthRegistration.childFullName", "birthRegistration.childDateOfBirth", "birthRegistration.childSex",
                "birthRegistration.placeOfBirth", "birthRegistration.father.cccdNumber", "birthRegistration.relationshipToChild",
            }.Order(StringComparer.Ordinal),
            errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_AsksForPreviousMarriages_OnlyWhenThereWereAny()
    {
        var married = new FieldErrors();
        var never = new FieldErrors();

        new ApplicationRequest(1, "26734", null, new MaritalStatusForm("Kết hôn", true, null), null).Validate(ApplicationForm.MaritalStatus, Today, married);
        new ApplicationRequest(1, "26734", null, new MaritalStatusForm("Kết hôn", false, "Ly hôn năm 2020"), null).Validate(ApplicationForm.MaritalStatus, Today, never);

        Assert.Equal(["maritalStatus.previousMarriages"], married.ToDictionary().Keys);
        Assert.Equal(["maritalStatus.previousMarriages"], never.ToDictionary().Keys);
    }

    [Fact]
    public void Validate_RefusesTheFormOfAnotherProcedure_AndAMissingOne()
    {
        var request = new ApplicationRequest(1, "26734", new DiplomaCopyForm("Bằng tốt nghiệp THPT", "THPT Ngô Quyền", 2013, null, 2), null, null);
        var errors = new FieldErrors();

        request.Validate(ApplicationForm.MaritalStatus, Today, errors);

        Assert.Equal(["diplomaCopy", "maritalStatus"], errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void Validate_LimitsTheNumberOfDiplomaCopies(int copies)
    {
        var request = new ApplicationRequest(1, "26734", new DiplomaCopyForm("Bằng tốt nghiệp THPT", "THPT Ngô Quyền", 2013, null, copies), null, null);
        var errors = new FieldErrors();

        request.Validate(ApplicationForm.DiplomaCopy, Today, errors);

        Assert.Equal(["diplomaCopy.copies"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void Catalogue_HasTheThreeFormsOnce_AndEveryOtherEntryLinksOut()
    {
        var entries = PublicServiceCatalogue.Entries(new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal(
            Enum.GetValues<ApplicationForm>().Order(),
            entries.Where(e => e.Request.Form is not null).Select(e => e.Request.Form!.Value).Order());
        Assert.All(entries.Where(e => e.Request.Form is null), e => Assert.StartsWith("https://dichvucong.gov.vn/", e.Request.ExternalUrl, StringComparison.Ordinal));
        Assert.All(entries.Where(e => e.Request.Form is not null), e => Assert.NotEmpty(e.Request.RequiredDocuments!));
        Assert.Equal(entries.Count, entries.Select(e => e.Key).Distinct().Count());
    }
}
