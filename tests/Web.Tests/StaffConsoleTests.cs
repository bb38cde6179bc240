using System.Net.Http.Headers;
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
        var zeroResults = await page.Locator("tbody tr td:nth-child(3)").AllInnerTextsAsync();
        Assert.Contains(zeroResults, cell => int.Parse(cell, System.Globalization.CultureInfo.InvariantCulture) >= 1);
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

    private async Task<(long AccountId, string Token)> SignInTokenAsync(string phone, string password)
    {
        using var response = await service.Http.PostAsync("/api/accounts/sign-in",
            new StringContent($"{{\"phone\":\"{phone}\",\"password\":\"{password}\"}}", System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (body["accountId"]!.GetValue<long>(), body["accessToken"]!.GetValue<string>());
    }
}
