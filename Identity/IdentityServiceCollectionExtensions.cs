using DongNai.Domain.People;
using DongNai.Identity.Cccd;
using DongNai.Identity.PersonalData;
using DongNai.Identity.Verification;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DongNai.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>The HKDF label of the key that signs personal QR tokens, derived from the signing key (decision 0023).</summary>
    private static readonly byte[] PersonalQrKeyInfo = "dongnai personal qr"u8.ToArray();

    /// <summary>Registers accounts, sessions, tokens, personal-data protection (CCCD cards, verification with the staff review queue as provider, consent, personal QR codes, export, erasure) and JWT bearer authentication (see <see cref="AccessTokenValidation"/>) over the given options and keys.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, AuthOptions options, SecretKeys keys)
    {
        services.AddSingleton(options);
        services.AddSingleton(keys);
        services.AddSingleton(new PersonalDataProtector(keys.PhoneHash, keys.PersonalData));
        services.AddSingleton(new OwnerHandles(keys.OwnerHandle));
        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        services.AddSingleton<TokenIssuer>();
        services.AddOptions<SignInLockoutOptions>();
        services.AddSingleton(provider => new SignInLockout(
            provider.GetRequiredService<IOptions<SignInLockoutOptions>>().Value, provider.GetRequiredService<TimeProvider>()));
        services.AddScoped<AccountService>();
        services.AddScoped<SessionService>();
        services.AddSingleton<CccdQrParser>();
        services.AddScoped<IdentityCardService>();
        services.AddScoped<ConsentService>();
        services.AddScoped<IIdentityVerificationProvider, StaffReviewQueue>();
        services.AddScoped<VerificationService>();
        services.AddScoped<VerificationGate>();
        services.AddScoped<PersonalDataExport>();
        services.AddScoped<AccountErasure>();
        services.AddScoped<Cvs.CvIdentity>();
        services.AddScoped<Cvs.ApplicationService>();
        services.AddScoped<Cvs.ApplicationRetention>();
        services.AddScoped<Cvs.ContactRequestService>();
        services.AddSingleton(new PersonalQr.PersonalQrTokens(keys.DeriveFromSigning(PersonalQrKeyInfo)));
        services.AddScoped<PersonalQr.PersonalQrService>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TimeProvider>((bearer, time) => AccessTokenValidation.Configure(bearer, options, keys, time));
        services.AddAuthorization();
        return services;
    }
}
