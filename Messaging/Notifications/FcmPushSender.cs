using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DongNai.Messaging.Notifications;

/// <summary>
/// Pushes through Firebase Cloud Messaging's HTTP v1 API: one
/// <c>POST v1/projects/{projectId}/messages:send</c> per device of the account, with an OAuth2 bearer
/// token of the project's service account (<see cref="FcmServiceAccount"/>). The message carries the
/// inbox item's title and body as the notification, and <c>notificationId</c>, <c>type</c> and
/// <c>link</c> as data.
/// <list type="bullet">
/// <item>404 <c>UNREGISTERED</c>, 400 <c>INVALID_ARGUMENT</c> naming the token, and 403
/// <c>SENDER_ID_MISMATCH</c>: the token will never work again; the device is forgotten. A 404 without
/// <c>UNREGISTERED</c> (a wrong project id, say) forgets nothing.</item>
/// <item>429 and 5xx (and a failed connection): retried up to <see cref="FcmOptions.MaxAttempts"/>
/// times, after <c>Retry-After</c> when FCM sends it, else 1 s, 2 s, …; a wait longer than
/// <see cref="FcmOptions.MaxRetryDelay"/> gives up. Pushes go out while the request that notified
/// waits, and no job retries them later: the inbox holds the item whatever happens here.</item>
/// <item>Anything else is a failure of that device, logged with the status and FCM's error code.</item>
/// </list>
/// When no device got the push, <see cref="PushFailedException"/> tells the caller (<see cref="Notifier"/>
/// logs it). Logs name devices by id and accounts by handle: never a token, title or body.
/// A typed HTTP client: one instance per scope (it uses the scope's <see cref="PushDevices"/>).
/// </summary>
public sealed partial class FcmPushSender(
    HttpClient http, FcmServiceAccount serviceAccount, PushDevices devices, PushOptions options, TimeProvider time, ILogger<FcmPushSender> logger) : IPushSender
{
    /// <summary>FCM's address; requests name <c>v1/projects/{projectId}/messages:send</c> under it.</summary>
    public static readonly Uri BaseAddress = new("https://fcm.googleapis.com/");

    private enum DeviceResult
    {
        Sent,
        TokenGone,
        Failed,
    }

    public async Task SendAsync(PushMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var targets = await devices.TargetsAsync(message.AccountId, cancellationToken);
        if (targets.Count == 0)
        {
            LogNoDevice(logger, message.Type, message.AccountHandle, message.NotificationId);
            return;
        }

        var failed = 0;
        foreach (var target in targets)
        {
            switch (await SendToDeviceAsync(target, message, cancellationToken))
            {
                case DeviceResult.Sent:
                    LogSent(logger, message.Type, message.AccountHandle, message.NotificationId, target.DeviceId);
                    break;
                case DeviceResult.TokenGone:
                    await devices.ForgetAsync(target.DeviceId, cancellationToken);
                    LogForgotten(logger, target.DeviceId, message.AccountHandle);
                    break;
                default:
                    failed++;
                    break;
            }
        }

        if (failed == targets.Count)
        {
            throw new PushFailedException($"FCM accepted the push for none of the {targets.Count} device(s) of account {message.AccountHandle}.");
        }
    }

    private async Task<DeviceResult> SendToDeviceAsync(PushTarget target, PushMessage message, CancellationToken cancellationToken)
    {
        var body = Body(target.Token, message);
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter;
            string outcome;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/projects/{options.Fcm.ProjectId}/messages:send")
                {
                    Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await serviceAccount.AccessTokenAsync(cancellationToken));
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return DeviceResult.Sent;
                }

                var error = await FcmError.ReadAsync(response, cancellationToken);
                if (error.TokenIsGone(response.StatusCode))
                {
                    return DeviceResult.TokenGone;
                }

                outcome = $"{(int)response.StatusCode} {error.Code}";
                if (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500)
                {
                    LogRefused(logger, target.DeviceId, message.AccountHandle, outcome);
                    return DeviceResult.Failed;
                }

                retryAfter = RetryAfter(response.Headers.RetryAfter);
            }
            catch (HttpRequestException exception)
            {
                outcome = exception.HttpRequestError.ToString();
                retryAfter = null;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                outcome = "timeout";
                retryAfter = null;
            }

            var delay = retryAfter ?? TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));
            if (attempt >= options.Fcm.MaxAttempts || delay > options.Fcm.MaxRetryDelay)
            {
                LogGaveUp(logger, target.DeviceId, message.AccountHandle, outcome, attempt);
                return DeviceResult.Failed;
            }

            LogRetrying(logger, target.DeviceId, outcome, delay);
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    /// <summary>The FCM v1 request: the token, the notification shown, and data the app reads on a tap (FCM data values are strings).</summary>
    internal static string Body(string token, PushMessage message)
    {
        var data = new JsonObject
        {
            ["notificationId"] = message.NotificationId.ToString(CultureInfo.InvariantCulture),
            ["type"] = JsonNamingPolicy.CamelCase.ConvertName(message.Type.ToString()),
        };
        if (message.Link is not null)
        {
            data["link"] = message.Link;
        }

        return new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["token"] = token,
                ["notification"] = new JsonObject { ["title"] = message.Title, ["body"] = message.Body },
                ["data"] = data,
            },
        }.ToJsonString();
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Push {Type} to account {AccountHandle} (notification {NotificationId}): no device registered")]
    private static partial void LogNoDevice(ILogger logger, Domain.Messaging.NotificationType type, string accountHandle, long notificationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Push {Type} to account {AccountHandle} (notification {NotificationId}) sent to device {DeviceId}")]
    private static partial void LogSent(ILogger logger, Domain.Messaging.NotificationType type, string accountHandle, long notificationId, long deviceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId} of account {AccountHandle} forgotten: FCM no longer accepts its token")]
    private static partial void LogForgotten(ILogger logger, long deviceId, string accountHandle);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FCM refused the push to device {DeviceId} of account {AccountHandle}: {Outcome}")]
    private static partial void LogRefused(ILogger logger, long deviceId, string accountHandle, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "FCM push to device {DeviceId} answered {Outcome}; retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, long deviceId, string outcome, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FCM push to device {DeviceId} of account {AccountHandle} given up after {Attempts} attempt(s): {Outcome}")]
    private static partial void LogGaveUp(ILogger logger, long deviceId, string accountHandle, string outcome, int attempts);
}

