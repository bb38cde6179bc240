using System.Globalization;
using DongNai.Domain;
using DongNai.Domain.Messaging;
using DongNai.Domain.Validation;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Messaging;

/// <summary>How one notification type reaches the person.</summary>
public sealed record NotificationPreferenceView(NotificationType Type, NotificationDelivery Delivery);

/// <summary>
/// The caller's messaging settings: username (null: none yet), whether others may find it by its
/// phone number, quiet hours (HH:mm, Vietnam time; both or neither; a start after the end spans
/// midnight) and, for every notification type, whether it is pushed or kept to the inbox.
/// </summary>
public sealed record MessagingSettingsView(string? Username, bool FindableByPhone, string? QuietHoursStart, string? QuietHoursEnd, IReadOnlyList<NotificationPreferenceView> Preferences);

/// <summary>Reads and replaces a person's messaging settings. One instance per request (it holds the request's <see cref="AppDbContext"/>).</summary>
public sealed class MessagingSettingsService(AppDbContext db, TimeProvider time)
{
    public async Task<MessagingSettingsView> GetAsync(long me, CancellationToken cancellationToken)
    {
        var settings = await db.MessagingSettings.AsNoTracking().SingleOrDefaultAsync(s => s.AccountId == me, cancellationToken);
        var preferences = await db.NotificationPreferences.AsNoTracking().Where(p => p.AccountId == me).ToDictionaryAsync(p => p.Type, p => p.Delivery, cancellationToken);
        return new MessagingSettingsView(
            settings?.Username,
            settings?.FindableByPhone ?? false,
            Format(settings?.QuietHoursStart),
            Format(settings?.QuietHoursEnd),
            Enum.GetValues<NotificationType>().Select(type => new NotificationPreferenceView(type, preferences.GetValueOrDefault(type, NotificationDelivery.InboxAndPush))).ToList());
    }

    /// <summary>Replaces every setting; a type missing from <paramref name="preferences"/> goes back to inbox and push.</summary>
    public async Task<Outcome<MessagingSettingsView>> UpdateAsync(
        long me, string? username, bool? findableByPhone, string? quietHoursStart, string? quietHoursEnd, IReadOnlyList<NotificationPreferenceView?>? preferences, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        string? normalized = null;
        if (username is not null && !Usernames.TryNormalize(username, out normalized))
        {
            errors.Add("username", "Must be 3 to 30 characters: a letter first, then letters, digits, dots or underscores.");
        }

        var start = ParseTime(quietHoursStart, "quietHoursStart", errors);
        var end = ParseTime(quietHoursEnd, "quietHoursEnd", errors);
        if ((start is null) != (end is null))
        {
            errors.Add(start is null ? "quietHoursStart" : "quietHoursEnd", "Give both ends of the quiet hours, or neither.");
        }
        else if (start is not null && start == end)
        {
            errors.Add("quietHoursEnd", "Must differ from quietHoursStart.");
        }

        var chosen = new Dictionary<NotificationType, NotificationDelivery>();
        foreach (var preference in preferences ?? [])
        {
            if (preference is null || !Enum.IsDefined(preference.Type) || !Enum.IsDefined(preference.Delivery))
            {
                errors.Add("preferences", "Each item needs a known type and delivery.");
            }
            else if (!chosen.TryAdd(preference.Type, preference.Delivery))
            {
                errors.Add("preferences", $"The type {preference.Type} is given twice.");
            }
        }

        if (!errors.IsEmpty)
        {
            return new Outcome<MessagingSettingsView>.Invalid(errors);
        }

        if (normalized is not null && await db.MessagingSettings.AnyAsync(s => s.Username == normalized && s.AccountId != me, cancellationToken))
        {
            return new Outcome<MessagingSettingsView>.Conflict("username");
        }

        var settings = await db.MessagingSettings.SingleOrDefaultAsync(s => s.AccountId == me, cancellationToken);
        if (settings is null)
        {
            settings = new MessagingSettings { AccountId = me };
            db.MessagingSettings.Add(settings);
        }

        settings.Username = normalized;
        settings.FindableByPhone = findableByPhone ?? false;
        settings.QuietHoursStart = start;
        settings.QuietHoursEnd = end;
        settings.UpdatedAt = time.GetUtcNow().UtcDateTime;
        db.NotificationPreferences.RemoveRange(await db.NotificationPreferences.Where(p => p.AccountId == me).ToListAsync(cancellationToken));
        db.NotificationPreferences.AddRange(chosen
            .Where(p => p.Value != NotificationDelivery.InboxAndPush)
            .Select(p => new NotificationPreference { AccountId = me, Type = p.Key, Delivery = p.Value }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (normalized is not null)
        {
            // Two people took the same username at once; the unique index let one in.
            db.ChangeTracker.Clear();
            return new Outcome<MessagingSettingsView>.Conflict("username");
        }

        return new Outcome<MessagingSettingsView>.Done(await GetAsync(me, cancellationToken));
    }

    private static string? Format(TimeOnly? value) => value?.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static TimeOnly? ParseTime(string? text, string field, FieldErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return value;
        }

        errors.Add(field, "Must be a time of day as HH:mm (Vietnam time), e.g. 22:00.");
        return null;
    }
}
