using System.Buffers.Text;
using System.Security.Cryptography;

namespace DongNai.Identity;

/// <summary>
/// Security stamps (<see cref="Domain.People.Account.SecurityStamp"/>): 128 random bits, base64url.
/// Every access token carries its account's stamp in <see cref="ClaimType"/>, and a token whose
/// stamp is no longer the account's is refused on its next request (see <see cref="AccessTokenValidation"/>).
/// </summary>
public static class SecurityStamps
{
    /// <summary>The JWT claim that carries the stamp.</summary>
    public const string ClaimType = "stamp";

    /// <summary>A new random stamp; replacing an account's stamp with it revokes its access tokens.</summary>
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
