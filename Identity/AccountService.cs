using DongNai.Domain;
using DongNai.Domain.People;
using DongNai.Domain.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Identity;

public sealed record Registration(string? Phone, string? Password, string? DisplayName, Role? Role);

/// <summary>What a sign-in attempt came to. A refusal never says whether the phone or the password was wrong.</summary>
public abstract record SignInResult
{
    public sealed record SignedIn(Account Account, SessionTokens Tokens) : SignInResult;

    /// <summary>The phone is unknown or the password wrong.</summary>
    public sealed record Refused : SignInResult;

    /// <summary>The phone received too many wrong passwords lately (<see cref="SignInLockout"/>); try again after <paramref name="RetryAfter"/>.</summary>
    public sealed record LockedOut(TimeSpan RetryAfter) : SignInResult;
}

public abstract record RegistrationResult
{
    public sealed record Registered(Account Account, SessionTokens Tokens) : RegistrationResult;

    public sealed record Invalid(FieldErrors Errors) : RegistrationResult;

    public sealed record PhoneTaken : RegistrationResult;
}

/// <summary>What a password change came to.</summary>
public abstract record PasswordChangeResult
{
    /// <summary>The password is changed, every earlier session ended, and <paramref name="Tokens"/> start a new one.</summary>
    public sealed record Changed(Account Account, SessionTokens Tokens) : PasswordChangeResult;

    /// <summary>A field is missing or invalid, or the current password is wrong (named <c>currentPassword</c>).</summary>
    public sealed record Invalid(FieldErrors Errors) : PasswordChangeResult;

    /// <summary>The account's phone received too many wrong passwords lately (<see cref="SignInLockout"/>); the current password was not checked.</summary>
    public sealed record LockedOut(TimeSpan RetryAfter) : PasswordChangeResult;

    /// <summary>There is no such account (deleted since the token was checked).</summary>
    public sealed record NotFound : PasswordChangeResult;
}

