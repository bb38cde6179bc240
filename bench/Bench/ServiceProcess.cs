using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DongNai.Bench;

/// <summary>
/// The real service as a child process over the benchmark's data folder, on a free loopback port,
/// in the Production environment (JSON logs, quiet), with first-start seeding off. Its output goes
/// to <c>service.log</c> in the data folder. Stopped with SIGTERM (then killed if it lingers), by
/// its own process id only.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();
    private bool _logClosed;

    private ServiceProcess(Process process, StreamWriter log, Uri address)
    {
        _process = process;
        _log = log;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public static string BinaryPath(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "Search.Api", "bin", "Release", "net10.0", "DongNai.Search.Api.dll");

    /// <summary>Starts the service and waits until it is ready; <paramref name="extraArguments"/> (configuration overrides) follow the usual ones.</summary>
    public static async Task<ServiceProcess> StartAsync(string repositoryRoot, string dataPath, CancellationToken cancellationToken, IReadOnlyList<string>? extraArguments = null)
    {
        var binary = BinaryPath(repositoryRoot);
        if (!File.Exists(binary))
        {
            throw new FileNotFoundException($"The service is not built in Release: {binary}. Run: dotnet build -c Release Search.Api", binary);
        }

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataPath,
        };
        // Every bench client comes from 127.0.0.1: lift the per-address search limits so they measure the engine, not the limiter.
        // The soak's accounts are new and unverified: posting jobs and rentals must not wait for a review.
        string[] arguments =
        [
            binary, $"--urls=http://127.0.0.1:{port}", $"--Storage:DataPath={dataPath}", "--Seed:DemoListings=0",
            "--RateLimits:SearchPerMinute=1000000", "--RateLimits:SearchBurst=1000000", "--RateLimits:SearchConcurrentPerClient=100000",
            "--Verification:Required:PostJob=false", "--Verification:Required:PostRental=false",
        ];
        foreach (var argument in arguments.Concat(extraArguments ?? []))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var log = new StreamWriter(Path.Combine(dataPath, "service.log"), append: false) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("The service did not start.");
        var service = new ServiceProcess(process, log, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, line) => service.Log(line.Data);
        process.ErrorDataReceived += (_, line) => service.Log(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(15))
        {
            if (process.HasExited)
            {
                await service.DisposeAsync();
                throw new InvalidOperationException($"The service exited with code {process.ExitCode} before it was ready; see {Path.Combine(dataPath, "service.log")}.");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return service;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Busy starting.
            }

            await Task.Delay(200, cancellationToken);
        }

        await service.DisposeAsync();
        throw new TimeoutException("The service was not ready within 15 minutes.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Machine.Run("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        _process.Dispose();
        lock (_logGate)
        {
            _logClosed = true;
            _log.Dispose();
        }
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
