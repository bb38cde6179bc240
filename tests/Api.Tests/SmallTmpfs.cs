using System.Diagnostics;

namespace DongNai.Api.Tests;

/// <summary>
/// A small tmpfs mounted over a folder, so a test can fill a real file system to the last byte
/// (a ballast file written until the kernel answers "No space left on device") and free it again.
/// Needs Linux and the right to mount (root, or CAP_SYS_ADMIN); see <see cref="MountFactAttribute"/>.
/// Unmounts on dispose; dispose whatever writes into it first.
/// </summary>
public sealed class SmallTmpfs : IDisposable
{
    private readonly string _path;
    private readonly string _ballast;

    private SmallTmpfs(string path)
    {
        _path = path;
        _ballast = Path.Combine(path, "ballast");
    }

    /// <summary>Bytes the ballast took the last time the file system was filled.</summary>
    public long BallastBytes { get; private set; }

    /// <summary>Creates <paramref name="path"/> and mounts a tmpfs of <paramref name="megabytes"/> MiB over it.</summary>
    public static SmallTmpfs Mount(string path, int megabytes)
    {
        Directory.CreateDirectory(path);
        var (exitCode, output) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        return exitCode == 0 ? new SmallTmpfs(path) : throw new InvalidOperationException($"mount failed ({exitCode}): {output}");
    }

    /// <summary>
    /// Null when a tmpfs can be mounted here (tried once per process, on a scratch folder), else why not.
    /// </summary>
    public static string? WhyNotMountable() => s_whyNot.Value;

    private static readonly Lazy<string?> s_whyNot = new(() =>
    {
        if (!OperatingSystem.IsLinux())
        {
            return "mounting a tmpfs needs Linux";
        }

        var scratch = Path.Combine(Path.GetTempPath(), "dongnai-tmpfs-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (Mount(scratch, megabytes: 1))
            {
            }

            return null;
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return $"cannot mount a tmpfs here ({exception.Message.Trim()}); the injected full disk covers the same behaviour";
        }
        finally
        {
            try
            {
                Directory.Delete(scratch);
            }
            catch (IOException)
            {
            }
        }
    });

    /// <summary>Writes the ballast until the file system is full.</summary>
    public void Fill()
    {
        var chunk = new byte[64 * 1024];
        using var stream = new FileStream(_ballast, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 1);
        try
        {
            while (true)
            {
                stream.Write(chunk);
            }
        }
        catch (IOException)
        {
            // Full. A smaller write may still fit in the last page; fill it too.
        }

        try
        {
            while (true)
            {
                stream.Write(chunk.AsSpan(0, 512));
            }
        }
        catch (IOException)
        {
        }

        BallastBytes = stream.Length;
    }

    /// <summary>Removes the ballast: room again.</summary>
    public void MakeRoom() => File.Delete(_ballast);

    public void Dispose()
    {
        // Lazily, so that a file something still holds open cannot keep the mount (and the temp folder) behind.
        Run("umount", "-l", _path);
    }

    private static (int ExitCode, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}

/// <summary>A fact that mounts a small tmpfs (<see cref="SmallTmpfs"/>); skipped, with the reason, where that is not allowed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MountFactAttribute : FactAttribute
{
    public MountFactAttribute()
    {
        if (SmallTmpfs.WhyNotMountable() is { } reason)
        {
            Skip = reason;
        }
    }
}
