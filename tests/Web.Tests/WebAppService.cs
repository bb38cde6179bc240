using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace DongNai.Web.Tests;

/// <summary>
/// The built service (Search.Api's own output), started as a process on a free loopback port over
/// a fresh data folder (SQLite file, Lucene index, keys) seeded with a small demo set, and one
/// headless Debian Chromium driven by Playwright. The map's tile server is a loopback port nobody
/// listens on, so every page is tested as it works when tiles cannot load. Shared by the browser
/// test classes; each test opens its own browser context.
/// </summary>
public sealed class WebAppService : IAsyncLifetime
{
    public const string AdminPhone = "0900000007";

    public const string AdminPassword = "QuanTri@2026";

    private static int s_phoneCounter;

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), $"dongnai-web-{Guid.NewGuid():N}");
    private readonly StringBuilder _output = new();
    private Process? _process;
    private IPlaywright? _playwright;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The tile server's origin (http://127.0.0.1:port), which the page may call besides the service.</summary>
    public string TileOrigin { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumFactAttribute.ChromiumPath))
        {
            return;
        }

        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        TileOrigin = $"http://127.0.0.1:{FreePort()}";
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        StartService(port);
        await WaitUntilReadyAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing; the temp folder is cleaned by the system.
        }
    }

    /// <summary>A browser context at 1280×900 (or the given size) whose every request is recorded.</summary>
    public async Task<(IBrowserContext Context, IPage Page, List<string> Requests)> OpenAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
        context.SetDefaultTimeout(20_000);
        var requests = new List<string>();
        context.Request += (_, request) =>
        {
            lock (requests)
            {
                requests.Add(request.Url);
            }
        };
        var page = await context.NewPageAsync();
        return (context, page, requests);
    }

    /// <summary>A new worker account registered through the API, with its phone and password.</summary>
    public async Task<(string Phone, string Password, string Name)> RegisterAsync(string role = "worker")
    {
        var phone = $"0912{Interlocked.Increment(ref s_phoneCounter) + 100000 + (Environment.ProcessId % 800):D6}";
        const string password = "MatKhau@2026";
        var name = $"Công nhân {s_phoneCounter}";
        using var response = await Http.PostAsJsonAsync("/api/accounts/register", new { phone, password, displayName = name, role });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (phone, password, name);
    }

    /// <summary>The service's output so far, for a failure message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void StartService(int port)
    {
        var service = ServicePath();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(service)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(service);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/'),
            ["Storage__DataPath"] = _dataPath,
            ["Seed__DemoListings"] = "2000",
            ["Seed__Seed"] = "2025",
            ["Admin__Phone"] = AdminPhone,
            ["Admin__Password"] = AdminPassword,
            ["Web__TileUrl"] = $"{TileOrigin}/{{z}}/{{x}}/{{y}}.png",
            ["RateLimits__AuthPerMinute"] = "200",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("The service did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 200_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The service stopped with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"The service was not ready within 4 minutes:\n{Output}");
    }

    /// <summary>Search.Api's build output of the same configuration as this test assembly.</summary>
    private static string ServicePath()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name;
        var framework = here.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "DongNai.slnx")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root?.FullName ?? throw new InvalidOperationException("DongNai.slnx not found above the test folder."),
            "Search.Api", "bin", configuration, framework, "DongNai.Search.Api.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build Search.Api first ({configuration}).", path);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int s_cardSerial;

    /// <summary>
    /// A new worker whose identity is filled from a CCCD QR text and approved by the admin, as the
    /// mobile app and the review queue do it; with their bearer token and the card's full name.
    /// </summary>
    public async Task<(string Phone, string Password, string Token, string FullName)> VerifiedWorkerAsync(string role = "worker")
    {
        var (phone, password, _) = await RegisterAsync(role);
        var token = await TokenAsync(phone, password);
        var serial = Interlocked.Increment(ref s_cardSerial);
        var number = "075095" + (200_000 + serial).ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string fullName = "Nguyễn Văn An";
        var qr = $"{number}|272345678|{fullName}|15031995|Nam|Tổ {serial} Khu phố 3, Phường Tam Hiệp, Đồng Nai|20042021";
        await SendAsync(HttpMethod.Post, "/api/identity/cccd-qr", token, JsonContent.Create(new { text = qr, consent = true }));
        using (var photos = new MultipartFormDataContent())
        {
            photos.Add(Image([0xFF, 0xD8, 0xFF, 0xE0, .. Enumerable.Repeat((byte)0x5A, 4096), 0xFF, 0xD9], "image/jpeg"), "idPhoto", "cccd.jpg");
            photos.Add(Image([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Enumerable.Repeat((byte)0x6B, 4096)], "image/png"), "selfie", "selfie.png");
            await SendAsync(HttpMethod.Post, "/api/identity/verification", token, photos);
        }

        var admin = await AdminTokenAsync();
        var queue = await SendAsync(HttpMethod.Get, "/api/identity/verification/queue", admin);
        var submission = queue!.AsArray().Single(s => s!["fullName"]!.GetValue<string>() == fullName && s["cccdNumberEnding"]!.GetValue<string>() == number[^4..])!;
        await SendAsync(HttpMethod.Post, $"/api/identity/verification/{submission["id"]!.GetValue<long>()}/approve", admin, JsonContent.Create(new { reason = "Ảnh khớp với thẻ." }));
        return (phone, password, token, fullName);
    }

    /// <summary>A bearer token for the account.</summary>
    public async Task<string> TokenAsync(string phone, string password)
    {
        using var response = await Http.PostAsJsonAsync("/api/accounts/sign-in", new { phone, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
    }

    /// <summary>Sends an arranging request; fails the test with the answer when it is not a success.</summary>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, string token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Arrange: {method} {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private static ByteArrayContent Image(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
        return content;
    }

    /// <summary>Admin's bearer token, for arranging what a test needs through the API.</summary>
    public async Task<string> AdminTokenAsync()
    {
        using var response = await Http.PostAsJsonAsync("/api/accounts/sign-in", new { phone = AdminPhone, password = AdminPassword });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["accessToken"]!.GetValue<string>();
    }
}

[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppService>
{
    public const string Name = "Web app";
}
