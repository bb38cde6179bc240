using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace DongNai.Bench;

/// <summary>What the run happened on: the figures mean nothing without it.</summary>
internal sealed record MachineInfo(
    int Cores,
    string CpuModel,
    double MemoryGiB,
    double MemoryAvailableGiB,
    string LoadAverage,
    string OperatingSystem,
    string Runtime,
    string Commit,
    string FreeH)
{
    /// <summary>Tracked files that differed from the commit when the run started (their paths).</summary>
    public IReadOnlyList<string> UncommittedFiles { get; init; } = [];

    public bool WorkingTreeDirty => UncommittedFiles.Count > 0;
}

internal static class Machine
{
    public static MachineInfo Describe(string repositoryRoot)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : RuntimeInformation.ProcessArchitecture.ToString();
        var memory = MemInfo();
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(line => line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"') ?? RuntimeInformation.OSDescription
            : RuntimeInformation.OSDescription;
        var commit = Run("git", ["-C", repositoryRoot, "rev-parse", "--short", "HEAD"]).Trim();
        var uncommitted = Run("git", ["-C", repositoryRoot, "status", "--porcelain", "--untracked-files=no"])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 2, StringSplitOptions.TrimEntries)[^1])
            .ToList();
        return new MachineInfo(
            Environment.ProcessorCount,
            cpu,
            Math.Round(memory.GetValueOrDefault("MemTotal") / 1024.0 / 1024.0, 1),
            Math.Round(memory.GetValueOrDefault("MemAvailable") / 1024.0 / 1024.0, 1),
            File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "",
            os,
            RuntimeInformation.FrameworkDescription,
            commit.Length > 0 ? commit : "unknown",
            Run("free", ["-h"]).TrimEnd())
        {
            UncommittedFiles = uncommitted,
        };
    }

    /// <summary>Runs a small command and returns its standard output, or "" when it cannot run.</summary>
    public static string Run(string file, IEnumerable<string> arguments)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }

    private static Dictionary<string, long> MemInfo()
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!File.Exists("/proc/meminfo"))
        {
            return values;
        }

        foreach (var line in File.ReadLines("/proc/meminfo"))
        {
            var parts = line.Split(':', 2);
            if (parts.Length == 2 && long.TryParse(parts[1].Trim().Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
            {
                values[parts[0]] = kb;
            }
        }

        return values;
    }
}

/// <summary>Resident memory of a process from /proc (Linux): current, and the high-water mark since start or the last reset.</summary>
internal static class ProcessMemory
{
    public static long PeakBytes(int pid) => Status(pid, "VmHWM:");

    public static long CurrentBytes(int pid) => Status(pid, "VmRSS:");

    /// <summary>Resets the high-water mark to the current size (writes 5 to clear_refs, Linux 4.0+), so a phase's own peak can be read.</summary>
    public static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long Status(int pid, string key)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path))
        {
            return 0;
        }

        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process has just ended.
        }

        return 0;
    }
}
