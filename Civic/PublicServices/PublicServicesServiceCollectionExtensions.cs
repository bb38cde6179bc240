using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Civic.PublicServices;

public static class PublicServicesServiceCollectionExtensions
{
    /// <summary>Registers the public-service applications. Needs the accounts' and identity services (<c>AddAccounts</c>) and a <see cref="TimeProvider"/>.</summary>
    public static IServiceCollection AddPublicServices(this IServiceCollection services)
    {
        services.AddScoped<PublicServiceApplications>();
        return services;
    }
}