/// <summary>
/// Registration and sign-in with a Vietnamese mobile number and a password. Passwords are hashed
/// with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2-HMAC-SHA512, salted);
/// phones are stored only hashed and encrypted (<see cref="PersonalDataProtector"/>).
/// One instance per request (it holds the request's <see cref="AppDbContext"/>).
/// </summary>
public sealed class AccountService(
    AppDbContext db,
    PersonalDataProtector protector,
    IPasswordHasher<Account> hasher,
    SessionService sessions,
    SignInLockout lockout,
    TimeProvider time)
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;

    /// <summary>Roles a person may choose when registering; agency staff and admins are appointed.</summary>
    public static readonly IReadOnlySet<Role> SelfServiceRoles = new HashSet<Role> { Role.Worker, Role.Employer };

    public async Task<RegistrationResult> RegisterAsync(Registration request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!PhoneNumbers.TryNormalize(request.Phone, out var phone))
        {
            errors.Add("phone", "Must be a Vietnamese mobile number, e.g. 0912345678 or +84912345678.");
        }

        ValidatePassword(request.Password, errors);
        errors.Text(request.DisplayName, "displayName", 2, 100);
        var role = request.Role ?? Role.Worker;
        errors.When(!SelfServiceRoles.Contains(role), "role", "Must be worker or employer.");
        if (!errors.IsEmpty)
        {
            return new RegistrationResult.Invalid(errors);
        }

        var lookup = protector.LookupHash(phone!);
        if (await db.Accounts.AnyAsync(a => a.PhoneLookupHash == lookup, cancellationToken))
        {
            return new RegistrationResult.PhoneTaken();
        }

        var account = NewAccount(phone!, request.Password!, role, request.DisplayName!.Trim());
        db.Accounts.Add(account);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two registrations of one phone may race; the unique index lets exactly one through.
            db.ChangeTracker.Clear();
            if (await db.Accounts.AnyAsync(a => a.PhoneLookupHash == lookup, cancellationToken))
            {
                return new RegistrationResult.PhoneTaken();
            }

            throw;
        }

        return new RegistrationResult.Registered(account, await sessions.StartAsync(account, cancellationToken));
    }

    /// <summary>
    /// Returns the account and a token; or a refusal when the phone is unknown or the password
    /// wrong (callers must not say which); or a lockout when the phone received too many wrong
    /// passwords lately, whoever sent them (the password is then not even checked).
    /// </summary>
    public async Task<SignInResult> SignInAsync(string? phoneInput, string? password, CancellationToken cancellationToken)
    {
        if (!PhoneNumbers.TryNormalize(phoneInput, out var phone) || string.IsNullOrEmpty(password) || password.Length > MaxPasswordLength)
        {
            return new SignInResult.Refused();
        }

        var lookup = protector.LookupHash(phone);
        if (lockout.TryAdmit(lookup) is { } retryAfter)
        {
            return new SignInResult.LockedOut(retryAfter);
        }

        var account = await db.Accounts.FirstOrDefaultAsync(a => a.PhoneLookupHash == lookup, cancellationToken);
        if (account is null)
        {
            // Spend the same work as a real check so response time does not reveal which phones exist.
            hasher.VerifyHashedPassword(new Account(), DummyHash.Value, password);
            return new SignInResult.Refused();
        }

        var verdict = hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            return new SignInResult.Refused();
        }

        lockout.Succeeded(lookup);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = hasher.HashPassword(account, password);
        }

        return new SignInResult.SignedIn(account, await sessions.StartAsync(account, cancellationToken));
    }

    /// <summary>
    /// Changes the password of <paramref name="accountId"/> when <paramref name="currentPassword"/>
    /// is right and <paramref name="newPassword"/> meets the registration rules; then every session
    /// of the account ends (new security stamp, refresh tokens revoked) and a new one starts. Wrong
    /// current passwords count towards the phone's sign-in lockout, so a stolen access token cannot
    /// be used to guess the password faster than sign-in allows.
    /// </summary>
    public async Task<PasswordChangeResult> ChangePasswordAsync(long accountId, string? currentPassword, string? newPassword, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.When(string.IsNullOrEmpty(currentPassword), "currentPassword", "Required.");
        ValidatePassword(newPassword, errors, "newPassword");
        if (!errors.IsEmpty)
        {
            return new PasswordChangeResult.Invalid(errors);
        }

        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return new PasswordChangeResult.NotFound();
        }

        if (lockout.TryAdmit(account.PhoneLookupHash) is { } retryAfter)
        {
            return new PasswordChangeResult.LockedOut(retryAfter);
        }

        if (currentPassword!.Length > MaxPasswordLength
            || hasher.VerifyHashedPassword(account, account.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
        {
            errors.Add("currentPassword", "Wrong password.");
            return new PasswordChangeResult.Invalid(errors);
        }

        lockout.Succeeded(account.PhoneLookupHash);
        account.PasswordHash = hasher.HashPassword(account, newPassword!);
        return new PasswordChangeResult.Changed(account, await sessions.RestartAllAsync(account, cancellationToken));
    }

    /// <summary>
    /// Gives the account <paramref name="role"/>; when that changes its role, also a new security
    /// stamp, so the access tokens issued with the old role are refused from their next request.
    /// Returns false when there is no such account.
    /// </summary>
    public async Task<bool> ChangeRoleAsync(long accountId, Role role, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return false;
        }

        SetRole(account, role);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Creates the configured administrator if no account has that phone yet. Returns true when it created one.</summary>
    public async Task<bool> EnsureAdminAsync(AdminOptions admin, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(admin.Phone) || string.IsNullOrEmpty(admin.Password))
        {
            return false;
        }

        if (!PhoneNumbers.TryNormalize(admin.Phone, out var phone))
        {
            throw new InvalidOperationException("Admin:Phone is not a Vietnamese mobile number.");
        }

        var lookup = protector.LookupHash(phone);
        var existing = await db.Accounts.FirstOrDefaultAsync(a => a.PhoneLookupHash == lookup, cancellationToken);
        if (existing is not null)
        {
            SetRole(existing, Role.Admin);
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }

        db.Accounts.Add(NewAccount(phone, admin.Password, Role.Admin, "Quản trị viên"));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public string RevealPhone(Account account) => protector.Decrypt(account.PhoneCiphertext);

    /// <summary>The rules a new password must meet, errors named <paramref name="field"/>.</summary>
    public static void ValidatePassword(string? password, FieldErrors errors, string field = "password")
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, "Required.");
            return;
        }

        errors.When(
            password.Length < MinPasswordLength || password.Length > MaxPasswordLength,
            field,
            $"Must be {MinPasswordLength} to {MaxPasswordLength} characters.");
        errors.When(
            !password.Any(char.IsLetter) || !password.Any(char.IsDigit),
            field,
            "Must contain at least one letter and one digit.");
    }

    private static void SetRole(Account account, Role role)
    {
        if (account.Role != role)
        {
            account.Role = role;
            account.SecurityStamp = SecurityStamps.New();
        }
    }

    private Account NewAccount(string phone, string password, Role role, string displayName)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var account = new Account
        {
            PhoneLookupHash = protector.LookupHash(phone),
            PhoneCiphertext = protector.Encrypt(phone),
            Role = role,
            SecurityStamp = SecurityStamps.New(),
            CreatedAt = now,
            Profile = new Profile { DisplayName = displayName, UpdatedAt = now },
        };
        account.PasswordHash = hasher.HashPassword(account, password);
        return account;
    }

    private static class DummyHash
    {
        public static readonly string Value = new PasswordHasher<Account>().HashPassword(new Account(), "not-a-real-password-0");
    }
}
