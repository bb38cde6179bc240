using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace DongNai.Messaging.Notifications;

/// <summary>Which push provider delivers notifications to devices.</summary>
public enum PushProvider
{
    /// <summary>Logs that a push would go out (<see cref="LoggingPushSender"/>); the default, where no push service is reachable.</summary>
    Log,

    /// <summary>Firebase Cloud Messaging, HTTP v1 API (<see cref="FcmPushSender"/>).</summary>
    Fcm,
}

/// <summary>Push delivery (section <c>Push</c>): the provider and the devices kept per person.</summary>
public sealed partial class PushOptions : IValidatableObject
{
    public const string Section = "Push";

    public PushProvider Provider { get; set; } = PushProvider.Log;

    /// <summary>Devices kept per account; registering one more forgets the one seen longest ago.</summary>
    [Range(1, 100)]
    public int MaxDevicesPerAccount { get; set; } = 10;

    public FcmOptions Fcm { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider != PushProvider.Fcm)
        {
            yield break;
        }

        if (!ProjectIdPattern().IsMatch(Fcm.ProjectId ?? ""))
        {
            yield return new ValidationResult("Push:Fcm:ProjectId is required with Push:Provider = Fcm: the Firebase project id (6 to 30 lower-case letters, digits and hyphens).");
        }

        if (string.IsNullOrWhiteSpace(Fcm.CredentialsPath) || !File.Exists(Fcm.CredentialsPath))
        {
            yield return new ValidationResult("Push:Fcm:CredentialsPath must name the service-account JSON file of the Firebase project.");
        }
        else if (FcmServiceAccount.Problem(Fcm.CredentialsPath) is { } problem)
        {
            yield return new ValidationResult($"Push:Fcm:CredentialsPath: {problem}");
        }

        if (Fcm.MaxAttempts is < 1 or > 5)
        {
            yield return new ValidationResult("Push:Fcm:MaxAttempts must be 1 to 5.");
        }

        if (Fcm.MaxRetryDelay < TimeSpan.Zero || Fcm.MaxRetryDelay > TimeSpan.FromSeconds(30))
        {
            yield return new ValidationResult("Push:Fcm:MaxRetryDelay must be 00:00:00 to 00:00:30.");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$")]
    private static partial Regex ProjectIdPattern();
}

/// <summary>Firebase Cloud Messaging (section <c>Push:Fcm</c>).</summary>
public sealed class FcmOptions
{
    /// <summary>The Firebase project id, as in <c>https://fcm.googleapis.com/v1/projects/{ProjectId}/messages:send</c>.</summary>
    public string ProjectId { get; set; } = "";

    /// <summary>The service-account JSON key of the project (a secret: mount it, never commit it).</summary>
    public string CredentialsPath { get; set; } = "";

    /// <summary>Tries per device when FCM answers 429 or 5xx (pushes are sent while the request that notified waits).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The longest wait before a retry; a longer <c>Retry-After</c> gives the push up (the inbox has the item).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
