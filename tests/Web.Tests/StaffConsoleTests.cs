using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace DongNai.Web.Tests;

/// <summary>The staff consoles, by role, in a real Chromium.</summary>
[Collection(WebAppCollection.Name)]
public sealed class StaffConsoleTests(WebAppService service)
{
    [ChromiumFact]
    public async Task IndexConsole_ShowsReadinessAndQueuesARebuild_ForTheAdmin()
    {
        var (context, page, _) = await service.OpenAsync();
        await using var _ = context;
        await CitizenPagesTests.SignInAsync(page, WebAppService.AdminPhone, WebAppService.AdminPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Chỉ mục" }).ClickAsync();
        await Assertions.Expect(page.Locator("#ready")).ToContainTextAsync("Sẵn sàng");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Xây lại chỉ mục" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Đã xếp lịch" })).ToBeVisibleAsync();
    }

    [ChromiumFact]
    public async Task TrafficChart_ShowsTheHourOfASearchThatFoundNothing_ForTheAdmin()
    {
        using (var deadEnd = await service.Http.GetAsync($"/api/search?q=zzkhongco{Guid.NewGuid():N}&understand=false"))
        {
            deadEnd.EnsureSuccessStatusCode();
        }

        var (context, page, _) = await service.OpenAsync();
        await using var _ = context;
        await CitizenPagesTests.SignInAsync(page, WebAppService.AdminPhone, WebAppService.AdminPassword);

        await page.GetByRole(AriaRole.Link, new() { Name = "Lượt tìm" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Lượt tìm kiếm theo giờ");
        await Assertions.Expect(page.Locator("#traffic-chart")).ToBeVisibleAsync();
        var zeroResults = await page.Locator("#traffic-hours tbody tr td:nth-child(3)").AllInnerTextsAsync();
        Assert.Contains(zeroResults, cell => int.Parse(cell, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        // One person's dead end is counted but its words are not shown (three people must have searched them).
        await Assertions.Expect(page.Locator("#zero-result-terms")).ToBeVisibleAsync();
        Assert.DoesNotContain("zzkhongco", await page.Locator("#zero-result-terms").InnerTextAsync(), StringComparison.Ordinal);
        // Chart.js drew on the canvas: some pixel is not transparent.
        Assert.True(await page.EvaluateAsync<bool>("() => { const c = document.getElementById('traffic-chart'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; return d.some((v, i) => i % 4 === 3 && v > 0); }"));
    }

    [ChromiumFact]
    public async Task StaffConsoles_AreRefused_ToAWorker()
    {
        var (phone, password, _) = await service.RegisterAsync();
        var (context, page, _) = await service.OpenAsync();
        await using var _ = context;
        await CitizenPagesTests.SignInAsync(page, phone, password);

        await page.GotoAsync("/#/quan-tri/chi-muc");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Không có quyền");
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Duyệt CCCD" }).CountAsync());
    }

    [ChromiumFact]
    public async Task IdentityQueue_OpensFromTheNavigation_ForAgencyStaff()
    {
        var (phone, password, _) = await service.RegisterAsync();
        // Appointed agency staff through the admin API, as an admin would.
        var token = await service.AdminTokenAsync();
        var me = await SignInTokenAsync(phone, password);
        using (var appoint = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/accounts/{me.AccountId}/role")
        {
            Content = new StringContent("{\"role\":\"agencyStaff\"}", System.Text.Encoding.UTF8, "application/json"),
        })
        {
            appoint.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var appointed = await service.Http.SendAsync(appoint);
            Assert.True(appointed.IsSuccessStatusCode, await appointed.Content.ReadAsStringAsync());
        }

        var (context, page, _) = await service.OpenAsync();
        await using var _ = context;
        await CitizenPagesTests.SignInAsync(page, phone, password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Duyệt CCCD" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Duyệt xác minh danh tính");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("hồ sơ đang chờ");
    }

    [ChromiumFact]
    public async Task Moderator_ApprovesAReport_AndItAppearsInThePublicList()
    {
        var (_, _, token, _) = await service.VerifiedWorkerAsync();
        var word = $"ogà{Random.Shared.Next(100_000, 999_999)}";
        var commune = (await service.Http.GetFromJsonAsync<JsonArray>("/api/places/communes"))![0]!["code"]!.GetValue<string>();
        var title = $"Ổ gà lớn trước cổng KCN {word}";
        await service.SendAsync(HttpMethod.Post, "/api/feedback/reports", token, JsonContent.Create(new
        {
            title, text = "Ổ gà sâu khoảng 20 cm, xe máy đi ban đêm rất dễ té.", category = "roads", communeCode = commune,
            latitude = 10.95, longitude = 106.87, photos = Array.Empty<string>(),
        }));
        var (context, page, _) = await service.OpenAsync();
        await using var _ = context;
        await page.GotoAsync($"/#/phan-anh?q={Uri.EscapeDataString(word)}");
        await Assertions.Expect(page.Locator("main .status")).ToHaveTextAsync("Không có phản ánh nào.");
        await CitizenPagesTests.SignInAsync(page, WebAppService.AdminPhone, WebAppService.AdminPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Duyệt phản ánh" }).ClickAsync();
        var card = page.Locator("#moderation .report", new() { HasText = word });

        await card.GetByRole(AriaRole.Button, new() { Name = "Duyệt", Exact = true }).ClickAsync();

        await Assertions.Expect(card).ToHaveCountAsync(0);
        await page.GotoAsync($"/#/phan-anh?q={Uri.EscapeDataString(word)}");
        var published = page.Locator("#reports .report", new() { HasText = title });
        await Assertions.Expect(published).ToHaveCountAsync(1);
        await Assertions.Expect(published).ToContainTextAsync("Đã chuyển đơn vị xử lý");
        await Assertions.Expect(page.Locator("#feedback-map")).ToHaveAttributeAsync("data-markers", "1");
    }

    [ChromiumFact]
    public async Task CivicQueue_MovesAnApplicationToProcessing_ForTheAdmin()
    {
        var (_, _, token, fullName) = await service.VerifiedWorkerAsync();
        var hits = await service.Http.GetFromJsonAsync<JsonObject>("/api/search/public-services?q=ban%20sao%20van%20bang&size=5");
        var serviceId = hits!["hits"]!.AsArray().First(h => h!["title"]!.GetValue<string>().Contains("bản sao văn bằng", StringComparison.Ordinal))!["id"]!.GetValue<long>();
        var commune = (await service.Http.GetFromJsonAsync<JsonArray>("/api/places/communes"))![0]!["code"]!.GetValue<string>();
        var submitted = await service.SendAsync(HttpMethod.Post, "/api/civic/applications", token, JsonContent.Create(new
        {
            serviceId, communeCode = commune,
            diplomaCopy = new { diplomaName = "Bằng tốt nghiệp THPT", school = "Trường THPT Ngô Quyền", yearOfIssue = 2013, copies = 2 },
        }));
        var code = submitted!["trackingCode"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (context, page, _) = await service.OpenAsync();
        await using var _ = context;
        await CitizenPagesTests.SignInAsync(page, WebAppService.AdminPhone, WebAppService.AdminPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Hồ sơ DVC" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = code }).ClickAsync();
        await Assertions.Expect(page.Locator("#civic-detail")).ToContainTextAsync(fullName);
        await Assertions.Expect(page.Locator("#civic-detail")).ToContainTextAsync("Tên văn bằng");
        await Assertions.Expect(page.Locator("#civic-detail")).ToContainTextAsync("Bằng tốt nghiệp THPT");
        await Assertions.Expect(page.Locator("#civic-status")).ToHaveTextAsync("Đã tiếp nhận");

        await page.Locator("#civic-detail").GetByRole(AriaRole.Button, new() { Name = "Đang xử lý" }).ClickAsync();

        await Assertions.Expect(page.Locator("#civic-status")).ToHaveTextAsync("Đang xử lý");
        var view = await service.SendAsync(HttpMethod.Get, $"/api/civic/applications/{code}", token);
        Assert.Equal("processing", view!["status"]!.GetValue<string>());
    }

    [ChromiumFact]
    public async Task RankingConsole_ShowsTheModelsOrSaysNoneIsTrained_ForTheAdmin()
    {
        var token = await service.AdminTokenAsync();
        var models = await service.SendAsync(HttpMethod.Get, "/api/admin/ranking/models", token);
        var (context, page, _) = await service.OpenAsync();
        await using var _ = context;
        await CitizenPagesTests.SignInAsync(page, WebAppService.AdminPhone, WebAppService.AdminPassword);

        await page.GetByRole(AriaRole.Link, new() { Name = "Xếp hạng" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mô hình xếp hạng");
        var count = models!["models"]!.AsArray().Count;
        Assert.Equal(count, await page.Locator("#ranking-models tbody tr").CountAsync());
        if (count == 0)
        {
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Chưa huấn luyện mô hình nào");
        }
    }

    private async Task<(long AccountId, string Token)> SignInTokenAsync(string phone, string password)
    {
        using var response = await service.Http.PostAsync("/api/accounts/sign-in",
            new StringContent($"{{\"phone\":\"{phone}\",\"password\":\"{password}\"}}", System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (body["accountId"]!.GetValue<long>(), body["accessToken"]!.GetValue<string>());
    }
}
