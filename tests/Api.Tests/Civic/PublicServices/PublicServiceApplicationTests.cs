using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DongNai.Api.Tests.Identity;
using DongNai.Domain.People;

namespace DongNai.Api.Tests.Civic.PublicServices;

/// <summary>
/// Applications for the three procedures over HTTP: the form filled from the verified card with
/// its applicant fields locked, the tracking code its owner alone can read, every state change
/// and who may make it, attachments checked by their bytes, notifications, data encrypted at rest.
/// </summary>
public sealed class PublicServiceApplicationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> Procedures => ["birth-registration", "marital-status", "diploma-copy"];

    public static TheoryData<string, JsonNode> LockedFields => new()
    {
        { "fullName", JsonValue.Create("Trần Văn Giả")! },
        { "dateOfBirth", JsonValue.Create("2000-01-01")! },
        { "cccdNumber", JsonValue.Create("075095999999")! },
        { "permanentAddress", JsonValue.Create("Số 1 Đường Giả, Phường Trấn Biên")! },
    };

    [Theory]
    [MemberData(nameof(Procedures))]
    public async Task Form_IsFilledFromTheVerifiedCard_WithTheApplicantFieldsLocked(string procedure)
    {
        var services = await PublicServiceRequests.SeedCatalogueAsync(factory);
        var (person, card) = await PublicServiceRequests.VerifiedPersonAsync(factory);

        var form = await person.Client.GetFromJsonAsync<JsonElement>($"/api/public-services/{services[procedure]}/form");

        var applicant = form.GetProperty("applicant");
        Assert.Equal("Nguyễn Văn An", applicant.GetProperty("fullName").GetString());
        Assert.Equal("1995-03-15", applicant.GetProperty("dateOfBirth").GetString());
        Assert.Equal(card.Number, applicant.GetProperty("cccdNumber").GetString());
        Assert.Equal(card.Address, applicant.GetProperty("permanentAddress").GetString());
        Assert.Equal(["fullName", "dateOfBirth", "cccdNumber", "permanentAddress"], form.GetProperty("lockedFields").EnumerateArray().Select(f => f.GetString()));
    }

    [Theory]
    [MemberData(nameof(Procedures))]
    public async Task Submit_CopiesTheApplicantFromTheCard_AndGivesATrackingCode(string procedure)
    {
        var services = await PublicServiceRequests.SeedCatalogueAsync(factory);
        var commune = await PublicServiceRequests.CommuneAsync(factory);
        var (person, card) = await PublicServiceRequests.VerifiedPersonAsync(factory);

        var code = await PublicServiceRequests.SubmitAsync(person.Client, PublicServiceRequests.FormFor(procedure, services[procedure], commune));
        var application = await person.Client.GetFromJsonAsync<JsonElement>($"/api/civic/applications/{code}");

        Assert.InRange(code, 100_000_000_000, 999_999_999_999);
        Assert.Equal("received", application.GetProperty("status").GetString());
        Assert.Equal(card.Number, application.GetProperty("applicant").GetProperty("cccdNumber").GetString());
        Assert.Equal(card.Address, application.GetProperty("applicant").GetProperty("permanentAddress").GetString());
        var history = Assert.Single(application.GetProperty("history").EnumerateArray());
        Assert.Equal("received", history.GetProperty("to").GetString());
        Assert.True(history.GetProperty("byApplicant").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(LockedFields))]
    public async Task Submit_RefusesALockedApplicantField_NamingIt(string field, JsonNode value)
    {
        var services = await PublicServiceRequests.SeedCatalogueAsync(factory);
        var commune = await PublicServiceRequests.CommuneAsync(factory);
        var (person, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var body = PublicServiceRequests.MaritalStatus(services["marital-status"], commune);
        body[field] = value.DeepClone();

        var response = await person.Client.PostAsJsonAsync("/api/civic/applications", body);

        await Problems.AssertFieldErrorAsync(response, field);
        Assert.Empty(await person.Client.GetFromJsonAsync<JsonElement[]>("/api/me/civic/applications") ?? []);
    }

    [Fact]
    public async Task FormAndSubmit_AreForbidden_UntilTheIdentityIsVerified()
    {
        var services = await PublicServiceRequests.SeedCatalogueAsync(factory);
        var commune = await PublicServiceRequests.CommuneAsync(factory);
        var person = await factory.SignUpAsync();
        (await IdentityRequests.FillAsync(person.Client, IdentityRequests.NewCard())).EnsureSuccessStatusCode();

        var form = await person.Client.GetAsync($"/api/public-services/{services["birth-registration"]}/form");
        var submit = await person.Client.PostAsJsonAsync("/api/civic/applications", PublicServiceRequests.BirthRegistration(services["birth-registration"], commune));

        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, submit.StatusCode);
    }

    [Fact]
    public async Task Submit_RefusesAnotherProceduresForm_AndAServiceThatLinksOut()
    {
        var services = await PublicServiceRequests.SeedCatalogueAsync(factory);
        var commune = await PublicServiceRequests.CommuneAsync(factory);
        var (person, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var mixed = PublicServiceRequests.MaritalStatus(services["birth-registration"], commune);

        var wrongForm = await person.Client.PostAsJsonAsync("/api/civic/applications", mixed);
        var linksOut = await person.Client.PostAsJsonAsync("/api/civic/applications", PublicServiceRequests.MaritalStatus(services["marriage-registration"], commune));

        await Problems.AssertFieldErrorAsync(wrongForm, "birthRegistration");
        await Problems.AssertFieldErrorAsync(wrongForm, "maritalStatus");
        await Problems.AssertFieldErrorAsync(linksOut, "serviceId");
    }

    [Fact]
    public async Task Track_AnswersNotFound_ForAnotherPersonsTrackingCode()
    {
        var services = await PublicServiceRequests.SeedCatalogueAsync(factory);
        var commune = await PublicServiceRequests.CommuneAsync(factory);
        var (owner, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var (other, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var code = await PublicServiceRequests.SubmitAsync(owner.Client, PublicServiceRequests.DiplomaCopy(services["diploma-copy"], commune));

        var byOther = await other.Client.GetAsync($"/api/civic/applications/{code}");
        var byOwner = await owner.Client.GetAsync($"/api/civic/applications/{code}");
        var anonymous = await factory.CreateClient().GetAsync($"/api/civic/applications/{code}");

        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Empty(await other.Client.GetFromJsonAsync<JsonElement[]>("/api/me/civic/applications") ?? []);
    }

    [Fact]
    public async Task Staff_MoveAnApplicationThroughItsStates_RecordingEachNoteAndWho_AndTheApplicantIsNotified()
    {
        var services = await PublicServiceRequests.SeedCatalogueAsync(factory);
        var commune = await PublicServiceRequests.CommuneAsync(factory);
        var (person, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        var code = await PublicServiceRequests.SubmitAsync(person.Client, PublicServiceRequests.BirthRegistration(services["birth-registration"], commune));

        foreach (var (to, note) in new[] { ("processing", (string?)null), ("needsMoreInformation", "Bổ sung giấy chứng sinh bản chính."), ("processing", "Đã nhận đủ giấy tờ."), ("done", "Đã cấp Giấy khai sinh.") })
        {
            var moved = await staff.Client.PostAsJsonAsync($"/api/civic/queue/{code}/transitions", new { to, note });
            Assert.True(moved.StatusCode == HttpStatusCode.OK, $"{to}: {(int)moved.StatusCode} {await moved.Content.ReadAsStringAsync()}");
        }

        var application = await person.Client.GetFromJsonAsync<JsonElement>($"/api/civic/applications/{code}");
        var history = application.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal("done", application.GetProperty("status").GetString());
        Assert.Empty(application.GetProperty("nextStates").EnumerateArray());
        Assert.Equal(["received", "processing", "needsMoreInformation", "processing", "done"], history.Select(h => h.GetProperty("to").GetString()));
        Assert.Equal([null, "received", "processing", "needsMoreInformation", "processing"], history.Select(h => h.GetProperty("from").GetString()));
        Assert.Equal("Bổ sung giấy chứng sinh bản chính.", history[2].GetProperty("note").GetString());
        Assert.All(history.Skip(1), h => Assert.False(h.GetProperty("byApplicant").GetBoolean()));
        Assert.Single(history.Skip(1).Select(h => h.GetProperty("by").GetString()).Distinct());
        Assert.NotEqual(history[0].GetProperty("by").GetString(), history[1].GetProperty("by").GetString());

        var inbox = await person.Client.GetFromJsonAsync<JsonElement>("/api/me/notifications");
        var items = inbox.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("type").GetString() == "publicServiceStatus").ToList();
        Assert.Equal(5, items.Count);
        Assert.All(items, n => Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), n.GetProperty("title").GetString(), StringComparison.Ordinal));
        Assert.DoesNotContain(items, n => n.GetProperty("body").GetString()!.Contains("giấy chứng sinh bản chính", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Move_IsForbidden_ToTheApplicant_AndToStaffOnTheirOwnApplication()
    {
        var services = await PublicServiceRequests.SeedCatalogueAsync(factory);
        var commune = await PublicServiceRequests.CommuneAsync(factory);
        var (citizen, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var (staffApplicant, _) = await PublicServiceRequests.VerifiedPersonAsync(factory, Role.AgencyStaff);
        var citizenCode = await PublicServiceRequests.SubmitAsync(citizen.Client, PublicServiceRequests.MaritalStatus(services["marital-status"], commune));
        var staffCode = await PublicServiceRequests.SubmitAsync(staffApplicant.Client, PublicServiceRequests.MaritalStatus(services["marital-status"], commune));

        var byCitizen = await citizen.Client.PostAsJsonAsync($"/api/civic/queue/{citizenCode}/transitions", new { to = "done", note = "Tự duyệt." });
        var byOwnStaff = await staffApplicant.Client.PostAsJsonAsync($"/api/civic/queue/{staffCode}/transitions", new { to = "processing" });
        var state = await citizen.Client.GetFromJsonAsync<JsonElement>($"/api/civic/applications/{citizenCode}");

        Assert.Equal(HttpStatusCode.Forbidden, byCitizen.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOwnStaff.StatusCode);
        Assert.Equal("received", state.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(new string[0], "done")]
    [InlineData(new string[0], "received")]
    [InlineData(new[] { "processing" }, "received")]
    [InlineData(new[] { "processing", "done" }, "processing")]
    [InlineData(new[] { "refused" }, "processing")]
    public async Task Move_AnswersConflict_ForATransitionTheWorkflowDoesNotHave(string[] before, string to)
    {
        var services = await PublicServiceRequests.SeedCatalogueAsync(factory);
        var commune = await PublicServiceRequests.CommuneAsync(factory);
        var (person, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        var code = await PublicServiceRequests.SubmitAsync(person.Client, PublicServiceRequests.DiplomaCopy(services["diploma-copy"], commune));
        foreach (var step in before)
        {
            (await staff.Client.PostAsJsonAsync($"/api/civic/queue/{code}/transitions", new { to = step, note = "Ghi chú của cán bộ." })).EnsureSuccessStatusCode();
        }

        var response = await staff.Client.PostAsJsonAsync($"/api/civic/queue/{code}/transitions", new { to, note = "Ghi chú của cán bộ." });
        var history = (await person.Client.GetFromJsonAsync<JsonElement>($"/api/civic/applications/{code}")).GetProperty("history");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before.Length + 1, history.GetArrayLength());
    }

    [Theory]
    [InlineData("needsMoreInformation")]
    [InlineData("refused")]
    public async Task Move_NeedsANote_ToAskForMoreOrToRefuse(string to)
    {
        var services = await PublicServiceRequests.SeedCatalogueAsync(factory);
        var commune = await PublicServiceRequests.CommuneAsync(factory);
        var (person, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        var code = await PublicServiceRequests.SubmitAsync(person.Client, PublicServiceRequests.DiplomaCopy(services["diploma-copy"], commune));
        (await staff.Client.PostAsJsonAsync($"/api/civic/queue/{code}/transitions", new { to = "processing" })).EnsureSuccessStatusCode();

        var response = await staff.Client.PostAsJsonAsync($"/api/civic/queue/{code}/transitions", new { to });

        await Problems.AssertFieldErrorAsync(response, "note");
    }

    [Fact]
    public async Task Queue_FiltersByProcedureCommuneAndState_AndShowsOpenApplicationsByDefault()
    {
        var services = await PublicServiceRequests.SeedCatalogueAsync(factory);
        var communes = await factory.WithDbAsync(async db => await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Communes.OrderBy(c => c.Code).Select(c => c.Code).Take(2)));
        var (person, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        var birthHere = await PublicServiceRequests.SubmitAsync(person.Client, PublicServiceRequests.BirthRegistration(services["birth-registration"], communes[1]));
        var birthElsewhere = await PublicServiceRequests.SubmitAsync(person.Client, PublicServiceRequests.BirthRegistration(services["birth-registration"], communes[0]));
        var maritalHere = await PublicServiceRequests.SubmitAsync(person.Client, PublicServiceRequests.MaritalStatus(services["marital-status"], communes[1]));
        var refusedHere = await PublicServiceRequests.SubmitAsync(person.Client, PublicServiceRequests.BirthRegistration(services["birth-registration"], communes[1]));
        (await staff.Client.PostAsJsonAsync($"/api/civic/queue/{refusedHere}/transitions", new { to = "refused", note = "Không thuộc thẩm quyền." })).EnsureSuccessStatusCode();

        var queue = await CodesAsync(staff.Client, $"/api/civic/queue?form=birthRegistration&commune={communes[1]}");
        var refused = await CodesAsync(staff.Client, $"/api/civic/queue?form=birthRegistration&commune={communes[1]}&status=refused");
        var unknown = await staff.Client.GetAsync("/api/civic/queue?procedure=birthRegistration");
        var asCitizen = await person.Client.GetAsync("/api/civic/queue");

        Assert.Contains(birthHere, queue);
        Assert.DoesNotContain(birthElsewhere, queue);
        Assert.DoesNotContain(maritalHere, queue);
        Assert.DoesNotContain(refusedHere, queue);
        Assert.Equal([refusedHere], refused);
        await Problems.AssertFieldErrorAsync(unknown, "procedure");
        Assert.Equal(HttpStatusCode.Forbidden, asCitizen.StatusCode);
    }

    [Fact]
    public async Task Attach_AcceptsAPdf_WhileTheApplicationTakesFiles_AndStaffReadItBack()
    {
        var services = await PublicServiceRequests.SeedCatalogueAsync(factory);
        var commune = await PublicServiceRequests.CommuneAsync(factory);
        var (person, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        var code = await PublicServiceRequests.SubmitAsync(person.Client, PublicServiceRequests.BirthRegistration(services["birth-registration"], commune));
        var pdf = PublicServiceRequests.Pdf(0x41);

        var attached = await person.Client.PostAsync($"/api/civic/applications/{code}/attachments", PublicServiceRequests.File(pdf, "application/pdf"));
        var attachment = Assert.Single((await Problems.ReadAsync(attached)).GetProperty("attachments").EnumerateArray());
        var download = await staff.Client.GetAsync($"/api/civic/attachments/{attachment.GetProperty("id").GetInt64()}");
        var byCitizen = await person.Client.GetAsync($"/api/civic/attachments/{attachment.GetProperty("id").GetInt64()}");

        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        Assert.Equal("application/pdf", attachment.GetProperty("contentType").GetString());
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, byCitizen.StatusCode);

        (await staff.Client.PostAsJsonAsync($"/api/civic/queue/{code}/transitions", new { to = "processing" })).EnsureSuccessStatusCode();
        var whileProcessing = await person.Client.PostAsync($"/api/civic/applications/{code}/attachments", PublicServiceRequests.File(pdf, "application/pdf"));
        Assert.Equal(HttpStatusCode.Conflict, whileProcessing.StatusCode);
        (await staff.Client.PostAsJsonAsync($"/api/civic/queue/{code}/transitions", new { to = "needsMoreInformation", note = "Thiếu giấy chứng sinh." })).EnsureSuccessStatusCode();
        var whenAsked = await person.Client.PostAsync($"/api/civic/applications/{code}/attachments", PublicServiceRequests.File(IdentityRequests.Jpeg(0x42), "image/jpeg"));
        Assert.Equal(HttpStatusCode.Created, whenAsked.StatusCode);
    }

    [Fact]
    public async Task Attach_RefusesFilesByTheirBytesAndSize_NamingTheFile()
    {
        var services = await PublicServiceRequests.SeedCatalogueAsync(factory);
        var commune = await PublicServiceRequests.CommuneAsync(factory);
        var (person, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var (other, _) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var code = await PublicServiceRequests.SubmitAsync(person.Client, PublicServiceRequests.BirthRegistration(services["birth-registration"], commune));
        var url = $"/api/civic/applications/{code}/attachments";

        var text = await person.Client.PostAsync(url, PublicServiceRequests.File("<html>giả làm PDF</html>"u8.ToArray(), "application/pdf"));
        var renamed = await person.Client.PostAsync(url, PublicServiceRequests.File(IdentityRequests.Jpeg(0x43), "image/png"));
        var empty = await person.Client.PostAsync(url, PublicServiceRequests.File([], "application/pdf"));
        var tooLarge = await person.Client.PostAsync(url, PublicServiceRequests.File([.. PublicServiceRequests.Pdf(0x44), .. new byte[5 * 1024 * 1024]], "application/pdf"));
        var othersApplication = await other.Client.PostAsync(url, PublicServiceRequests.File(PublicServiceRequests.Pdf(0x45), "application/pdf"));

        await Problems.AssertFieldErrorAsync(text, "file");
        await Problems.AssertFieldErrorAsync(renamed, "file");
        await Problems.AssertFieldErrorAsync(empty, "file");
        await Problems.AssertFieldErrorAsync(tooLarge, "file");
        Assert.Equal(HttpStatusCode.NotFound, othersApplication.StatusCode);
        Assert.Empty((await person.Client.GetFromJsonAsync<JsonElement>($"/api/civic/applications/{code}")).GetProperty("attachments").EnumerateArray());
    }

    [SqliteFact]
    public async Task PersonalData_OfAnApplication_IsNeverStoredInClearText()
    {
        var services = await PublicServiceRequests.SeedCatalogueAsync(factory);
        var commune = await PublicServiceRequests.CommuneAsync(factory);
        var (person, card) = await PublicServiceRequests.VerifiedPersonAsync(factory);
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        var code = await PublicServiceRequests.SubmitAsync(person.Client, PublicServiceRequests.BirthRegistration(services["birth-registration"], commune));
        (await person.Client.PostAsync($"/api/civic/applications/{code}/attachments", PublicServiceRequests.File(PublicServiceRequests.Pdf(0x5E), "application/pdf"))).EnsureSuccessStatusCode();
        (await staff.Client.PostAsJsonAsync($"/api/civic/queue/{code}/transitions", new { to = "refused", note = "Zetanote không hợp lệ." })).EnsureSuccessStatusCode();

        var files = await IdentityRequests.ReadDataFolderAsync(factory);

        IdentityRequests.AssertAbsent(files, card.Address, "the data folder");
        IdentityRequests.AssertAbsent(files, card.Number, "the data folder");
        IdentityRequests.AssertAbsent(files, "Zetabirth", "the data folder");
        IdentityRequests.AssertAbsent(files, "Zetanote", "the data folder");
        Assert.True(files.AsSpan().IndexOf(PublicServiceRequests.Pdf(0x5E).AsSpan(0, 512)) < 0, "The attachment was found in clear in the data folder.");
    }

    private static async Task<List<long>> CodesAsync(HttpClient client, string url) =>
        [.. (await client.GetFromJsonAsync<JsonElement[]>(url) ?? []).Select(a => a.GetProperty("trackingCode").GetInt64())];
}
