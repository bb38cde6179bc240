using System.Text;
using DongNai.Identity;
using DongNai.Messaging.News;
using DongNai.Messaging.Notifications;
using DongNai.Messaging.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DongNai.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Registers conversations, the inbox, the notifier with the logging push provider (unless an
    /// <see cref="IPushSender"/> is registered already), the spam signal and SignalR. Needs the
    /// accounts' services (<c>AddAccounts</c>) and a <see cref="TimeProvider"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="options">Validated messaging options, with <see cref="MessagingOptions.ImageFolder"/> set.</param>
    /// <param name="keys">The service's keys; the cursor key is derived from the signing key, so cursors need no key of their own.</param>
    public static IServiceCollection AddMessaging(this IServiceCollection services, MessagingOptions options, SecretKeys keys)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keys);
        services.AddSingleton(options);
        services.AddSingleton(new PageCursors(keys.DeriveFromSigning(Encoding.UTF8.GetBytes("dongnai messaging cursors"))));
        services.AddSingleton<SpamGuard>();
        services.TryAddSingleton<IPushSender, LoggingPushSender>();
        services.AddSingleton<ConversationEvents>();
        services.AddScoped<Notifier>();
        services.AddScoped<NotificationInbox>();
        services.AddScoped<ConversationService>();
        services.AddScoped<MessagingSettingsService>();
        services.AddSignalR();
        return services;
    }

    /// <summary>
    /// Registers push delivery: the devices' tokens (<see cref="PushDevices"/>) and, for
    /// <see cref="PushProvider.Fcm"/>, Firebase Cloud Messaging (<see cref="FcmPushSender"/>, a typed
    /// HTTP client, and its service-account credential, whose token requests use the named client
    /// <see cref="FcmServiceAccount.HttpClientName"/>). Call it before <see cref="AddMessaging"/>,
    /// which adds the logging provider only when no <see cref="IPushSender"/> is registered.
    /// </summary>
    public static IServiceCollection AddPush(this IServiceCollection services, PushOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddScoped<PushDevices>();
        if (options.Provider == PushProvider.Fcm)
        {
            services.AddHttpClient(FcmServiceAccount.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
            services.AddSingleton<FcmServiceAccount>();
            services.AddHttpClient<FcmPushSender>(client =>
            {
                client.BaseAddress = FcmPushSender.BaseAddress;
                client.Timeout = TimeSpan.FromSeconds(10);
            });
            services.AddScoped<IPushSender>(provider => provider.GetRequiredService<FcmPushSender>());
        }

        return services;
    }

    /// <summary>
    /// Registers the news importer (<see cref="NewsImporter"/>) for validated <paramref name="options"/>,
    /// with its HTTP client. Needs the database context and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddNewsImport(this IServiceCollection services, NewsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddHttpClient(NewsImporter.HttpClientName, client => client.DefaultRequestHeaders.UserAgent.ParseAdd("DongNaiCitizenApp-NewsImporter/1.0"));
        services.AddScoped<NewsImporter>();
        return services;
    }
}
