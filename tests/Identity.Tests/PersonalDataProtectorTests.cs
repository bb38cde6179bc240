using System.Security.Cryptography;
using System.Text;

namespace DongNai.Identity.Tests;

public sealed class PersonalDataProtectorTests
{
    private static readonly byte[] HashKey = Key(1);
    private static readonly byte[] EncryptionKey = Key(2);

    [Fact]
    public void LookupHash_IsTheSame_ForEqualInputAcrossInstancesWithTheSameKey()
    {
        var first = new PersonalDataProtector(HashKey, EncryptionKey);
        var second = new PersonalDataProtector((byte[])HashKey.Clone(), Key(3));

        var a = first.LookupHash("+84912345678");
        var b = second.LookupHash("+84912345678");

        Assert.Equal(32, a.Length);
        Assert.Equal(a, b);
    }

    [Fact]
    public void LookupHash_Differs_ForAnotherHashKey()
    {
        var first = new PersonalDataProtector(HashKey, EncryptionKey);
        var second = new PersonalDataProtector(Key(3), EncryptionKey);

        var a = first.LookupHash("+84912345678");
        var b = second.LookupHash("+84912345678");

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void LookupHash_Differs_ForAnotherValue()
    {
        var protector = new PersonalDataProtector(HashKey, EncryptionKey);

        var a = protector.LookupHash("+84912345678");
        var b = protector.LookupHash("+84912345679");

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void LookupHash_IsHmacSha256OfTheUtf8Value_SoItIsNotThePlainSha256()
    {
        var protector = new PersonalDataProtector(HashKey, EncryptionKey);

        var hash = protector.LookupHash("Nguyễn Văn An");

        Assert.Equal(HMACSHA256.HashData(HashKey, Encoding.UTF8.GetBytes("Nguyễn Văn An")), hash);
        Assert.NotEqual(SHA256.HashData(Encoding.UTF8.GetBytes("Nguyễn Văn An")), hash);
    }

    [Theory]
    [InlineData("+84912345678")]
    [InlineData("Nguyễn Thị Hoà, KCN Amata, Biên Hòa")]
    [InlineData("")]
    public void Decrypt_ReturnsTheValue_ThatEncryptProtected(string value)
    {
        var protector = new PersonalDataProtector(HashKey, EncryptionKey);

        var ciphertext = protector.Encrypt(value);
        var plaintext = new PersonalDataProtector(HashKey, (byte[])EncryptionKey.Clone()).Decrypt(ciphertext);

        Assert.Equal(value, plaintext);
    }

    [Fact]
    public void Encrypt_GivesADifferentCiphertextEachCall_ThatDoesNotContainTheValue()
    {
        var protector = new PersonalDataProtector(HashKey, EncryptionKey);
        var value = "+84912345678";

        var first = protector.Encrypt(value);
        var second = protector.Encrypt(value);

        Assert.NotEqual(first, second);
        Assert.NotEqual(first.AsSpan(0, 12).ToArray(), second.AsSpan(0, 12).ToArray());
        Assert.Equal(-1, first.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)));
    }

    [Theory]
    [InlineData(0)] // nonce
    [InlineData(12)] // tag
    [InlineData(28)] // first byte of the encrypted value
    [InlineData(-1)] // last byte
    public void Decrypt_Throws_WhenAnyByteOfTheCiphertextWasChanged(int position)
    {
        var protector = new PersonalDataProtector(HashKey, EncryptionKey);
        var ciphertext = protector.Encrypt("+84912345678");
        var index = position >= 0 ? position : ciphertext.Length + position;
        ciphertext[index] ^= 0x01;

        var decrypt = () => protector.Decrypt(ciphertext);

        Assert.ThrowsAny<CryptographicException>(decrypt);
    }

    [Fact]
    public void Decrypt_Throws_WhenTheCiphertextWasMadeWithAnotherKey()
    {
        var ciphertext = new PersonalDataProtector(HashKey, EncryptionKey).Encrypt("+84912345678");
        var other = new PersonalDataProtector(HashKey, Key(3));

        var decrypt = () => other.Decrypt(ciphertext);

        Assert.ThrowsAny<CryptographicException>(decrypt);
    }

    [Fact]
    public void Decrypt_Throws_WhenTheCiphertextIsShorterThanNonceAndTag()
    {
        var protector = new PersonalDataProtector(HashKey, EncryptionKey);

        var decrypt = () => protector.Decrypt(new byte[27]);

        Assert.ThrowsAny<CryptographicException>(decrypt);
    }

    [Theory]
    [InlineData(16, 32)]
    [InlineData(32, 31)]
    [InlineData(32, 64)]
    public void Constructor_Throws_WhenAKeyIsNot32Bytes(int hashKeyLength, int encryptionKeyLength)
    {
        var create = () => new PersonalDataProtector(new byte[hashKeyLength], new byte[encryptionKeyLength]);

        Assert.Throws<ArgumentException>(create);
    }

    private static byte[] Key(byte seed) => [.. Enumerable.Range(0, 32).Select(i => (byte)((i * 31) + seed))];
}
