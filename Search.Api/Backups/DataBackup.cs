using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using DongNai.Domain.Listings;
using DongNai.Search.Api.Hosting;
using Microsoft.Data.Sqlite;

namespace DongNai.Search.Api.Backups;

/// <summary>
/// Online backups of a data folder and their restore. A backup holds what cannot be rebuilt: the
/// SQLite database (copied with SQLite's online backup API, a consistent snapshot taken while the
/// service keeps writing) and the keys folder (without its keys, encrypted phone numbers and
/// signed tokens are lost). The search index is not copied: it is rebuilt from the database when
/// the service starts on a restored folder. Hangfire's database is not copied either: it holds
/// only job bookkeeping, and index work waits in the database's outbox.
/// </summary>
/// <remarks>
/// A backup is written to <c>&lt;target&gt;.partial</c> and renamed when complete, with a
/// <c>manifest.json</c> giving each file's size and SHA-256; a restore checks them and SQLite's
/// integrity check before it changes anything, refuses while a service holds the data folder
/// (<see cref="DataFolderLock"/>), and moves what it replaces to <c>before-restore-&lt;time&gt;/</c>
/// instead of deleting it.
/// </remarks>
public static class DataBackup
{
    public const string ManifestFile = "manifest.json";
    public const string DatabaseFile = "dongnai.db";
    public const string KeysFolder = "keys";
    private const int FormatVersion = 1;

    /// <summary>Tries of the page copy while the database answers busy (pauses of 50 ms more each time, about 40 s in all).</summary>
    private const int BusyAttempts = 40;

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes a backup of <paramref name="storage"/>'s data folder to <paramref name="target"/>, which must not exist yet.</summary>
    /// <exception cref="BackupException">There is no database to back up, the target exists, or the copy is not sound.</exception>
    public static async Task<BackupManifest> CreateAsync(StorageOptions storage, string target, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(time);
        if (!File.Exists(storage.DatabasePath))
        {
            throw new BackupException($"There is no database at {Path.GetFullPath(storage.DatabasePath)} to back up.");
        }

        if (Directory.Exists(target) || File.Exists(target))
        {
            throw new BackupException($"{Path.GetFullPath(target)} already exists; a backup never overwrites one.");
        }

        var partial = target.TrimEnd(Path.DirectorySeparatorChar) + ".partial";
        if (Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true); // Left by a backup that was interrupted.
        }

