using System.Text;
using DongNai.Domain;
using DongNai.Domain.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DongNai.Identity.Tests;

/// <summary>Registration and sign-in over a real SQLite file, each call through its own context as a request would.</summary>
public sealed class AccountServiceTests : IDisposable
{
    private const string Password = "matkhau123";
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    private readonly TempSqliteDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly AuthOptions _options = new() { AccessTokenLifetime = TimeSpan.FromMinutes(15), RefreshTokenLifetime = TimeSpan.FromDays(30) };
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
    public async Task Register_IssuesTokensForTheNewAccount_ExpiringAfterTheConfiguredLifetimes()
    {
        _clock.Advance(TimeSpan.FromMinutes(5));

        var result = await RegisterAsync(new Registration("0912345678", Password, "Trần Thị Bình", Role.Employer));

        var registered = Assert.IsType<RegistrationResult.Registered>(result);
        var now = Start.UtcDateTime + TimeSpan.FromMinutes(5);
        Assert.Equal(Role.Employer, registered.Account.Role);
        Assert.Equal(now + TimeSpan.FromMinutes(15), registered.Tokens.AccessTokenExpiresAt);
        Assert.Equal(now + TimeSpan.FromDays(30), registered.Tokens.RefreshTokenExpiresAt);
        Assert.False(string.IsNullOrEmpty(registered.Tokens.AccessToken));
    }

