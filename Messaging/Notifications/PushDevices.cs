using DongNai.Domain;
using DongNai.Domain.Messaging;
using DongNai.Domain.Validation;
using DongNai.Identity;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Messaging.Notifications;

/// <summary>A device of the caller that receives pushes; the token itself is never answered back.</summary>
public sealed record PushDeviceView(long Id, DevicePlatform Platform, DateTime RegisteredAt, DateTime LastSeenAt);

/// <summary>A device's push token, decrypted, for the push provider alone.</summary>
public sealed record PushTarget(long DeviceId, string Token);

/// <summary>
/// The devices that receive a person's pushes (<see cref="PushDevice"/>). Registration tokens are
/// personal data: stored encrypted, found by their keyed hash, never logged nor answered. Registering
/// a token again refreshes it; a token registered by another account moves to it (the device
/// changed hands, or another person signed in on it), so pushes follow whoever uses the device now.
/// One instance per request (it holds the scope's <see cref="AppDbContext"/>).
/// </summary>
public sealed class PushDevices(AppDbContext db, PersonalDataProtector protector, PushOptions options, TimeProvider time)
{
    /// <summary>Registers (or refreshes) the calling device's token.</summary>
    public async Task<Outcome<PushDeviceView>> RegisterAsync(long me, string? token, DevicePlatform? platform, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.When(
            string.IsNullOrEmpty(token) || token.Length > PushDevice.MaxTokenLength || token.Any(c => c is < '!' or > '~'),
            "token",
            $"Required: the device's push registration token, 1 to {PushDevice.MaxTokenLength} printable ASCII characters.");
        errors.When(platform is null || !Enum.IsDefined(platform.Value), "platform", "Required: android, ios or web.");
        if (!errors.IsEmpty)
        {
            return new Outcome<PushDeviceView>.Invalid(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var hash = protector.LookupHash(token!);
        PushDevice device;
        bool created;
        try
        {
            (device, created) = await UpsertAsync(me, hash, token!, platform!.Value, now, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same token registered twice at once: the unique hash let the other insert in first,
            // so this registration refreshes the row it made.
            db.ChangeTracker.Clear();
            (device, created) = await UpsertAsync(me, hash, token!, platform!.Value, now, cancellationToken);
        }

        var surplus = await db.PushDevices.Where(d => d.AccountId == me)
            .OrderByDescending(d => d.LastSeenAt).ThenByDescending(d => d.Id)
            .Skip(options.MaxDevicesPerAccount).Select(d => d.Id).ToListAsync(cancellationToken);
        if (surplus.Count > 0)
        {
            await db.PushDevices.Where(d => surplus.Contains(d.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        return new Outcome<PushDeviceView>.Done(View(device), created);
    }

    private async Task<(PushDevice Device, bool Created)> UpsertAsync(
        long me, byte[] hash, string token, DevicePlatform platform, DateTime now, CancellationToken cancellationToken)
    {
        var device = await db.PushDevices.SingleOrDefaultAsync(d => d.TokenLookupHash == hash, cancellationToken);
        var created = device is null;
        if (device is null)
        {
            device = new PushDevice { TokenLookupHash = hash, TokenCiphertext = protector.Encrypt(token), RegisteredAt = now };
            db.PushDevices.Add(device);
        }
        else if (device.AccountId != me)
        {
            device.RegisteredAt = now;
        }

        device.AccountId = me;
        device.Platform = platform;
        device.LastSeenAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return (device, created);
    }

    /// <summary>The caller's devices, the one seen last first.</summary>
    public async Task<IReadOnlyList<PushDeviceView>> ListAsync(long me, CancellationToken cancellationToken) =>
        (await db.PushDevices.AsNoTracking().Where(d => d.AccountId == me).OrderByDescending(d => d.LastSeenAt).ThenByDescending(d => d.Id)
            .ToListAsync(cancellationToken)).Select(View).ToList();

    /// <summary>Stops pushes to one of the caller's devices (on signing out there); false when the caller has no such device.</summary>
    public async Task<bool> RemoveAsync(long me, long id, CancellationToken cancellationToken) =>
        await db.PushDevices.Where(d => d.Id == id && d.AccountId == me).ExecuteDeleteAsync(cancellationToken) > 0;

    /// <summary>The push tokens of an account, decrypted, for the push provider.</summary>
    internal async Task<IReadOnlyList<PushTarget>> TargetsAsync(long accountId, CancellationToken cancellationToken) =>
        (await db.PushDevices.AsNoTracking().Where(d => d.AccountId == accountId).OrderBy(d => d.Id)
            .Select(d => new { d.Id, d.TokenCiphertext }).ToListAsync(cancellationToken))
        .Select(d => new PushTarget(d.Id, protector.Decrypt(d.TokenCiphertext))).ToList();

    /// <summary>Forgets a device whose token the push service no longer accepts.</summary>
    internal Task ForgetAsync(long deviceId, CancellationToken cancellationToken) =>
        db.PushDevices.Where(d => d.Id == deviceId).ExecuteDeleteAsync(cancellationToken);

    private static PushDeviceView View(PushDevice device) => new(device.Id, device.Platform, device.RegisteredAt, device.LastSeenAt);
}
