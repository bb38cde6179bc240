using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace DongNai.Web.Tests;

/// <summary>The feed, CVs, citizen feedback and public services in a real Chromium against the running service.</summary>
[Collection(WebAppCollection.Name)]
public sealed partial class CitizenServicesTests(WebAppService service)
{
    [ChromiumFact]
    public async Task SignedInWorker_SeesTheFeedAroundTheirPark_WithReasons_AndCanDismissAnItem()
    {
        var (phone, password, name) = await service.RegisterAsync();
        var token = await service.TokenAsync(phone, password);
        await service.SendAsync(HttpMethod.Put, "/api/accounts/me/profile", token,
            JsonContent.Create(new { displayName = name, homeCommuneCode = (string?)null, industrialParkCode = "amata" }));
        var (context, page, _) = await service.OpenAsync();
        await using var _ = context;
        await CitizenPagesTests.SignInAsync(page, phone, password);

        await page.GotoAsync("/#/");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dành cho bạn" })).ToBeVisibleAsync();
        await page.Locator("#feed .feed-item").First.WaitForAsync();
        var reasons = await page.Locator("#feed .feed-item .reasons li:first-child").AllInnerTextsAsync();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, reason => Assert.Matches(DistanceReason(), reason));
        Assert.Contains(reasons, reason => reason.Contains("Amata", StringComparison.Ordinal));
        var first = page.Locator("#feed .feed-item .result-title").First;
        var dismissed = await first.InnerTextAsync();
        var href = await first.GetAttributeAsync("href");

        await page.Locator("#feed .feed-item").First.GetByRole(AriaRole.Button, new() { Name = $"Ẩn tin: {dismissed}" }).ClickAsync();

        await Assertions.Expect(page.Locator($"#feed a[href='{href}']")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await page.Locator("#feed .feed-item").First.WaitForAsync();
        Assert.Equal(0, await page.Locator($"#feed a[href='{href}']").CountAsync());
    }

    [ChromiumFact]
    public async Task AnonymousVisitor_PicksAPark_AndGetsTheFeedAroundIt()
    {
        var (context, page, _) = await service.OpenAsync();
        await using var _ = context;
        await page.GotoAsync("/");

        await page.GetByLabel("Chọn khu vực").SelectOptionAsync("amata");

        await page.Locator("#feed .feed-item").First.WaitForAsync();
        var reasons = await page.Locator("#feed .feed-item .reasons li:first-child").AllInnerTextsAsync();
        Assert.All(reasons, reason => Assert.Matches(DistanceReason(), reason));
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Không quan tâm" }).CountAsync());
    }

