using DongNai.Identity;
using DongNai.Messaging;
using DongNai.Messaging.Realtime;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace DongNai.Search.Api.Messaging;

/// <summary>Registers messaging in the host and maps its endpoints and hub.</summary>
public static class MessagingHosting
{
    /// <summary>
    /// Messaging services (<see cref="MessagingServiceCollectionExtensions.AddMessaging"/>) with
    /// pictures under <paramref name="dataPath"/>, and the bearer token read from the
    /// <c>access_token</c> query parameter on the hub's path alone: browsers cannot set headers on
    /// WebSockets and server-sent events. The token is judged as on every request (signature,
    /// lifetime, security stamp); request lines, where the query string appears, are never logged.
    /// </summary>
    public static void AddMessagingApi(this IServiceCollection services, MessagingOptions options, SecretKeys keys, string dataPath)
    {
        options.ImageFolder = Path.Combine(dataPath, "messages", "images");
        services.AddMessaging(options, keys);
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, bearer =>
        {
            bearer.Events ??= new JwtBearerEvents();
            var previous = bearer.Events.OnMessageReceived;
            bearer.Events.OnMessageReceived = async context =>
            {
                await previous(context);
                if (context.Token is null
                    && context.HttpContext.Request.Path.StartsWithSegments(MessagesHub.Path, StringComparison.OrdinalIgnoreCase)
                    && context.Request.Query["access_token"] is [{ Length: > 0 } token])
                {
                    context.Token = token;
                }
            };
        });
    }

    /// <summary>Conversations, the inbox, and the hub (whose connections close when their access token expires, unless <see cref="MessagingOptions.CloseHubOnTokenExpiry"/> is off; clients reconnect with a fresh one).</summary>
    public static void MapMessaging(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<MessagingOptions>();
        app.MapMessagingEndpoints(options);
        app.MapNotificationEndpoints();
        app.MapHub<MessagesHub>(MessagesHub.Path, hub => hub.CloseOnAuthenticationExpiration = options.CloseHubOnTokenExpiry);
    }
}
