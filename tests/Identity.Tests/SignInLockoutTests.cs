using DongNai.Domain;
using DongNai.Domain.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DongNai.Identity.Tests;

/// <summary>The per-phone lockout, through <see cref="AccountService"/> over a real SQLite file, on a fake clock.</summary>
public sealed class SignInLockoutTests : IDisposable
{
    private const string Phone = "0912345678";
    private const string Password = "matkhau123";
    private const string Wrong = "saimatkhau1";
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    private readonly TempSqliteDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly AuthOptions _options = new();
    private readonly SecretKeys _keys = new(Key(1), Key(2), Key(3), Key(4));
    private readonly PersonalDataProtector _protector;
    private readonly SignInLockout _lockout;

    public SignInLockoutTests()
    {
        _protector = new PersonalDataProtector(_keys.PhoneHash, _keys.PersonalData);
        _lockout = new SignInLockout(
            new SignInLockoutOptions { MaxFailures = 5, Window = TimeSpan.FromMinutes(15), FirstLockout = TimeSpan.FromMinutes(1), MaxLockout = TimeSpan.FromMinutes(3) },
            _clock);
    }

    [Fact]
    public async Task SignIn_IsLockedOut_AfterFiveWrongPasswords_EvenWithTheRightOne()
    {
        await RegisterAsync(Phone);
        var wrong = new List<SignInResult>();
        for (var i = 0; i < 5; i++)
        {
            wrong.Add(await SignInAsync(Phone, Wrong));
        }

        var right = await SignInAsync(Phone, Password);

        Assert.All(wrong, result => Assert.IsType<SignInResult.Refused>(result));
        var lockedOut = Assert.IsType<SignInResult.LockedOut>(right);
        Assert.Equal(TimeSpan.FromMinutes(1), lockedOut.RetryAfter);
    }

    [Fact]
    public async Task SignIn_Succeeds_WithTheRightPassword_OnceTheLockoutHasExpired()
    {
        await RegisterAsync(Phone);
        await FailAsync(Phone, 5);
        _clock.Advance(TimeSpan.FromSeconds(59));
        var stillLocked = await SignInAsync(Phone, Password);
        _clock.Advance(TimeSpan.FromSeconds(1));

        var afterwards = await SignInAsync(Phone, Password);

        Assert.Equal(TimeSpan.FromSeconds(1), Assert.IsType<SignInResult.LockedOut>(stillLocked).RetryAfter);
        Assert.IsType<SignInResult.SignedIn>(afterwards);
    }

    [Fact]
    public async Task SignIn_LocksOutForLongerEachTime_UpToTheMaximum()
    {
        await RegisterAsync(Phone);
        var lockouts = new List<TimeSpan>();
        for (var round = 0; round < 4; round++)
        {
            await FailAsync(Phone, 5);
            var refused = Assert.IsType<SignInResult.LockedOut>(await SignInAsync(Phone, Wrong));
            lockouts.Add(refused.RetryAfter);
            _clock.Advance(refused.RetryAfter);
        }

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3)], lockouts);
    }

    [Fact]
    public async Task SignIn_ForgetsTheFailures_AfterTheRightPassword()
    {
        await RegisterAsync(Phone);
        await FailAsync(Phone, 4);
        var signedIn = await SignInAsync(Phone, Password);
        await FailAsync(Phone, 4);

        var next = await SignInAsync(Phone, Password);

        Assert.IsType<SignInResult.SignedIn>(signedIn);
        Assert.IsType<SignInResult.SignedIn>(next);
    }

    [Fact]
    public async Task SignIn_CountsOnlyFailuresWithinTheWindow()
    {
        await RegisterAsync(Phone);
        await FailAsync(Phone, 4);
        _clock.Advance(TimeSpan.FromMinutes(15));
        await FailAsync(Phone, 4);

        var result = await SignInAsync(Phone, Password);

        Assert.IsType<SignInResult.SignedIn>(result);
    }

    [Fact]
    public async Task SignIn_LocksOutAnUnknownPhone_AsItDoesAKnownOne()
    {
        await RegisterAsync(Phone);
        await FailAsync(Phone, 5);
        await FailAsync("0987654321", 5);

        var known = await SignInAsync(Phone, Wrong);
        var unknown = await SignInAsync("0987654321", Wrong);

        Assert.Equal(Assert.IsType<SignInResult.LockedOut>(known).RetryAfter, Assert.IsType<SignInResult.LockedOut>(unknown).RetryAfter);
    }

    [Fact]
    public async Task SignIn_LocksOutOnePhone_WithoutTouchingAnother()
    {
        await RegisterAsync(Phone);
        await RegisterAsync("0912345679");
        await FailAsync(Phone, 5);

        var other = await SignInAsync("+84 912 345 679", Password);

        Assert.IsType<SignInResult.SignedIn>(other);
    }

    [Fact]
    public void TryAdmit_KeepsTheTrackedPhonesWithinTheLimit_WhenManyAreTargeted()
    {
        var lockout = new SignInLockout(new SignInLockoutOptions { MaxTrackedPhones = 100 }, _clock);

        for (var i = 0; i < 250; i++)
        {
            lockout.TryAdmit(BitConverter.GetBytes(i));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.InRange(lockout.TrackedPhones, 1, 101);
    }

    public void Dispose() => _database.Dispose();

    private async Task FailAsync(string phone, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.IsType<SignInResult.Refused>(await SignInAsync(phone, Wrong));
        }
    }

    private async Task RegisterAsync(string phone)
    {
        await using AppDbContext db = _database.NewContext();
        Assert.IsType<RegistrationResult.Registered>(await Service(db).RegisterAsync(new Registration(phone, Password, "Trần Thị Bình", null), CancellationToken.None));
    }

    private async Task<SignInResult> SignInAsync(string phone, string password)
    {
        await using AppDbContext db = _database.NewContext();
        return await Service(db).SignInAsync(phone, password, CancellationToken.None);
    }

    private AccountService Service(AppDbContext db) =>
        new(db, _protector, new PasswordHasher<Account>(), new SessionService(db, new TokenIssuer(_options, _keys, _clock), _options, _clock, NullLogger<SessionService>.Instance), _lockout, _clock);

    private static byte[] Key(byte seed) => [.. Enumerable.Range(0, 32).Select(i => (byte)((i * 13) + seed))];
}