    [ChromiumFact]
    public async Task VerifiedWorker_CreatesACv_WithTheNameLockedFromTheCard()
    {
        var (phone, password, _, fullName) = await service.VerifiedWorkerAsync();
        var (context, page, _) = await service.OpenAsync();
        await using var _ = context;
        await CitizenPagesTests.SignInAsync(page, phone, password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Hồ sơ tuyển dụng" }).ClickAsync();
        var locked = page.Locator("#locked-fullName");
        await Assertions.Expect(locked).ToHaveValueAsync(fullName);
        await Assertions.Expect(locked).Not.ToBeEditableAsync();

        await page.GetByLabel("Công việc mong muốn").FillAsync("Công nhân may");
        await page.GetByLabel("Mức lương mong muốn (đồng/tháng)").FillAsync("8500000");
        await page.GetByLabel("Kỹ năng (cách nhau bằng dấu phẩy)").FillAsync("May công nghiệp, Đóng gói");
        await page.GetByLabel("Ca làm").SelectOptionAsync("night");
        await page.GetByLabel("Học vấn").SelectOptionAsync("upperSecondary");
        await page.Locator("#f-industrialParkCode").SelectOptionAsync("amata");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu hồ sơ tuyển dụng" }).ClickAsync();

        var card = page.Locator("#my-cvs .cv");
        await Assertions.Expect(card).ToHaveCountAsync(1);
        await Assertions.Expect(card).ToContainTextAsync("Công nhân may");
        await Assertions.Expect(card).ToContainTextAsync(fullName);
        await Assertions.Expect(card).ToContainTextAsync("8.500.000 đ/tháng");
        await Assertions.Expect(card).ToContainTextAsync("15/03/1995");
        await Assertions.Expect(card).ToContainTextAsync("Ca đêm");
        await Assertions.Expect(card.GetByLabel("Cho nhà tuyển dụng tìm thấy hồ sơ này")).ToBeCheckedAsync();
    }

    [ChromiumFact]
    public async Task Worker_AppliesFromTheJobPage_AndTheEmployerFindsTheCvAndShortlistsIt()
    {
        var (employerPhone, employerPassword, employerToken, _) = await service.VerifiedWorkerAsync("employer");
        var company = await service.SendAsync(HttpMethod.Post, "/api/employers", employerToken, JsonContent.Create(new
        {
            name = "Công ty TNHH May Mặc Đồng Nai", taxCode = $"36{Random.Shared.Next(10_000_000, 99_999_999)}", industrialParkCode = (string?)null,
        }));
        var job = await service.SendAsync(HttpMethod.Post, "/api/jobs", employerToken, JsonContent.Create(new
        {
            title = "Tuyển công nhân may ca đêm tại KCN Amata", description = "Không cần kinh nghiệm, được đào tạo tại chỗ.",
            requirements = "Biết may công nghiệp.", employerId = company!["id"]!.GetValue<long>(), headcount = 20,
            salaryMinVnd = 7_000_000, salaryMaxVnd = 10_000_000, shift = "night", jobType = "fullTime", benefits = new[] { "meals" },
            latitude = 10.9537, longitude = 106.8716,
        }));
        var jobId = job!["id"]!.GetValue<long>();
        var (phone, password, token, _) = await service.VerifiedWorkerAsync();
        var desired = $"Thợ may {Random.Shared.Next(100_000, 999_999)}";
        await service.SendAsync(HttpMethod.Post, "/api/cvs", token, JsonContent.Create(new
        {
            desiredJob = desired, summary = "Chăm chỉ, có thể tăng ca.", shift = "night", salaryExpectationVnd = 8_000_000,
            skills = new[] { "May công nghiệp" }, education = "upperSecondary", availability = "immediately",
            homeCommuneCode = (string?)null, industrialParkCode = "amata", discoverable = true,
        }));
        var (context, page, _) = await service.OpenAsync();
        await using var _ = context;
        await CitizenPagesTests.SignInAsync(page, phone, password);
        await page.GotoAsync($"/#/tin/jobs/{jobId}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Ứng tuyển" }).ClickAsync();
        await page.GetByLabel("Chọn hồ sơ").SelectOptionAsync(new SelectOptionValue { Label = desired });
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi hồ sơ" }).ClickAsync();

        await Assertions.Expect(page.Locator(".apply")).ToContainTextAsync("Đã gửi hồ sơ");
        await CitizenPagesTests.SignInAsync(page, employerPhone, employerPassword);
        // Candidate search reads the index, which applies the new CV through the outbox within about a second.
        var found = false;
        for (var attempt = 0; attempt < 20 && !found; attempt++)
        {
            await page.GotoAsync($"/#/nha-tuyen-dung?job={jobId}&lan={attempt}");
            await page.Locator("#candidates [role=status], #candidates .error").First.WaitForAsync();
            found = await page.Locator("#candidates .candidate", new() { HasText = desired }).CountAsync() > 0;
            if (!found)
            {
                await page.WaitForTimeoutAsync(500);
            }
        }

        Assert.True(found, "The discoverable CV was not among the candidates.");
        Assert.True(await page.Locator("#candidates .candidate", new() { HasText = desired }).Locator(".reasons li").CountAsync() > 0, "No fit reason shown.");
        var received = page.Locator(".review li[data-application]", new() { HasText = "Tuyển công nhân may ca đêm" });
        await received.GetByLabel("Chuyển sang").SelectOptionAsync("shortlisted");
        await received.GetByRole(AriaRole.Button, new() { Name = "Cập nhật" }).ClickAsync();
        await Assertions.Expect(received.Locator(".status")).ToHaveTextAsync("Vào vòng trong");
        var mine = await service.SendAsync(HttpMethod.Get, "/api/applications/mine", token);
        Assert.Equal("shortlisted", mine!.AsArray().Single()!["status"]!.GetValue<string>());
    }

