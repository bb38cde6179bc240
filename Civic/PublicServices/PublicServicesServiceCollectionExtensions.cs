using DongNai.Payments.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Civic.PublicServices;

public static class PublicServicesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the public-service applications and the fulfilment of their fee orders. Needs the
    /// accounts' and identity services (<c>AddAccounts</c>), the payments module (<c>AddPayments</c>:
    /// <see cref="OrderWorkflow"/>) and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddPublicServices(this IServiceCollection services)
    {
        services.AddScoped<PublicServiceApplications>();
        services.AddSingleton<IOrderFulfilment, PublicServiceFeeFulfilment>();
        return services;
    }
}
