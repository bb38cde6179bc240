using System.Security.Cryptography;

namespace DongNai.Identity;

/// <summary>The three 32-byte keys the service needs, from configuration or from key files it creates once.</summary>
public sealed record SecretKeys(byte[] Signing, byte[] PhoneHash, byte[] PersonalData)
{
    public static SecretKeys Load(AuthOptions options, string keyFolder) => new(
        Resolve(options.SigningKey, Path.Combine(keyFolder, "signing.key")),
        Resolve(options.PhoneHashKey, Path.Combine(keyFolder, "phone-hash.key")),
        Resolve(options.PersonalDataKey, Path.Combine(keyFolder, "personal-data.key")));

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
