using DongNai.Domain.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>Registers accounts, tokens and personal-data protection over the given options and keys.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, AuthOptions options, SecretKeys keys)
    {
        services.AddSingleton(options);
        services.AddSingleton(keys);
        services.AddSingleton(new PersonalDataProtector(keys.PhoneHash, keys.PersonalData));
        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        services.AddSingleton<TokenIssuer>();
        services.AddScoped<AccountService>();
        return services;
    }
}
