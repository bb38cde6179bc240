using System.Security.Cryptography;
using System.Text;

namespace DongNai.Identity;

/// <summary>
/// Protects personal data at rest, as Law 91/2025/QH15 asks: a keyed hash (HMAC-SHA256) to find a
/// record by a value without storing it, and authenticated encryption (AES-256-GCM, random nonce) to
/// show the value back to its owner. Both keys are 32 bytes and must survive restarts, or stored
/// values become unreadable. Thread-safe.
/// </summary>
public sealed class PersonalDataProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _hashKey;
    private readonly byte[] _encryptionKey;

    public PersonalDataProtector(byte[] hashKey, byte[] encryptionKey)
    {
        if (hashKey.Length != 32 || encryptionKey.Length != 32)
        {
            throw new ArgumentException("Personal data keys must be 32 bytes each.");
        }

        _hashKey = hashKey;
        _encryptionKey = encryptionKey;
    }

    public byte[] LookupHash(string value) => HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(value));

    public byte[] Encrypt(string value) => Encrypt(Encoding.UTF8.GetBytes(value));

    /// <summary>Encrypts binary data (an ID card photo, say): a fresh random nonce each call, so equal inputs give different outputs.</summary>
    public byte[] Encrypt(ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return output;
    }

    /// <exception cref="CryptographicException">The ciphertext was altered or made with another key.</exception>
    public string Decrypt(byte[] ciphertext) => Encoding.UTF8.GetString(DecryptBytes(ciphertext));

    /// <exception cref="CryptographicException">The ciphertext was altered or made with another key.</exception>
    public byte[] DecryptBytes(byte[] ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        if (ciphertext.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("Ciphertext is too short.");
        }

        var plaintext = new byte[ciphertext.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Decrypt(
            ciphertext.AsSpan(0, NonceSize),
            ciphertext.AsSpan(NonceSize + TagSize),
            ciphertext.AsSpan(NonceSize, TagSize),
            plaintext);
        return plaintext;
    }
}
