using System.Security.Cryptography;
using System.Text;

namespace DongNai.Payments.Gateways;

/// <summary>
/// The HMAC signatures the gateways use, as lower-case hex over the UTF-8 bytes of the signed text,
/// and their constant-time check. Pure and thread-safe.
/// </summary>
public static class GatewaySignature
{
    public static string HmacSha512Hex(string secret, string data) =>
        Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(data)));

    public static string HmacSha256Hex(string secret, string data) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(data)));

    /// <summary>
    /// Whether <paramref name="given"/> is the hex of <paramref name="expectedHex"/>'s bytes, in
    /// either case, compared in constant time so that the time taken tells an attacker nothing about
    /// how much of a forged signature was right. False for null or anything that is not hex of the right length.
    /// </summary>
    public static bool HexEquals(string expectedHex, string? given)
    {
        if (given is null || given.Length != expectedHex.Length || given.Length % 2 != 0)
        {
            return false;
        }

        byte[] givenBytes;
        try
        {
            givenBytes = Convert.FromHexString(given);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Convert.FromHexString(expectedHex), givenBytes);
    }
}
