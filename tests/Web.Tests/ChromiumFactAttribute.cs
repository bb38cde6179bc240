namespace DongNai.Web.Tests;

/// <summary>
/// A browser test: skipped, with the command that provides it, when Debian's Chromium is not
/// installed (no browser is downloaded; <c>.ci/run</c> installs it).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
        {
            Skip = $"Needs Chromium at {ChromiumPath}: run `apt-get update && apt-get install -y chromium` (as root), as .ci/run does.";
        }
    }
}
