using System.Text;
using DongNai.Domain;
using DongNai.Domain.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DongNai.Identity.Tests;

/// <summary>Registration and sign-in over a real SQLite file, each call through its own context as a request would.</summary>
public sealed class AccountServiceTests : IDisposable
{
    private const string Password = "matkhau123";
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    private readonly TempSqliteDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly AuthOptions _options = new() { TokenLifetime = TimeSpan.FromHours(3) };
    private readonly SecretKeys _keys = new(Key(1), Key(2), Key(3), Key(4));
    private readonly PersonalDataProtector _protector;
    private readonly SignInLockout _lockout;

    public AccountServiceTests()
    {
        _protector = new PersonalDataProtector(_keys.PhoneHash, _keys.PersonalData);
        _lockout = new SignInLockout(new SignInLockoutOptions(), _clock);
    }

    [Fact]
    public async Task Register_StoresThePhoneOnlyAsKeyedHashAndCiphertext_OfItsCanonicalForm()
    {
        var result = await RegisterAsync(new Registration("0912 345 678", Password, "  Trần Thị Bình ", null));

        var registered = Assert.IsType<RegistrationResult.Registered>(result);
        await using var db = _database.NewContext();
        var stored = await db.Accounts.Include(a => a.Profile).SingleAsync();
        Assert.Equal(registered.Account.Id, stored.Id);
        Assert.Equal(_protector.LookupHash("+84912345678"), stored.PhoneLookupHash);
        Assert.Equal("+84912345678", _protector.Decrypt(stored.PhoneCiphertext));
        Assert.Equal(-1, stored.PhoneCiphertext.AsSpan().IndexOf(Encoding.UTF8.GetBytes("912345678")));
        Assert.DoesNotContain("912345678", stored.PasswordHash, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, stored.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(Role.Worker, stored.Role);
        Assert.Equal("Trần Thị Bình", stored.Profile!.DisplayName);
        Assert.Equal(Start.UtcDateTime, stored.CreatedAt);
    }

    [Fact]
    public async Task Register_IssuesATokenForTheNewAccount_ExpiringAfterTheConfiguredLifetime()
    {
        _clock.Advance(TimeSpan.FromMinutes(5));

        var result = await RegisterAsync(new Registration("0912345678", Password, "Trần Thị Bình", Role.Employer));

        var registered = Assert.IsType<RegistrationResult.Registered>(result);
        Assert.Equal(Role.Employer, registered.Account.Role);
        Assert.Equal(Start.UtcDateTime + TimeSpan.FromMinutes(5) + TimeSpan.FromHours(3), registered.Token.ExpiresAt);
        Assert.False(string.IsNullOrEmpty(registered.Token.AccessToken));
    }

    [Theory]
    [InlineData("+84912345678")]
    [InlineData("84 912 345 678")]
    [InlineData("091.234.5678")]
    public async Task Register_RefusesAPhoneAlreadyTaken_WhenTypedInAnotherForm(string sameNumber)
    {
        await RegisterAsync(new Registration("0912345678", Password, "Trần Thị Bình", null));

        var second = await RegisterAsync(new Registration(sameNumber, "khac12345", "Người khác", null));

        Assert.IsType<RegistrationResult.PhoneTaken>(second);
        await using var db = _database.NewContext();
        Assert.Equal(1, await db.Accounts.CountAsync());
    }

    [Fact]
    public async Task Register_ReturnsAnErrorPerInvalidField_AndStoresNothing()
    {
        var result = await RegisterAsync(new Registration("0212345678", "short", " ", Role.Admin));

        var invalid = Assert.IsType<RegistrationResult.Invalid>(result);
        Assert.Equal(["displayName", "password", "phone", "role"], invalid.Errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
        await using var db = _database.NewContext();
        Assert.Equal(0, await db.Accounts.CountAsync());
    }

    [Theory]
    [InlineData("12345678")] // no letter
    [InlineData("matkhaumoi")] // no digit
    [InlineData("abc1234")] // seven characters
    public void ValidatePassword_RefusesPasswordsWithoutALetterAndADigitOrShorterThanEight(string password)
    {
        var errors = new Domain.Validation.FieldErrors();

        AccountService.ValidatePassword(password, errors);

        Assert.Equal(["password"], errors.ToDictionary().Keys);
    }

    [Theory]
    [InlineData("0912345678")]
    [InlineData("+84 912 345 678")]
    public async Task SignIn_ReturnsTheAccountAndAToken_WithTheRightPasswordAndThePhoneInAnyForm(string phone)
    {
        var registered = Assert.IsType<RegistrationResult.Registered>(
            await RegisterAsync(new Registration("0912345678", Password, "Trần Thị Bình", Role.Employer)));

        var signedIn = Assert.IsType<SignInResult.SignedIn>(await SignInAsync(phone, Password));

        Assert.Equal(registered.Account.Id, signedIn.Account.Id);
        Assert.Equal(Role.Employer, signedIn.Account.Role);
        Assert.Equal(Start.UtcDateTime + TimeSpan.FromHours(3), signedIn.Token.ExpiresAt);
    }

    [Theory]
    [InlineData("0912345678", "matkhau124")] // wrong password
    [InlineData("0912345678", "MATKHAU123")] // passwords are case-sensitive
    [InlineData("0912345678", "")]
    [InlineData("0987654321", Password)] // unknown phone
    [InlineData("not a phone", Password)]
    public async Task SignIn_Refuses_WhenThePasswordIsWrongOrThePhoneUnknown(string phone, string password)
    {
        await RegisterAsync(new Registration("0912345678", Password, "Trần Thị Bình", null));

        var signedIn = await SignInAsync(phone, password);

        Assert.IsType<SignInResult.Refused>(signedIn);
    }

    [Fact]
    public async Task EnsureAdmin_CreatesTheAdminOnce_AndItCanSignIn()
    {
        var admin = new AdminOptions { Phone = "0900000009", Password = "QuanTri@2026" };

        var createdFirst = await WithServiceAsync(service => service.EnsureAdminAsync(admin, CancellationToken.None));
        var createdSecond = await WithServiceAsync(service => service.EnsureAdminAsync(admin, CancellationToken.None));
        var signedIn = await SignInAsync("+84900000009", "QuanTri@2026");

        Assert.True(createdFirst);
        Assert.False(createdSecond);
        Assert.Equal(Role.Admin, Assert.IsType<SignInResult.SignedIn>(signedIn).Account.Role);
        await using var db = _database.NewContext();
        Assert.Equal(1, await db.Accounts.CountAsync());
    }

    [Fact]
    public async Task EnsureAdmin_PromotesAnExistingAccountWithThatPhone_WithoutCreatingAnother()
    {
        await RegisterAsync(new Registration("0900000009", Password, "Trần Thị Bình", null));

        var created = await WithServiceAsync(service => service.EnsureAdminAsync(new AdminOptions { Phone = "+84900000009", Password = "QuanTri@2026" }, CancellationToken.None));

        Assert.False(created);
        await using var db = _database.NewContext();
        var account = await db.Accounts.SingleAsync();
        Assert.Equal(Role.Admin, account.Role);
    }

    public void Dispose() => _database.Dispose();

    private Task<RegistrationResult> RegisterAsync(Registration registration) =>
        WithServiceAsync(service => service.RegisterAsync(registration, CancellationToken.None));

    private Task<SignInResult> SignInAsync(string phone, string password) =>
        WithServiceAsync(service => service.SignInAsync(phone, password, CancellationToken.None));

    private async Task<T> WithServiceAsync<T>(Func<AccountService, Task<T>> call)
    {
        await using AppDbContext db = _database.NewContext();
        var service = new AccountService(db, _protector, new PasswordHasher<Account>(), new TokenIssuer(_options, _keys, _clock), _lockout, _clock);
        return await call(service);
    }

    private static byte[] Key(byte seed) => [.. Enumerable.Range(0, 32).Select(i => (byte)((i * 13) + seed))];
}
