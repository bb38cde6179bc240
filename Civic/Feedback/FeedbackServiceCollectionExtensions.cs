using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Civic.Feedback;

public static class FeedbackServiceCollectionExtensions
{
    /// <summary>
    /// Registers citizen feedback: the service, the routing table, the IOC feed and the overdue job.
    /// Needs an <see cref="IFeedbackNotices"/>, the accounts' verification gate, the place catalog
    /// and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddCivicFeedback(this IServiceCollection services, FeedbackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddScoped<FeedbackRouting>();
        services.AddScoped<FeedbackService>();
        services.AddScoped<IocFeed>();
        services.AddScoped<FeedbackOverdueJob>();
        return services;
    }
}