    [Fact]
    public async Task Register_GivesTheAccountARandomStamp_AndStoresTheRefreshTokenOnlyAsItsSha256Hash()
    {
        var first = Assert.IsType<RegistrationResult.Registered>(await RegisterAsync(new Registration("0912345678", Password, "Trần Thị Bình", null)));
        var second = Assert.IsType<RegistrationResult.Registered>(await RegisterAsync(new Registration("0987654321", Password, "Lê Văn Cường", null)));

        await using var db = _database.NewContext();
        var stamps = await db.Accounts.Select(a => a.SecurityStamp).ToListAsync();
        var stored = await db.RefreshTokens.SingleAsync(t => t.AccountId == first.Account.Id);
        Assert.Equal(2, stamps.Distinct(StringComparer.Ordinal).Count());
        Assert.All(stamps, stamp => Assert.Equal(22, stamp.Length));
        Assert.Equal(43, first.Tokens.RefreshToken.Length);
        Assert.NotEqual(first.Tokens.RefreshToken, second.Tokens.RefreshToken);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(first.Tokens.RefreshToken)), stored.TokenHash);
        Assert.Equal(Start.UtcDateTime + TimeSpan.FromDays(30), stored.ExpiresAt);
        Assert.Null(stored.UsedAt);
        Assert.Null(stored.RevokedAt);
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
        Assert.Equal(Start.UtcDateTime + TimeSpan.FromMinutes(15), signedIn.Tokens.AccessTokenExpiresAt);
    }

    [Fact]
    public async Task SignIn_StartsANewSession_BesideTheRegistrationsOne()
    {
        var registered = Assert.IsType<RegistrationResult.Registered>(await RegisterAsync(new Registration("0912345678", Password, "Trần Thị Bình", null)));

        var signedIn = Assert.IsType<SignInResult.SignedIn>(await SignInAsync("0912345678", Password));

        await using var db = _database.NewContext();
        var families = await db.RefreshTokens.Select(t => t.FamilyId).ToListAsync();
        Assert.Equal(2, families.Distinct().Count());
        Assert.NotEqual(registered.Tokens.RefreshToken, signedIn.Tokens.RefreshToken);
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
    public async Task EnsureAdmin_PromotesAnExistingAccountWithThatPhone_WithoutCreatingAnother_AndReplacesItsStamp()
    {
        var registered = Assert.IsType<RegistrationResult.Registered>(await RegisterAsync(new Registration("0900000009", Password, "Trần Thị Bình", null)));

        var created = await WithServiceAsync(service => service.EnsureAdminAsync(new AdminOptions { Phone = "+84900000009", Password = "QuanTri@2026" }, CancellationToken.None));

        Assert.False(created);
        await using var db = _database.NewContext();
        var account = await db.Accounts.SingleAsync();
        Assert.Equal(Role.Admin, account.Role);
        Assert.NotEqual(registered.Account.SecurityStamp, account.SecurityStamp);
    }

    [Fact]
    public async Task ChangeRole_ReplacesTheStamp_OnlyWhenTheRoleChanges()
    {
        var registered = Assert.IsType<RegistrationResult.Registered>(await RegisterAsync(new Registration("0912345678", Password, "Trần Thị Bình", Role.Employer)));
        var original = registered.Account.SecurityStamp;

        var same = await WithServiceAsync(service => service.ChangeRoleAsync(registered.Account.Id, Role.Employer, CancellationToken.None));
        var stampAfterSame = await StampAsync(registered.Account.Id);
        var demoted = await WithServiceAsync(service => service.ChangeRoleAsync(registered.Account.Id, Role.Worker, CancellationToken.None));
        var unknown = await WithServiceAsync(service => service.ChangeRoleAsync(registered.Account.Id + 100, Role.Worker, CancellationToken.None));

        Assert.True(same);
        Assert.Equal(original, stampAfterSame);
        Assert.True(demoted);
        Assert.NotEqual(original, await StampAsync(registered.Account.Id));
        Assert.False(unknown);
    }

    [Fact]
    public async Task ChangePassword_ReplacesThePasswordAndStamp_AndEndsEveryEarlierSession()
    {
        var registered = Assert.IsType<RegistrationResult.Registered>(await RegisterAsync(new Registration("0912345678", Password, "Trần Thị Bình", null)));
        var signedIn = Assert.IsType<SignInResult.SignedIn>(await SignInAsync("0912345678", Password));

        var result = await WithServiceAsync(service => service.ChangePasswordAsync(registered.Account.Id, Password, "matkhaumoi456", CancellationToken.None));

        var changed = Assert.IsType<PasswordChangeResult.Changed>(result);
        Assert.NotEqual(registered.Account.SecurityStamp, await StampAsync(registered.Account.Id));
        Assert.IsType<SignInResult.Refused>(await SignInAsync("0912345678", Password));
        Assert.IsType<SignInResult.SignedIn>(await SignInAsync("0912345678", "matkhaumoi456"));
        Assert.IsType<RefreshResult.Refused>(await RefreshAsync(registered.Tokens.RefreshToken));
        Assert.IsType<RefreshResult.Refused>(await RefreshAsync(signedIn.Tokens.RefreshToken));
        Assert.IsType<RefreshResult.Refreshed>(await RefreshAsync(changed.Tokens.RefreshToken));
    }

    [Fact]
    public async Task ChangePassword_NamesCurrentPassword_WhenItIsWrong_AndChangesNothing()
    {
        var registered = Assert.IsType<RegistrationResult.Registered>(await RegisterAsync(new Registration("0912345678", Password, "Trần Thị Bình", null)));

        var result = await WithServiceAsync(service => service.ChangePasswordAsync(registered.Account.Id, "saimatkhau1", "matkhaumoi456", CancellationToken.None));

        var invalid = Assert.IsType<PasswordChangeResult.Invalid>(result);
        Assert.Equal(["currentPassword"], invalid.Errors.ToDictionary().Keys);
        Assert.Equal(registered.Account.SecurityStamp, await StampAsync(registered.Account.Id));
        Assert.IsType<SignInResult.SignedIn>(await SignInAsync("0912345678", Password));
    }

    [Fact]
    public async Task ChangePassword_NamesEachMissingOrWeakField_WithoutCheckingTheCurrentPassword()
    {
        var registered = Assert.IsType<RegistrationResult.Registered>(await RegisterAsync(new Registration("0912345678", Password, "Trần Thị Bình", null)));

        var result = await WithServiceAsync(service => service.ChangePasswordAsync(registered.Account.Id, "", "yeu", CancellationToken.None));

        var invalid = Assert.IsType<PasswordChangeResult.Invalid>(result);
        Assert.Equal(["currentPassword", "newPassword"], invalid.Errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, _lockout.TrackedPhones);
    }

    [Fact]
    public async Task ChangePassword_IsLockedOut_AfterAsManyWrongCurrentPasswordsAsSignInAllows()
    {
        var registered = Assert.IsType<RegistrationResult.Registered>(await RegisterAsync(new Registration("0912345678", Password, "Trần Thị Bình", null)));
        var attempts = new List<PasswordChangeResult>();
        for (var i = 0; i < new SignInLockoutOptions().MaxFailures; i++)
        {
            attempts.Add(await WithServiceAsync(service => service.ChangePasswordAsync(registered.Account.Id, $"doanmo{i}abc", "matkhaumoi456", CancellationToken.None)));
        }

        var withTheRightPassword = await WithServiceAsync(service => service.ChangePasswordAsync(registered.Account.Id, Password, "matkhaumoi456", CancellationToken.None));
        var signIn = await SignInAsync("0912345678", Password);

        Assert.All(attempts, attempt => Assert.IsType<PasswordChangeResult.Invalid>(attempt));
        Assert.IsType<PasswordChangeResult.LockedOut>(withTheRightPassword);
        Assert.IsType<SignInResult.LockedOut>(signIn);
    }

    public void Dispose() => _database.Dispose();

    private Task<RegistrationResult> RegisterAsync(Registration registration) =>
        WithServiceAsync(service => service.RegisterAsync(registration, CancellationToken.None));

    private Task<SignInResult> SignInAsync(string phone, string password) =>
        WithServiceAsync(service => service.SignInAsync(phone, password, CancellationToken.None));

    private Task<RefreshResult> RefreshAsync(string refreshToken) =>
        WithSessionsAsync(sessions => sessions.RefreshAsync(refreshToken, CancellationToken.None));

    private async Task<string> StampAsync(long accountId)
    {
        await using var db = _database.NewContext();
        return await db.Accounts.Where(a => a.Id == accountId).Select(a => a.SecurityStamp).SingleAsync();
    }

    private async Task<T> WithServiceAsync<T>(Func<AccountService, Task<T>> call)
    {
        await using AppDbContext db = _database.NewContext();
        var service = new AccountService(db, _protector, new PasswordHasher<Account>(), Sessions(db), _lockout, _clock);
        return await call(service);
    }

    private async Task<T> WithSessionsAsync<T>(Func<SessionService, Task<T>> call)
    {
        await using AppDbContext db = _database.NewContext();
        return await call(Sessions(db));
    }

    private SessionService Sessions(AppDbContext db) =>
        new(db, new TokenIssuer(_options, _keys, _clock), _options, _clock, NullLogger<SessionService>.Instance);

    private static byte[] Key(byte seed) => [.. Enumerable.Range(0, 32).Select(i => (byte)((i * 13) + seed))];
}