        Directory.CreateDirectory(partial);
        var createdAt = time.GetUtcNow().UtcDateTime;
        var copy = Path.Combine(partial, DatabaseFile);
        await using (var source = new SqliteConnection(ConnectionString(storage.DatabasePath, SqliteOpenMode.ReadOnly)))
        await using (var destination = new SqliteConnection(ConnectionString(copy, SqliteOpenMode.ReadWriteCreate)))
        {
            await source.OpenAsync(cancellationToken);
            await destination.OpenAsync(cancellationToken);

            // One step copies every page under one read transaction: a consistent snapshot, while
            // writers carry on in the write-ahead log. The step does not wait for a lock: while a
            // checkpoint truncates the log (the service runs one after erasing personal data) it
            // answers "locked" at once, so it is tried again after a growing pause (<see cref="BusyAttempts"/>).
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    source.BackupDatabase(destination);
                    break;
                }
                catch (SqliteException exception) when (Problems.DatabaseBusy.IsBusy(exception) && attempt < BusyAttempts)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2_000, 50 * attempt)), cancellationToken);
                }
            }
        }

        var (schema, accounts, listings) = await DescribeAsync(copy, cancellationToken);
        var files = new List<BackupFile> { await DescribeFileAsync(partial, DatabaseFile, cancellationToken) };
        if (Directory.Exists(storage.KeyFolder))
        {
            Directory.CreateDirectory(Path.Combine(partial, KeysFolder));
            foreach (var key in Directory.EnumerateFiles(storage.KeyFolder, "*.key").Order(StringComparer.Ordinal))
            {
                var name = Path.Combine(KeysFolder, Path.GetFileName(key));
                CopyPrivate(key, Path.Combine(partial, name));
                files.Add(await DescribeFileAsync(partial, name, cancellationToken));
            }
        }

        var manifest = new BackupManifest(FormatVersion, createdAt, schema, accounts, listings, files);
        await File.WriteAllTextAsync(Path.Combine(partial, ManifestFile), JsonSerializer.Serialize(manifest, ManifestJson), cancellationToken);
        Directory.Move(partial, target);
        return manifest;
    }

    /// <summary>
    /// Replaces <paramref name="storage"/>'s database and keys with the backup in <paramref name="source"/>
    /// and sets the index aside so that the next start rebuilds it. Returns where the replaced files went
    /// (null when the folder held none).
    /// </summary>
    /// <exception cref="BackupException">The backup is incomplete or damaged, or a service is using the data folder.</exception>
    public static async Task<RestoreResult> RestoreAsync(StorageOptions storage, string source, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(time);
        var manifest = await VerifyAsync(source, cancellationToken);
        using var folderLock = DataFolderLock.TryAcquire(storage.DataPath)
            ?? throw new BackupException($"A service is using the data folder {Path.GetFullPath(storage.DataPath)}; stop it before restoring.");

        string? setAside = null;
        string SetAside()
        {
            setAside ??= Path.Combine(storage.DataPath, "before-restore-" + time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(setAside);
            return setAside;
        }

        foreach (var file in new[] { storage.DatabasePath, storage.DatabasePath + "-wal", storage.DatabasePath + "-shm", storage.HangfirePath, storage.HangfirePath + "-wal", storage.HangfirePath + "-shm" })
        {
            if (File.Exists(file))
            {
                File.Move(file, Path.Combine(SetAside(), Path.GetFileName(file)));
            }
        }

        foreach (var folder in new[] { storage.KeyFolder, storage.IndexPath })
        {
            if (Directory.Exists(folder))
            {
                Directory.Move(folder, Path.Combine(SetAside(), Path.GetFileName(folder)));
            }
        }

        CopyPrivate(Path.Combine(source, DatabaseFile), storage.DatabasePath);
        foreach (var key in manifest.Files.Where(f => f.Name.StartsWith(KeysFolder + "/", StringComparison.Ordinal)))
        {
            Directory.CreateDirectory(storage.KeyFolder);
            CopyPrivate(Path.Combine(source, key.Name), Path.Combine(storage.KeyFolder, Path.GetFileName(key.Name)));
        }

        return new RestoreResult(manifest, setAside);
    }

    /// <summary>Reads <paramref name="source"/>'s manifest and checks every file against it and the database's integrity.</summary>
    /// <exception cref="BackupException">The backup is incomplete or damaged.</exception>
    public static async Task<BackupManifest> VerifyAsync(string source, CancellationToken cancellationToken = default)
    {
        var manifestPath = Path.Combine(source, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            throw new BackupException($"{Path.GetFullPath(source)} is not a complete backup: it has no {ManifestFile}.");
        }

        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(manifestPath, cancellationToken), ManifestJson);
        }
        catch (JsonException exception)
        {
            throw new BackupException($"The backup's {ManifestFile} cannot be read: {exception.Message}");
        }

        if (manifest is null || manifest.Format != FormatVersion || manifest.Files is null || !manifest.Files.Any(f => f.Name == DatabaseFile))
        {
            throw new BackupException($"The backup's {ManifestFile} is not a format-{FormatVersion} manifest listing {DatabaseFile}.");
        }

        foreach (var expected in manifest.Files)
        {
            if (expected.Name.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(expected.Name))
            {
                throw new BackupException($"The backup's manifest names a file outside the backup: {expected.Name}.");
            }

            if (!File.Exists(Path.Combine(source, expected.Name)))
            {
                throw new BackupException($"The backup is missing {expected.Name}.");
            }

            var actual = await DescribeFileAsync(source, expected.Name, cancellationToken);
            if (actual != expected)
            {
                throw new BackupException($"The backup's {expected.Name} is damaged: its size or SHA-256 differs from the manifest.");
            }
        }

        await using var connection = new SqliteConnection(ConnectionString(Path.Combine(source, DatabaseFile), SqliteOpenMode.ReadOnly));
        await connection.OpenAsync(cancellationToken);
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        var result = (string?)await check.ExecuteScalarAsync(cancellationToken);
        return result == "ok" ? manifest : throw new BackupException($"The backup's database fails SQLite's integrity check: {result}.");
    }

    private static async Task<(string? Schema, long Accounts, long Listings)> DescribeAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(ConnectionString(database, SqliteOpenMode.ReadOnly));
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var listings = string.Join(" + ", ListingKinds.Descriptors.Select(kind => $"(SELECT COUNT(*) FROM \"{kind.Table}\")"));
        command.CommandText = $"""
            SELECT (SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId DESC LIMIT 1),
                   (SELECT COUNT(*) FROM Accounts),
                   {listings};
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static async Task<BackupFile> DescribeFileAsync(string root, string name, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(Path.Combine(root, name));
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return new BackupFile(name.Replace(Path.DirectorySeparatorChar, '/'), stream.Length, Convert.ToHexStringLower(hash));
    }

    /// <summary>Copies a file readable by its owner only: the database and keys hold personal data and secrets.</summary>
    private static void CopyPrivate(string from, string to)
    {
        File.Copy(from, to, overwrite: false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(to, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string ConnectionString(string path, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false, DefaultTimeout = 30 }.ToString();
}

/// <summary>What a backup holds, written beside it as <c>manifest.json</c>.</summary>
/// <param name="Format">The backup layout's version.</param>
/// <param name="CreatedAt">When the copy was taken (UTC); every write acknowledged before it is in the backup.</param>
/// <param name="Schema">The last EF Core migration applied to the copied database.</param>
/// <param name="Accounts">Accounts in the copy.</param>
/// <param name="Listings">Listings in the copy.</param>
/// <param name="Files">Every file of the backup, relative, with its size and SHA-256.</param>
public sealed record BackupManifest(int Format, DateTime CreatedAt, string? Schema, long Accounts, long Listings, IReadOnlyList<BackupFile> Files);

/// <summary>A file of a backup: its path relative to the backup folder ('/'-separated), size in bytes and SHA-256 (hex).</summary>
public sealed record BackupFile(string Name, long Bytes, string Sha256);

/// <summary>A finished restore: what was restored and where the files it replaced were moved (null: there were none).</summary>
public sealed record RestoreResult(BackupManifest Manifest, string? SetAsideFolder);

/// <summary>A backup or restore refused, with a message for the operator; nothing was changed.</summary>
public sealed class BackupException : Exception
{
    public BackupException()
    {
    }

    public BackupException(string message)
        : base(message)
    {
    }

    public BackupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
