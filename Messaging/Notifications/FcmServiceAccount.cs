using System.Text.Json;
using Google.Apis.Auth.OAuth2;

namespace DongNai.Messaging.Notifications;

/// <summary>
/// The OAuth2 access tokens FCM wants: a Google service-account credential (Google.Apis.Auth) for
/// the scope <see cref="Scope"/>, read from the project's service-account JSON key. The credential
/// signs a JWT with the key, trades it at the key's <c>token_uri</c> for an access token, caches it
/// and refreshes it before it expires; its requests go through the named HTTP client
/// <see cref="HttpClientName"/> of <see cref="IHttpMessageHandlerFactory"/>. Singleton; thread-safe.
/// </summary>
public sealed class FcmServiceAccount
{
    public const string Scope = "https://www.googleapis.com/auth/firebase.messaging";

    public const string HttpClientName = "fcm-oauth";

    private const string DefaultTokenUri = "https://oauth2.googleapis.com/token";

    private readonly ServiceAccountCredential _credential;

    public FcmServiceAccount(PushOptions options, IHttpMessageHandlerFactory handlers)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = Read(options.Fcm.CredentialsPath);
        _credential = new ServiceAccountCredential(new ServiceAccountCredential.Initializer(key.ClientEmail, key.TokenUri)
        {
            Scopes = [Scope],
            KeyId = key.PrivateKeyId,
            HttpClientFactory = new HandlerFactoryAdapter(handlers),
        }.FromPrivateKey(key.PrivateKey));
    }

    /// <summary>A valid access token, from the cache or fetched now.</summary>
    public Task<string> AccessTokenAsync(CancellationToken cancellationToken) =>
        _credential.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);

    /// <summary>What is wrong with the key file, or null when it is a usable service-account key. Never quotes the file.</summary>
    public static string? Problem(string path)
    {
        try
        {
            var key = Read(path);
            _ = new ServiceAccountCredential.Initializer(key.ClientEmail).FromPrivateKey(key.PrivateKey);
            return null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidDataException or IOException or ArgumentException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            return "not a usable service-account JSON key (type service_account, client_email, private_key).";
        }
    }

    private static ServiceAccountKey Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (Text("type") != "service_account" || Text("client_email") is not { Length: > 0 } email || Text("private_key") is not { Length: > 0 } privateKey)
        {
            throw new InvalidDataException("Not a service-account key.");
        }

        return new ServiceAccountKey(email, privateKey, Text("private_key_id"), Text("token_uri") ?? DefaultTokenUri);
    }

    private sealed record ServiceAccountKey(string ClientEmail, string PrivateKey, string? PrivateKeyId, string TokenUri);

    /// <summary>Google's client factory over ours, so the token requests use a configured (and, in tests, replaceable) handler.</summary>
    private sealed class HandlerFactoryAdapter(IHttpMessageHandlerFactory handlers) : Google.Apis.Http.HttpClientFactory
    {
        protected override HttpMessageHandler CreateHandler(Google.Apis.Http.CreateHttpClientArgs args) => handlers.CreateHandler(HttpClientName);
    }
}
