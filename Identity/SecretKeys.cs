using System.Security.Cryptography;

namespace DongNai.Identity;

/// <summary>The four 32-byte keys the service needs, from configuration or from key files it creates once.</summary>
/// <param name="Signing">Signs access tokens.</param>
/// <param name="PhoneHash">Keys the phone-number lookup hash.</param>
/// <param name="PersonalData">Encrypts personal data at rest.</param>
/// <param name="OwnerHandle">Keys the public owner handles of listings (<see cref="OwnerHandles"/>); replacing it changes every handle.</param>
public sealed record SecretKeys(byte[] Signing, byte[] PhoneHash, byte[] PersonalData, byte[] OwnerHandle)
{
    /// <summary>
    /// A 32-byte key for one purpose (cursors, QR tokens, redemption codes), derived from
    /// <see cref="Signing"/> with HKDF-SHA256 and <paramref name="purpose"/> as its info, so the service
    /// keeps no more key files; replacing the signing key replaces every derived key.
    /// </summary>
    public byte[] DeriveFromSigning(byte[] purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Signing, 32, info: purpose);

    public static SecretKeys Load(AuthOptions options, string keyFolder) => new(
        Resolve(options.SigningKey, Path.Combine(keyFolder, "signing.key")),
        Resolve(options.PhoneHashKey, Path.Combine(keyFolder, "phone-hash.key")),
        Resolve(options.PersonalDataKey, Path.Combine(keyFolder, "personal-data.key")),
        Resolve(options.OwnerHandleKey, Path.Combine(keyFolder, "owner-handle.key")));

    private static byte[] Resolve(string? configured, string file)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var key = Convert.FromBase64String(configured);
            return key.Length == 32 ? key : throw new InvalidOperationException($"A configured key must be 32 bytes, base64; the one for {Path.GetFileName(file)} is {key.Length}.");
        }

        if (File.Exists(file))
        {
            var stored = Convert.FromBase64String(File.ReadAllText(file).Trim());
            return stored.Length == 32 ? stored : throw new InvalidOperationException($"Key file {file} does not hold 32 bytes.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var created = RandomNumberGenerator.GetBytes(32);
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, Convert.ToBase64String(created));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, file, overwrite: false);
        return created;
    }
}
