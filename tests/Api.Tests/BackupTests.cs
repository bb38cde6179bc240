using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DongNai.Search.Api.Backups;
using DongNai.Search.Api.Hosting;

namespace DongNai.Api.Tests;

/// <summary>
/// Online backups restore every write acknowledged before they started; a restore checks the
/// backup before it changes anything, refuses while a service holds the folder, and keeps what it
/// replaces. Each test owns its folders (backups are not shared state).
/// </summary>
public sealed class BackupTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dongnai-backup-tests", Guid.NewGuid().ToString("N"));

    [SqliteFact]
    public async Task Backup_TakenWhileListingsAreWritten_RestoresEveryWriteAcknowledgedBeforeItStarted()
    {
        var target = Path.Combine(_root, "backup");
        var restoredPath = Path.Combine(_root, "restored");
        List<Acknowledged> before;
        BackupManifest manifest;
        SignedInClient owner;
        int acknowledgedInAll;
        using (var source = new ApiFactory())
        {
            owner = await source.SignUpAsync();
            var acknowledged = new ConcurrentQueue<Acknowledged>();
            using var stop = new CancellationTokenSource();
            var writer = WriteUntilStoppedAsync(owner.Client, acknowledged, stop.Token);
            await WaitForAsync(() => acknowledged.Count >= 20, writer);

            before = [.. acknowledged];
            manifest = await DataBackup.CreateAsync(Storage(source.DataPath), target, TimeProvider.System);
            var afterBackup = acknowledged.Count;
            await WaitForAsync(() => acknowledged.Count >= afterBackup + 5, writer);
            await stop.CancelAsync();
            await writer;
            acknowledgedInAll = acknowledged.Count;
        }

        var restore = await DataBackup.RestoreAsync(Storage(restoredPath), target, TimeProvider.System);
        using var restored = new ApiFactory(restoredPath);
        var anonymous = restored.CreateClient();
        var missing = new List<string>();
        foreach (var write in before.GroupBy(w => w.Id).Select(g => g.MaxBy(w => w.Version)!))
        {
            var response = await anonymous.GetAsync(new Uri($"/api/rentals/{write.Id}", UriKind.Relative));
            var version = response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32() : 0;
            if (version < write.Version)
            {
                missing.Add($"rental {write.Id} v{write.Version}: {(int)response.StatusCode} v{version}");
            }
        }

        var signIn = await anonymous.PostAsJsonAsync("/api/accounts/sign-in", new { phone = owner.Phone, password = "matkhau123" });
        var searchable = await WaitForSearchTotalAsync(anonymous, manifest.Listings);

        Assert.Empty(missing);
        Assert.Null(restore.SetAsideFolder);
        Assert.True(acknowledgedInAll >= before.Count + 5, "writes went on after the backup started");
        Assert.InRange(manifest.Listings, before.Select(w => w.Id).Distinct().Count(), acknowledgedInAll);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(manifest.Listings, searchable);
    }

    [SqliteFact]
    public async Task Restore_RefusesWhileAServiceUsesTheDataFolder_AndChangesNothing()
    {
        using var running = new ApiFactory();
        var owner = await running.SignUpAsync();
        var created = await owner.Client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental());
        var target = Path.Combine(_root, "backup");
        await DataBackup.CreateAsync(Storage(running.DataPath), target, TimeProvider.System);

        var refused = await Assert.ThrowsAsync<BackupException>(() => DataBackup.RestoreAsync(Storage(running.DataPath), target, TimeProvider.System));
        var read = await running.CreateClient().GetAsync(created.Headers.Location);

        Assert.Contains("stop it", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Empty(Directory.EnumerateDirectories(running.DataPath, "before-restore-*"));
    }

    [SqliteFact]
    public async Task SecondService_OnTheSameDataFolder_RefusesToStart()
    {
        using var first = new ApiFactory();
        await first.SignUpAsync();
        using var second = new ApiFactory(first.DataPath);

        var refused = Assert.ThrowsAny<Exception>(() => second.CreateClient());

        Assert.Contains(DataFolderLock.FileName, refused.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await first.CreateClient().GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
    }

    [SqliteTheory]
    [InlineData("database")]
    [InlineData("key")]
    [InlineData("manifest")]
    public async Task Restore_RefusesAnIncompleteOrDamagedBackup_BeforeChangingAnything(string damage)
    {
        var target = Path.Combine(_root, "backup");
        var dataPath = Path.Combine(_root, "data");
        using (var source = new ApiFactory(dataPath))
        {
            var owner = await source.SignUpAsync();
            await owner.Client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental());
            await DataBackup.CreateAsync(Storage(dataPath), target, TimeProvider.System);
        }

        var databaseBefore = await File.ReadAllBytesAsync(Path.Combine(dataPath, "dongnai.db"));
        switch (damage)
        {
            case "database":
                await using (var file = new FileStream(Path.Combine(target, DataBackup.DatabaseFile), FileMode.Open, FileAccess.ReadWrite))
                {
                    file.Position = file.Length / 2;
                    var b = file.ReadByte();
                    file.Position = file.Length / 2;
                    file.WriteByte((byte)(b ^ 0xFF));
                }

                break;
            case "key":
                File.Delete(Directory.EnumerateFiles(Path.Combine(target, DataBackup.KeysFolder)).First());
                break;
            default:
                File.Delete(Path.Combine(target, DataBackup.ManifestFile));
                break;
        }

        await Assert.ThrowsAsync<BackupException>(() => DataBackup.RestoreAsync(Storage(dataPath), target, TimeProvider.System));

        Assert.Equal(databaseBefore, await File.ReadAllBytesAsync(Path.Combine(dataPath, "dongnai.db")));
        Assert.Empty(Directory.EnumerateDirectories(dataPath, "before-restore-*"));
    }

    [SqliteFact]
    public async Task Restore_OverAnUsedFolder_KeepsWhatItReplaces_AndBringsBackTheBackupsData()
    {
        var target = Path.Combine(_root, "backup");
        var dataPath = Path.Combine(_root, "data");
        Uri kept;
        Uri later;
        using (var source = new ApiFactory(dataPath))
        {
            var owner = await source.SignUpAsync();
            kept = (await owner.Client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental())).Headers.Location!;
            await DataBackup.CreateAsync(Storage(dataPath), target, TimeProvider.System);
            later = (await owner.Client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental())).Headers.Location!;
        }

        var hadIndex = Directory.Exists(Storage(dataPath).IndexPath); // Written by the first drain, which may not have run yet.
        var restore = await DataBackup.RestoreAsync(Storage(dataPath), target, TimeProvider.System);
        using var restored = new ApiFactory(dataPath);
        var client = restored.CreateClient();

        Assert.NotNull(restore.SetAsideFolder);
        Assert.True(File.Exists(Path.Combine(restore.SetAsideFolder, "dongnai.db")));
        Assert.True(Directory.Exists(Path.Combine(restore.SetAsideFolder, "keys")));
        Assert.Equal(hadIndex, Directory.Exists(Path.Combine(restore.SetAsideFolder, "index")));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(kept)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(later)).StatusCode);
    }

    [SqliteFact]
    public async Task Commands_BackUpARunningService_AndRestoreIntoAnotherFolder()
    {
        var target = Path.Combine(_root, "cli-backup");
        var restoredPath = Path.Combine(_root, "cli-restored");
        using var running = new ApiFactory();
        var owner = await running.SignUpAsync();
        var created = (await owner.Client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental())).Headers.Location!;

        var backup = await RunCommandAsync(running.DataPath, "backup", "--to", target);
        var refused = await RunCommandAsync(running.DataPath, "restore", "--from", target);
        var noSource = await RunCommandAsync(restoredPath, "restore");
        var restore = await RunCommandAsync(restoredPath, "restore", "--from", target);
        using var restored = new ApiFactory(restoredPath);

        Assert.True(backup.ExitCode == 0, backup.Output);
        Assert.Contains("Backed up", backup.Output, StringComparison.Ordinal);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("stop it", refused.Output, StringComparison.Ordinal);
        Assert.Equal(2, noSource.ExitCode);
        Assert.True(restore.ExitCode == 0, restore.Output);
        Assert.Equal(HttpStatusCode.OK, (await restored.CreateClient().GetAsync(created)).StatusCode);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A host may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }

    private static StorageOptions Storage(string dataPath) => new() { DataPath = dataPath };

    /// <summary>Creates rentals and, every third write, updates an earlier one, recording each acknowledged (id, version).</summary>
    private static async Task WriteUntilStoppedAsync(HttpClient client, ConcurrentQueue<Acknowledged> acknowledged, CancellationToken stop)
    {
        var ids = new List<long>();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            HttpResponseMessage response;
            try
            {
                response = i % 3 == 2 && ids.Count > 0
                    ? await client.PutAsJsonAsync($"/api/rentals/{ids[i % ids.Count]}", ListingPayloads.Rental(), stop)
                    : await client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental(), stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }

            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(CancellationToken.None));
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None);
            var id = body.GetProperty("id").GetInt64();
            if (response.StatusCode == HttpStatusCode.Created)
            {
                ids.Add(id);
            }

            acknowledged.Enqueue(new Acknowledged(id, body.GetProperty("version").GetInt32()));
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, Task writer)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.False(writer.IsFaulted, writer.Exception?.ToString());
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "The writer did not make progress.");
            await Task.Delay(10);
        }
    }

    private static async Task<long> WaitForSearchTotalAsync(HttpClient client, long expected)
    {
        var clock = Stopwatch.StartNew();
        long total;
        do
        {
            total = (await client.GetFromJsonAsync<JsonElement>("/api/search/rentals?understand=false")).GetProperty("total").GetInt64();
            if (total == expected)
            {
                return total;
            }

            await Task.Delay(50);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(60));

        return total;
    }

    private static async Task<(int ExitCode, string Output)> RunCommandAsync(string dataPath, params string[] command)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var argument in command)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add($"--Storage:DataPath={dataPath}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    private sealed record Acknowledged(long Id, int Version);
}
