using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace DongNai.Web.Tests;

/// <summary>
/// Screenshots of the main pages, taken on every run (into a temp folder) so they stay takeable;
/// with <c>UPDATE_SCREENSHOTS=1</c> they replace the ones in <c>docs/screenshots/</c> that the README shows.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ScreenshotTests(WebAppService service)
{
    [ChromiumFact]
    public async Task MainPages_CanBeCaptured()
    {
        var folder = Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryRoot(), "docs", "screenshots")
            : Directory.CreateTempSubdirectory("dongnai-screens-").FullName;
        Directory.CreateDirectory(folder);
        var (context, page, _) = await service.OpenAsync(width: 1280, height: 860);
        await using var _ = context;

        await page.GotoAsync($"/#/tim-kiem?q={Uri.EscapeDataString("phòng trọ gần Amata dưới 2 triệu")}");
        await page.Locator("#results-map[data-markers]").WaitForAsync();
        await Shoot(page, folder, "search-with-map.png");

        await page.Locator(".result .result-title").First.ClickAsync();
        await page.Locator(".related li").First.WaitForAsync();
        await page.SetViewportSizeAsync(390, 844);
        await Shoot(page, folder, "listing-mobile.png", fullPage: true);

        // The feed of a worker whose profile names the Amata park, at phone width.
        var (phone, password, displayName) = await service.RegisterAsync();
        await service.SendAsync(HttpMethod.Put, "/api/accounts/me/profile", await service.TokenAsync(phone, password),
            System.Net.Http.Json.JsonContent.Create(new { displayName, homeCommuneCode = (string?)null, industrialParkCode = "amata" }));
        await CitizenPagesTests.SignInAsync(page, phone, password);
        await page.GotoAsync("/#/");
        await page.Locator("#feed .feed-item").Nth(4).WaitForAsync();
        await page.Locator("#feed").ScrollIntoViewIfNeededAsync();
        await Shoot(page, folder, "feed-mobile.png");

        // A report waiting for moderation, posted by a verified worker through the API.
        var (_, _, token, _) = await service.VerifiedWorkerAsync();
        var commune = (await service.Http.GetFromJsonAsync<JsonArray>("/api/places/communes"))![0]!["code"]!.GetValue<string>();
        await service.SendAsync(HttpMethod.Post, "/api/feedback/reports", token, System.Net.Http.Json.JsonContent.Create(new
        {
            title = "Đèn đường hỏng trên đường vào KCN Amata", text = "Ba cột đèn liền nhau không sáng từ tuần trước, công nhân tan ca đêm đi rất tối.",
            category = "electricityAndWater", communeCode = commune, latitude = 10.951, longitude = 106.872, photos = Array.Empty<string>(),
        }));

        await page.SetViewportSizeAsync(1280, 860);
        await CitizenPagesTests.SignInAsync(page, WebAppService.AdminPhone, WebAppService.AdminPassword);
        await page.GotoAsync("/#/can-bo/phan-anh");
        await page.Locator("#moderation .report").First.WaitForAsync();
        await Shoot(page, folder, "staff-feedback-moderation.png");

        await page.GotoAsync("/#/quan-tri/chi-muc");
        await page.Locator("#ready").WaitForAsync();
        await Shoot(page, folder, "staff-index-console.png");

        await page.GotoAsync("/#/quan-tri/luot-tim");
        await page.Locator("#traffic-chart").WaitForAsync();
        await Shoot(page, folder, "staff-traffic-chart.png");

        foreach (var name in new[] { "search-with-map.png", "listing-mobile.png", "feed-mobile.png", "staff-feedback-moderation.png", "staff-index-console.png", "staff-traffic-chart.png" })
        {
            Assert.True(new FileInfo(Path.Combine(folder, name)).Length > 10_000, $"{name} is nearly empty.");
        }
    }

    private static async Task Shoot(IPage page, string folder, string name, bool fullPage = false)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // The focus ring of the heading the router focuses is not part of the picture.
        await page.EvaluateAsync("() => document.activeElement?.blur()");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = fullPage });
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "DongNai.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("DongNai.slnx not found.");
    }
}
