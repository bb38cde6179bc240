using System.Globalization;
using System.Text.RegularExpressions;
using DongNai.Domain.Listings;
using DongNai.Domain.People;
using DongNai.Domain.Validation;

namespace DongNai.Search.Api.Events;

/// <summary>
/// A batch of interactions from one app install. <see cref="DeviceId"/> is required from an
/// anonymous caller and optional from a signed-in one (the account is the caller then).
/// </summary>
public sealed record EventBatchRequest(string? DeviceId, IReadOnlyList<EventRequest?>? Events)
{
    public const int MaxEvents = 100;

    /// <summary>How far ahead of the server's clock a device's clock may run.</summary>
    public static readonly TimeSpan MaxClockAhead = TimeSpan.FromMinutes(5);

    /// <summary>Older events are refused: an app that held them longer has lost their context, and training windows are closed by then.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);

    public void Validate(FieldErrors errors, bool signedIn, DateTime now)
    {
        if (DeviceId is not null || !signedIn)
        {
            errors.When(!EventRules.IsToken(DeviceId, 8, InteractionEvent.MaxDeviceIdLength), "deviceId",
                signedIn
                    ? "When given, 8 to 64 characters of A–Z, a–z, 0–9, '_' and '-'."
                    : "Required without sign-in: the app's own id, 8 to 64 characters of A–Z, a–z, 0–9, '_' and '-'.");
        }

        if (Events is null || Events.Count is 0 or > MaxEvents)
        {
            errors.Add("events", $"Send 1 to {MaxEvents} events.");
            return;
        }

        for (var i = 0; i < Events.Count; i++)
        {
            if (Events[i] is { } item)
            {
                item.Validate(errors, $"events[{i}].", now);
            }
            else
            {
                errors.Add($"events[{i}]", "Required: an event object.");
            }
        }
    }

    /// <summary>The (valid) batch as entities of the caller: the account when signed in, else the device.</summary>
    public List<InteractionEvent> ToEntities(long? accountId, DateTime now) =>
        Events!.Select(item => item!.ToEntity(accountId, DeviceId, now)).ToList();
}

/// <summary>
/// One interaction. <see cref="Position"/> is 0-based across pages and required for impressions,
/// and for clicks that came from a result list (those that carry a <see cref="RequestId"/>).
/// <see cref="OccurredAt"/> is an ISO 8601 instant with <c>Z</c> or an offset; the server's time when left out.
/// </summary>
public sealed record EventRequest(
    string? ClientEventId,
    string? Type,
    string? Kind,
    long? ListingId,
    string? RequestId,
    int? Position,
    string? Query,
    string? OccurredAt)
{
    public const int MaxPosition = 10_000;

    /// <summary>Same limit as the search endpoints' <c>q</c>.</summary>
    public const int MaxQueryLength = 200;

    /// <summary>What an app may report; <c>view</c> stays internal until the app has a screen that sends it.</summary>
    private static readonly Dictionary<string, InteractionType> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["impression"] = InteractionType.Impression,
        ["click"] = InteractionType.Click,
        ["save"] = InteractionType.Save,
        ["apply"] = InteractionType.Apply,
        ["claim"] = InteractionType.Claim,
        ["contact"] = InteractionType.Contact,
    };

    public void Validate(FieldErrors errors, string prefix, DateTime now)
    {
        errors.When(!EventRules.IsToken(ClientEventId, 1, InteractionEvent.MaxClientEventIdLength), prefix + "clientEventId",
            "Required: 1 to 64 characters of A–Z, a–z, 0–9, '_' and '-' (a UUID fits), unique per device or account.");

        var typeKnown = Types.TryGetValue(Type ?? "", out var type);
        errors.When(!typeKnown, prefix + "type", "Use one of: impression, click, save, apply, claim, contact.");
        errors.When(!ListingKinds.TryParseSlug(Kind, out _), prefix + "kind", "Use one of: jobs, rentals, classifieds, vouchers, bus-routes.");
        errors.Range(ListingId, prefix + "listingId", 1, long.MaxValue);

        if (RequestId is not null)
        {
            errors.When(!EventRules.IsRequestId(RequestId), prefix + "requestId", "32 hexadecimal digits: the requestId of the search or feed response.");
        }

        var fromList = typeKnown && (type == InteractionType.Impression || (type == InteractionType.Click && RequestId is not null));
        errors.Range(Position, prefix + "position", 0, MaxPosition, required: fromList);

        errors.When(Query is { Length: > MaxQueryLength }, prefix + "query", $"At most {MaxQueryLength} characters.");

        if (OccurredAt is not null)
        {
            if (!EventRules.TryParseInstant(OccurredAt, out var at))
            {
                errors.Add(prefix + "occurredAt", "An ISO 8601 instant with Z or an offset, e.g. 2026-11-27T08:30:00Z.");
            }
            else
            {
                errors.When(at > now + EventBatchRequest.MaxClockAhead, prefix + "occurredAt", "In the future: check the device clock.");
                errors.When(at < now - EventBatchRequest.MaxAge, prefix + "occurredAt", $"Older than {EventBatchRequest.MaxAge.TotalDays:0} days: such events are no longer accepted.");
            }
        }
    }

    public InteractionEvent ToEntity(long? accountId, string? deviceId, DateTime now)
    {
        if (!ListingKinds.TryParseSlug(Kind, out var kind))
        {
            throw new InvalidOperationException("Validate the event before converting it.");
        }

        return new InteractionEvent
        {
            AccountId = accountId,
            DeviceId = deviceId,
            ClientEventId = ClientEventId!,
            Type = Types[Type!],
            ListingKind = kind,
            ListingId = ListingId!.Value,
            RequestId = RequestId?.ToLowerInvariant(),
            Position = Position,
            Query = Query,
            OccurredAt = OccurredAt is not null && EventRules.TryParseInstant(OccurredAt, out var at) ? at : now,
        };
    }
}

/// <summary>What the server kept of a batch: <see cref="Accepted"/> new events, <see cref="Duplicates"/> already stored (a retry).</summary>
public sealed record EventBatchResponse(int Accepted, int Duplicates);

/// <summary>Shapes of the ids and times in an event batch.</summary>
internal static partial class EventRules
{
    public static bool IsToken(string? value, int minLength, int maxLength) =>
        value is not null && value.Length >= minLength && value.Length <= maxLength && Token().IsMatch(value);

    public static bool IsRequestId(string value) => value.Length == InteractionEvent.RequestIdLength && HexDigits().IsMatch(value);

    /// <summary>Parses an instant that names its offset (<c>Z</c> or <c>+07:00</c>); a bare local time is ambiguous and refused.</summary>
    public static bool TryParseInstant(string text, out DateTime utc)
    {
        utc = default;
        if (!ExplicitOffset().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return false;
        }

        utc = instant.UtcDateTime;
        return true;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+\\z")]
    private static partial Regex Token();

    [GeneratedRegex("^[0-9A-Fa-f]+\\z")]
    private static partial Regex HexDigits();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})\\z", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitOffset();
}
