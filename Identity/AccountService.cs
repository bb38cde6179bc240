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
    public sealed record SignedIn(Account Account, IssuedToken Token) : SignInResult;

    /// <summary>The phone is unknown or the password wrong.</summary>
    public sealed record Refused : SignInResult;

    /// <summary>The phone received too many wrong passwords lately (<see cref="SignInLockout"/>); try again after <paramref name="RetryAfter"/>.</summary>
    public sealed record LockedOut(TimeSpan RetryAfter) : SignInResult;
}

public abstract record RegistrationResult
{
    public sealed record Registered(Account Account, IssuedToken Token) : RegistrationResult;

    public sealed record Invalid(FieldErrors Errors) : RegistrationResult;

    public sealed record PhoneTaken : RegistrationResult;
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
    TokenIssuer tokens,
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

        return new RegistrationResult.Registered(account, tokens.Issue(account));
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
            await db.SaveChangesAsync(cancellationToken);
        }

        return new SignInResult.SignedIn(account, tokens.Issue(account));
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
            existing.Role = Role.Admin;
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }

        db.Accounts.Add(NewAccount(phone, admin.Password, Role.Admin, "Quản trị viên"));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public string RevealPhone(Account account) => protector.Decrypt(account.PhoneCiphertext);

    public static void ValidatePassword(string? password, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add("password", "Required.");
            return;
        }

        errors.When(
            password.Length < MinPasswordLength || password.Length > MaxPasswordLength,
            "password",
            $"Must be {MinPasswordLength} to {MaxPasswordLength} characters.");
        errors.When(
            !password.Any(char.IsLetter) || !password.Any(char.IsDigit),
            "password",
            "Must contain at least one letter and one digit.");
    }

    private Account NewAccount(string phone, string password, Role role, string displayName)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var account = new Account
        {
            PhoneLookupHash = protector.LookupHash(phone),
            PhoneCiphertext = protector.Encrypt(phone),
            Role = role,
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
