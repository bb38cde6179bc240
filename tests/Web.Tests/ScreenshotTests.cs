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

        await page.SetViewportSizeAsync(1280, 860);
        await CitizenPagesTests.SignInAsync(page, WebAppService.AdminPhone, WebAppService.AdminPassword);
        await page.GotoAsync("/#/quan-tri/chi-muc");
        await page.Locator("#ready").WaitForAsync();
        await Shoot(page, folder, "staff-index-console.png");

        await page.GotoAsync("/#/quan-tri/luot-tim");
        await page.Locator("#traffic-chart").WaitForAsync();
        await Shoot(page, folder, "staff-traffic-chart.png");

        foreach (var name in new[] { "search-with-map.png", "listing-mobile.png", "staff-index-console.png", "staff-traffic-chart.png" })
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
