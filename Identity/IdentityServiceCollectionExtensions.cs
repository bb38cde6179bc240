using DongNai.Domain.People;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DongNai.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>Registers accounts, tokens, personal-data protection and JWT bearer authentication over the given options and keys.</summary>
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
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(bearer =>
            {
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(keys.Signing),
                    NameClaimType = "sub",
                    RoleClaimType = RoleNames.ClaimType,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
        services.AddAuthorization();
        return services;
    }
}
