using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DongNai.Api.Tests.Identity;
using DongNai.Civic.PublicServices;
using DongNai.Domain.Civic.PublicServices;
using DongNai.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Api.Tests.Civic.PublicServices;

/// <summary>Catalogue entries, verified applicants and the application forms the public-service tests send.</summary>
public static class PublicServiceRequests
{
    /// <summary>A commune of the province's catalogue (Phường Trấn Biên's GSO code is looked up, not assumed).</summary>
    public static Task<string> CommuneAsync(ApiFactory factory) =>
        factory.WithDbAsync(db => db.Communes.OrderBy(c => c.Code).Select(c => c.Code).FirstAsync());

    /// <summary>A catalogue entry as agency staff write it; <paramref name="form"/> null links out instead.</summary>
    public static JsonObject Service(string? form = "birthRegistration") => new()
    {
        ["title"] = "Đăng ký khai sinh lưu động",
        ["description"] = "Đăng ký khai sinh cho trẻ em tại nhà, do công chức tư pháp hộ tịch thực hiện.",
        ["procedureCode"] = "1.001193",
        ["area"] = "civilStatus",
        ["level"] = "commune",
        ["form"] = form,
        ["competentAuthority"] = "Ủy ban nhân dân cấp xã nơi cư trú của cha hoặc mẹ",
        ["feeVnd"] = 0,
        ["feeNote"] = "Miễn lệ phí khi đăng ký đúng hạn.",
        ["processingTime"] = "Ngay trong ngày",
        ["requiredDocuments"] = new JsonArray("Tờ khai đăng ký khai sinh", "Giấy chứng sinh"),
        ["legalBasis"] = new JsonArray("Luật Hộ tịch số 60/2014/QH13"),
        ["externalUrl"] = form is null ? "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html" : null,
        ["communeCode"] = null,
        ["latitude"] = 10.947,
        ["longitude"] = 106.824,
    };

    /// <summary>Adds the committed catalogue (as the start does outside tests) and returns the id of each entry by its key.</summary>
    public static async Task<Dictionary<string, long>> SeedCatalogueAsync(ApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DongNai.Domain.AppDbContext>();
        await PublicServiceCatalogue.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), CancellationToken.None);
        return await db.Set<PublicService>().Where(s => s.CatalogueKey != null).ToDictionaryAsync(s => s.CatalogueKey!, s => s.Id);
    }

    /// <summary>A new account whose identity is filled from a new card and verified, as agency staff approve it; returns it and its card.</summary>
    public static async Task<(SignedInClient Person, TestCard Card)> VerifiedPersonAsync(ApiFactory factory, Role role = Role.Worker)
    {
        var person = role == Role.Worker ? await factory.SignUpAsync() : await factory.SignUpAsAsync(role);
        var card = await VerifyAsync(factory, person);
        return (person, card);
    }

    /// <summary>Fills a new card for <paramref name="person"/> and marks the identity verified (what a reviewer's approval does).</summary>
    public static async Task<TestCard> VerifyAsync(ApiFactory factory, SignedInClient person)
    {
        var card = IdentityRequests.NewCard();
        var filled = await IdentityRequests.FillAsync(person.Client, card);
        Assert.True(filled.IsSuccessStatusCode, $"Arrange: filling the card answered {(int)filled.StatusCode}: {await filled.Content.ReadAsStringAsync()}");
        await factory.WithDbAsync(async db =>
        {
            var profile = await db.Profiles.SingleAsync(p => p.AccountId == person.AccountId);
            profile.Verification = VerificationStatus.Verified;
            profile.VerificationDecidedAt = ApiFactory.Start.UtcDateTime;
            return await db.SaveChangesAsync();
        });
        return card;
    }

    public static JsonObject BirthRegistration(long serviceId, string commune) => new()
    {
        ["serviceId"] = serviceId,
        ["communeCode"] = commune,
        ["birthRegistration"] = new JsonObject
        {
            ["childFullName"] = "Nguyễn Thị Quỳnh Zetabirth",
            ["childDateOfBirth"] = "2026-10-20",
            ["childSex"] = "female",
            ["placeOfBirth"] = "Bệnh viện Đa khoa Đồng Nai, Phường Trấn Biên",
            ["mother"] = new JsonObject { ["fullName"] = "Trần Thị Mai", ["yearOfBirth"] = 1997, ["ethnicity"] = "Kinh", ["nationality"] = "Việt Nam" },
            ["father"] = new JsonObject { ["fullName"] = "Nguyễn Văn An", ["yearOfBirth"] = 1995 },
            ["relationshipToChild"] = "father",
        },
    };

    public static JsonObject MaritalStatus(long serviceId, string commune) => new()
    {
        ["serviceId"] = serviceId,
        ["communeCode"] = commune,
        ["maritalStatus"] = new JsonObject { ["purposeOfUse"] = "Làm hồ sơ vay vốn mua nhà", ["previouslyMarried"] = false },
    };

    public static JsonObject DiplomaCopy(long serviceId, string commune) => new()
    {
        ["serviceId"] = serviceId,
        ["communeCode"] = commune,
        ["diplomaCopy"] = new JsonObject
        {
            ["diplomaName"] = "Bằng tốt nghiệp trung học phổ thông",
            ["school"] = "Trường THPT Ngô Quyền, Biên Hòa",
            ["yearOfIssue"] = 2013,
            ["copies"] = 2,
        },
    };

    /// <summary>The form of the catalogue entry <paramref name="key"/>, filled for <paramref name="serviceId"/>.</summary>
    public static JsonObject FormFor(string key, long serviceId, string commune) => key switch
    {
        "birth-registration" => BirthRegistration(serviceId, commune),
        "marital-status" => MaritalStatus(serviceId, commune),
        "diploma-copy" => DiplomaCopy(serviceId, commune),
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    /// <summary>Submits <paramref name="body"/> as <paramref name="person"/> and returns the tracking code; fails the test otherwise.</summary>
    public static async Task<long> SubmitAsync(HttpClient person, JsonObject body)
    {
        var response = await person.PostAsJsonAsync("/api/civic/applications", body);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"Arrange: submitting answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await Problems.ReadAsync(response)).GetProperty("trackingCode").GetInt64();
    }

    public static MultipartFormDataContent File(byte[] content, string contentType, string label = "Giấy chứng sinh")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        form.Add(file, "file", "tai-lieu");
        form.Add(new StringContent(label), "label");
        return form;
    }

    /// <summary>A small PDF's first bytes and a marking run, to look for at rest.</summary>
    public static byte[] Pdf(byte mark) => [.. "%PDF-1.7\n"u8.ToArray(), .. Enumerable.Repeat(mark, 4096), .. "\n%%EOF"u8.ToArray()];
}
