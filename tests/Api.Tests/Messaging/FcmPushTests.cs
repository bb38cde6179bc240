using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DongNai.Messaging.Notifications;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Api.Tests.Messaging;

/// <summary>
/// The service with <c>Push:Provider = Fcm</c>, whose two HTTP clients (FCM itself and Google's
/// token endpoint) reach <see cref="FakeGoogle"/> instead of the network: the exact requests are
/// checked, and FCM's answers (success, <c>UNREGISTERED</c>, 429 with <c>Retry-After</c>) drive it.
/// </summary>
public sealed class FcmPushTests : IClassFixture<ApiFactory>, IDisposable
{
    private const string ProjectId = "dongnai-citizen-test";
    private const string ClientEmail = "push@dongnai-citizen-test.iam.gserviceaccount.com";
    private const string TokenUri = "https://oauth2.googleapis.com/token";
    private const string AccessToken = "ya29.test-access-token";

    private readonly ApiFactory _factory;
    private readonly RSA _key = RSA.Create(2048);
    private readonly FakeGoogle _google;
    private readonly WebApplicationFactory<Program> _host;

    public FcmPushTests(ApiFactory factory)
    {
        _factory = factory;
        _google = new FakeGoogle(factory);
        Directory.CreateDirectory(factory.DataPath);
        var credentials = Path.Combine(factory.DataPath, "fcm-service-account.json");
        File.WriteAllText(credentials, new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = ProjectId,
            ["private_key_id"] = "key-1",
            ["private_key"] = _key.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = ClientEmail,
            ["token_uri"] = TokenUri,
        }.ToJsonString());
        _host = factory.WithWebHostBuilder(builder => builder
            .UseSetting("Push:Provider", "Fcm")
            .UseSetting("Push:Fcm:ProjectId", ProjectId)
            .UseSetting("Push:Fcm:CredentialsPath", credentials)
            .ConfigureTestServices(services =>
            {
                services.AddHttpClient<FcmPushSender>().ConfigurePrimaryHttpMessageHandler(() => _google);
                services.AddHttpClient(FcmServiceAccount.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _google);
            }));
    }

    [Fact]
    public async Task NewMessage_IsSentToEachDevice_WithAServiceAccountBearerToken_AndTheExactFcmV1Body()
    {
        var (sender, recipient, conversation) = await ConversationAsync();
        var token = await RegisterAsync(recipient);

        await sender.SentAsync(conversation, "Phòng còn trống không ạ?");

        var item = Assert.Single((await recipient.GetJsonAsync("/api/me/notifications")).GetProperty("items").EnumerateArray());
        var push = Assert.Single(_google.FcmRequests);
        Assert.Equal($"https://fcm.googleapis.com/v1/projects/{ProjectId}/messages:send", push.Uri);
        Assert.Equal("Bearer " + AccessToken, push.Authorization);
        var expected = new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["token"] = token,
                ["notification"] = new JsonObject { ["title"] = item.GetProperty("title").GetString(), ["body"] = item.GetProperty("body").GetString() },
                ["data"] = new JsonObject
                {
                    ["notificationId"] = item.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["type"] = "newMessage",
                    ["link"] = $"/conversations/{conversation}",
                },
            },
        };
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(push.Body)), push.Body);

        var grant = Assert.Single(_google.TokenRequests);
        Assert.Equal(TokenUri, grant.Uri);
        var form = grant.Body.Split('&').Select(pair => pair.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        Assert.Equal("urn:ietf:params:oauth:grant-type:jwt-bearer", form["grant_type"]);
        var jwt = form["assertion"].Split('.');
        Assert.True(_key.VerifyData(Encoding.ASCII.GetBytes(jwt[0] + "." + jwt[1]), Base64Url(jwt[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), "the assertion is signed with the service account's key");
        var claims = JsonDocument.Parse(Base64Url(jwt[1])).RootElement;
        Assert.Equal(ClientEmail, claims.GetProperty("iss").GetString());
        Assert.Equal(TokenUri, claims.GetProperty("aud").GetString());
        Assert.Equal(FcmServiceAccount.Scope, claims.GetProperty("scope").GetString());
        Assert.DoesNotContain(_factory.LogLines, line => line.Message.Contains(token, StringComparison.Ordinal) || line.Message.Contains("Phòng còn trống", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnregisteredToken_IsForgotten_AndTheInboxKeepsTheItem()
    {
        var (sender, recipient, conversation) = await ConversationAsync();
        var gone = await RegisterAsync(recipient);
        _google.Answers.Enqueue(FakeGoogle.Error(HttpStatusCode.NotFound, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found."));

        await sender.SentAsync(conversation, "Anh có nhận ca đêm không?");

        Assert.Single(_google.FcmRequests);
        Assert.Empty((await recipient.GetJsonAsync("/api/me/devices")).EnumerateArray());
        Assert.Single((await recipient.GetJsonAsync("/api/me/notifications")).GetProperty("items").EnumerateArray());
        Assert.DoesNotContain(_factory.LogLines, line => line.Message.Contains(gone, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABadRequestAboutThePayload_KeepsTheDevice()
    {
        var (sender, recipient, conversation) = await ConversationAsync();
        await RegisterAsync(recipient);
        _google.Answers.Enqueue(FakeGoogle.Error(HttpStatusCode.BadRequest, "INVALID_ARGUMENT", "INVALID_ARGUMENT", "Invalid value at 'message.data[0].value'"));

        var sent = await sender.SendAsync(conversation, "Tin thử");

        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Single((await recipient.GetJsonAsync("/api/me/devices")).EnumerateArray());
    }

    [Fact]
    public async Task TooManyRequests_IsRetriedAfterRetryAfter_ThenSent()
    {
        var (sender, recipient, conversation) = await ConversationAsync();
        await RegisterAsync(recipient);
        var throttled = FakeGoogle.Error(HttpStatusCode.TooManyRequests, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded.");
        throttled.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(2));
        _google.Answers.Enqueue(throttled);

        var sending = sender.SendAsync(conversation, "Mai đi làm sớm nhé");
        while (!sending.IsCompleted)
        {
            // The retry waits on the service's clock, which moves only when the test moves it.
            _factory.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(sending, Task.Delay(50));
        }

        Assert.Equal(HttpStatusCode.Created, (await sending).StatusCode);
        var attempts = _google.FcmRequests.ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal(attempts[0].Body, attempts[1].Body);
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(2), $"retried after {attempts[1].At - attempts[0].At}, before Retry-After");
        Assert.Single((await recipient.GetJsonAsync("/api/me/devices")).EnumerateArray());
    }

    public void Dispose()
    {
        _host.Dispose();
        _key.Dispose();
        _google.Dispose();
    }

    private async Task<(SignedInClient Sender, SignedInClient Recipient, long Conversation)> ConversationAsync()
    {
        var sender = await ApiFactory.SignUpAsync(_host);
        var recipient = await ApiFactory.SignUpAsync(_host);
        return (sender, recipient, await MessagingClient.ConversationAsync(sender, recipient));
    }

    private static async Task<string> RegisterAsync(SignedInClient account)
    {
        var token = "fcm-" + Guid.NewGuid().ToString("N") + ":APA91b" + Guid.NewGuid().ToString("N");
        var response = await account.Client.PostAsJsonAsync("/api/me/devices", new { token, platform = "android" }, ApiFactory.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return token;
    }

    private static byte[] Base64Url(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4));

    /// <summary>Google's token endpoint and FCM, recorded: FCM answers the queued answers first, then 200.</summary>
    private sealed class FakeGoogle(ApiFactory factory) : HttpMessageHandler
    {
        public ConcurrentQueue<HttpResponseMessage> Answers { get; } = new();

        public ConcurrentQueue<Recorded> FcmRequests { get; } = new();

        public ConcurrentQueue<Recorded> TokenRequests { get; } = new();

        public static HttpResponseMessage Error(HttpStatusCode status, string grpcStatus, string errorCode, string message) => new(status)
        {
            Content = new StringContent(new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["code"] = (int)status,
                    ["message"] = message,
                    ["status"] = grpcStatus,
                    ["details"] = new JsonArray(new JsonObject { ["@type"] = "type.googleapis.com/google.firebase.fcm.v1.FcmError", ["errorCode"] = errorCode }),
                },
            }.ToJsonString(), Encoding.UTF8, "application/json"),
        };

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var recorded = new Recorded(
                request.RequestUri!.ToString(),
                request.Headers.Authorization?.ToString(),
                request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken),
                factory.Clock.GetUtcNow());
            if (request.RequestUri.Host == "oauth2.googleapis.com")
            {
                TokenRequests.Enqueue(recorded);
                return new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent($$"""{"access_token":"{{AccessToken}}","expires_in":3600,"token_type":"Bearer"}""", Encoding.UTF8, "application/json"),
                };
            }

            FcmRequests.Enqueue(recorded);
            return Answers.TryDequeue(out var answer)
                ? answer
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent($$"""{"name":"projects/{{ProjectId}}/messages/0:1"}""", Encoding.UTF8, "application/json") };
        }
    }

    private sealed record Recorded(string Uri, string? Authorization, string Body, DateTimeOffset At);
}