/// <summary>The push reached none of the person's devices (the inbox has the item).</summary>
public sealed class PushFailedException(string message) : Exception(message);

/// <summary>The parts of an FCM error answer that decide what to do; the rest (which may quote the request) is never kept.</summary>
internal sealed record FcmError(string Code, bool NamesToken)
{
    public bool TokenIsGone(HttpStatusCode status) => (status, Code) switch
    {
        (HttpStatusCode.NotFound, "UNREGISTERED") => true,
        (HttpStatusCode.Forbidden, "SENDER_ID_MISMATCH") => true,
        (HttpStatusCode.BadRequest, "INVALID_ARGUMENT") => NamesToken,
        _ => false,
    };

    /// <summary>
    /// FCM answers <c>{"error":{"status":"NOT_FOUND","message":…,"details":[{"@type":"…FcmError","errorCode":"UNREGISTERED"},
    /// {"@type":"…BadRequest","fieldViolations":[{"field":"message.token",…}]}]}}</c>; the code is the FcmError's
    /// <c>errorCode</c>, else the status. A 400 names the token when a field violation is on <c>message.token</c>
    /// or the message speaks of the registration token (a 400 about the payload must not cost a device).
    /// </summary>
    public static async Task<FcmError> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (!document.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return new FcmError("unknown", false);
            }

            var code = error.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String ? status.GetString()! : "unknown";
            var namesToken = error.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String
                && text.GetString()!.Contains("registration token", StringComparison.OrdinalIgnoreCase);
            if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
            {
                foreach (var detail in details.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.Object))
                {
                    if (detail.TryGetProperty("errorCode", out var errorCode) && errorCode.ValueKind == JsonValueKind.String)
                    {
                        code = errorCode.GetString()!;
                    }

                    if (detail.TryGetProperty("fieldViolations", out var violations) && violations.ValueKind == JsonValueKind.Array)
                    {
                        namesToken |= violations.EnumerateArray().Any(v =>
                            v.ValueKind == JsonValueKind.Object && v.TryGetProperty("field", out var field) && field.ValueKind == JsonValueKind.String && field.GetString() == "message.token");
                    }
                }
            }

            return new FcmError(code.Length <= 40 && code.All(c => char.IsAsciiLetterUpper(c) || c == '_') ? code : "unknown", namesToken);
        }
        catch (JsonException)
        {
            return new FcmError("unknown", false);
        }
    }
}