    [ChromiumFact]
    public async Task VerifiedWorker_AppliesForADiplomaCopy_AttachesAFile_AndTracksItByCode()
    {
        var (phone, password, _, fullName) = await service.VerifiedWorkerAsync();
        var (context, page, _) = await service.OpenAsync();
        await using var _ = context;
        await CitizenPagesTests.SignInAsync(page, phone, password);
        await page.GotoAsync("/#/dich-vu-cong");
        await page.Locator("#services a", new() { HasText = "bản sao văn bằng" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#locked-fullName")).ToHaveValueAsync(fullName);
        await Assertions.Expect(page.Locator("#locked-cccdNumber")).Not.ToBeEditableAsync();

        await page.GetByLabel("Nộp tại xã/phường").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Tên văn bằng, chứng chỉ").FillAsync("Bằng tốt nghiệp trung học phổ thông");
        await page.GetByLabel("Trường cấp").FillAsync("Trường THPT Ngô Quyền");
        await page.GetByLabel("Năm cấp").FillAsync("2013");
        await page.GetByRole(AriaRole.Button, new() { Name = "Nộp hồ sơ" }).ClickAsync();

        var code = Regex.Match(await page.Locator("#tracking-code").InnerTextAsync(), @"\d{12}").Value;
        Assert.Equal(12, code.Length);
        await Assertions.Expect(page.Locator("#application-status")).ToHaveTextAsync("Đã tiếp nhận");
        await page.GetByLabel("Tên giấy tờ").FillAsync("Đơn đề nghị");
        await page.GetByLabel("Tệp (PDF, JPEG, PNG; tối đa 5 MB)").SetInputFilesAsync(new FilePayload
        {
            Name = "don.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Đính kèm" }).ClickAsync();
        await Assertions.Expect(page.Locator("#application")).ToContainTextAsync("Đơn đề nghị");

        await page.GotoAsync($"/#/dich-vu-cong/tra-cuu?ma={code}");

        await Assertions.Expect(page.Locator("#application")).ToContainTextAsync($"Hồ sơ {code}");
        await Assertions.Expect(page.Locator("#application")).ToContainTextAsync("Đơn đề nghị");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"{code} – Cấp bản sao văn bằng");
    }

    [ChromiumFact]
    public async Task NewPages_HaveNoHorizontalScroll_At360PixelsWide()
    {
        var (phone, password, _, _) = await service.VerifiedWorkerAsync();
        var (employerPhone, employerPassword, _) = await service.RegisterAsync("employer");
        var (context, page, _) = await service.OpenAsync(width: 360, height: 740);
        await using var _ = context;
        var service0 = await FormServicePathAsync(page);
        string[] anonymous = ["/#/phan-anh", "/#/dich-vu-cong", service0];
        string[] worker = ["/#/", "/#/tai-khoan/ho-so-tuyen-dung", "/#/phan-anh/gui", "/#/phan-anh/cua-toi", service0, "/#/dich-vu-cong/tra-cuu"];
        string[] admin = ["/#/can-bo/phan-anh", "/#/can-bo/don-vi", "/#/can-bo/dich-vu-cong", "/#/quan-tri/xep-hang", "/#/quan-tri/luot-tim"];

        await AssertNoScrollAsync(page, anonymous);
        await CitizenPagesTests.SignInAsync(page, phone, password);
        await AssertNoScrollAsync(page, worker);
        await CitizenPagesTests.SignInAsync(page, employerPhone, employerPassword);
        await AssertNoScrollAsync(page, ["/#/nha-tuyen-dung"]);
        await CitizenPagesTests.SignInAsync(page, WebAppService.AdminPhone, WebAppService.AdminPassword);
        await AssertNoScrollAsync(page, admin);
    }

    [ChromiumFact]
    public async Task NewPages_CallNoHostButTheServiceAndTheTileServer()
    {
        var (phone, password, _, _) = await service.VerifiedWorkerAsync();
        var (context, page, requests) = await service.OpenAsync();
        await using var _ = context;
        var form = await FormServicePathAsync(page);

        foreach (var path in new[] { "/#/phan-anh", "/#/dich-vu-cong", form })
        {
            await page.GotoAsync(path);
            await page.Locator("h1").First.WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        await CitizenPagesTests.SignInAsync(page, phone, password);
        foreach (var path in new[] { "/#/", "/#/tai-khoan/ho-so-tuyen-dung", "/#/phan-anh/gui", form })
        {
            await page.GotoAsync(path);
            await page.Locator("h1").First.WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        string[] recorded;
        lock (requests)
        {
            recorded = [.. requests];
        }

        var origin = service.BaseAddress.GetLeftPart(UriPartial.Authority) + "/";
        var tiles = service.TileOrigin + "/";
        Assert.DoesNotContain(recorded, url => !url.StartsWith(origin, StringComparison.Ordinal) && !url.StartsWith(tiles, StringComparison.Ordinal));
        Assert.Contains(recorded, url => url.Contains("/api/feed", StringComparison.Ordinal));
        Assert.Contains(recorded, url => url.Contains("/api/feedback/map", StringComparison.Ordinal));
        Assert.Contains(recorded, url => url.Contains("/form", StringComparison.Ordinal));
    }

    /// <summary>The page of the diploma-copy procedure, found in the catalogue as a visitor does.</summary>
    internal static async Task<string> FormServicePathAsync(IPage page)
    {
        await page.GotoAsync("/#/dich-vu-cong");
        var href = await page.Locator("#services a", new() { HasText = "bản sao văn bằng" }).First.GetAttributeAsync("href");
        return $"/{href}";
    }

    private static async Task AssertNoScrollAsync(IPage page, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            await page.Locator("h1").First.WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"{path}: content is {widths[0]} px wide in a {widths[1]} px viewport.");
            Assert.Equal(0, await page.Locator("main .error").CountAsync());
        }
    }

    [GeneratedRegex(@"^Cách .+ \d+,\d km$")]
    private static partial Regex DistanceReason();
}
