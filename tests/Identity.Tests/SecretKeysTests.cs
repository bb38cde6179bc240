namespace DongNai.Identity.Tests;

public sealed class SecretKeysTests : IDisposable
{
    private static readonly string[] KeyFiles = ["signing.key", "phone-hash.key", "personal-data.key", "owner-handle.key"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dongnai-identity-tests", Guid.NewGuid().ToString("N"), "keys");

    [Fact]
    public void Load_CreatesFourDistinct32ByteKeys_InFilesOnlyTheOwnerCanReadAndWrite()
    {
        var keys = SecretKeys.Load(new AuthOptions(), _folder);

        Assert.All([keys.Signing, keys.PhoneHash, keys.PersonalData, keys.OwnerHandle], key => Assert.Equal(32, key.Length));
        Assert.Equal(4, new[] { keys.Signing, keys.PhoneHash, keys.PersonalData, keys.OwnerHandle }.Select(Convert.ToBase64String).Distinct().Count());
        Assert.Equal(KeyFiles.Order(), Directory.EnumerateFiles(_folder).Select(Path.GetFileName).Order());
        foreach (var file in KeyFiles)
        {
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, file)));
            }
        }
    }

    [Fact]
    public void Load_ReadsBackTheSameKeys_WhenTheFolderAlreadyHoldsThem()
    {
        var first = SecretKeys.Load(new AuthOptions(), _folder);
        var written = KeyFiles.Select(file => File.ReadAllText(Path.Combine(_folder, file))).ToList();

        var second = SecretKeys.Load(new AuthOptions(), _folder);

        Assert.Equal(first.Signing, second.Signing);
        Assert.Equal(first.PhoneHash, second.PhoneHash);
        Assert.Equal(first.PersonalData, second.PersonalData);
        Assert.Equal(first.OwnerHandle, second.OwnerHandle);
        Assert.Equal(written, KeyFiles.Select(file => File.ReadAllText(Path.Combine(_folder, file))));
    }

    [Fact]
    public void Load_UsesAConfiguredKey_AndWritesNoFileForIt()
    {
        var configured = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

        var keys = SecretKeys.Load(new AuthOptions { PhoneHashKey = Convert.ToBase64String(configured) }, _folder);

        Assert.Equal(configured, keys.PhoneHash);
        Assert.False(File.Exists(Path.Combine(_folder, "phone-hash.key")));
        Assert.True(File.Exists(Path.Combine(_folder, "signing.key")));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void Load_Throws_WhenAConfiguredKeyIsNot32Bytes(int length)
    {
        var options = new AuthOptions { SigningKey = Convert.ToBase64String(new byte[length]) };

        var load = () => SecretKeys.Load(options, _folder);

        var error = Assert.Throws<InvalidOperationException>(load);
        Assert.Contains("signing.key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Throws_WhenAConfiguredKeyIsNotBase64()
    {
        var options = new AuthOptions { PersonalDataKey = "not base64 at all!" };

        var load = () => SecretKeys.Load(options, _folder);

        Assert.Throws<FormatException>(load);
    }

    [Fact]
    public void Load_Throws_WhenAKeyFileDoesNotHold32Bytes()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "personal-data.key"), Convert.ToBase64String(new byte[24]));

        var load = () => SecretKeys.Load(new AuthOptions(), _folder);

        Assert.Throws<InvalidOperationException>(load);
    }

    public void Dispose()
    {
        var root = Path.GetDirectoryName(_folder)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
