using System.Security.Cryptography;

namespace DongNai.Civic.PublicServices;

/// <summary>Tracking codes: random 12-digit numbers (no leading zero), so that one code tells nothing of the others or of how many exist.</summary>
public static class TrackingCodes
{
    public const long Min = 100_000_000_000;
    public const long Max = 999_999_999_999;

    public static long New() => RandomNumberGenerator.GetInt32(100_000, 1_000_000) * 1_000_000L + RandomNumberGenerator.GetInt32(0, 1_000_000);

    public static bool IsWellFormed(long code) => code is >= Min and <= Max;
}
