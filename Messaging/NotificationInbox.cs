using DongNai.Domain;
using DongNai.Domain.Messaging;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Messaging;

/// <summary>One inbox item as its owner sees it.</summary>
public sealed record NotificationView(long Id, NotificationType Type, string Title, string Body, string? Link, DateTime CreatedAt, bool Read);

/// <summary>A page of the inbox, newest first, and how many items are unread in all.</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, string? NextCursor, int Unread);

/// <summary>The caller's in-app inbox: pages, and read marks. One instance per request (it holds the request's <see cref="AppDbContext"/>).</summary>
public sealed class NotificationInbox(AppDbContext db, PageCursors cursors, TimeProvider time)
{
    public const int PageSize = 30;

    public async Task<Outcome<NotificationPage>> PageAsync(long me, string? cursor, CancellationToken cancellationToken)
    {
        var query = db.Notifications.AsNoTracking().Where(n => n.AccountId == me);
        if (cursor is not null)
        {
            if (!cursors.TryDecode(cursor, CursorKind.Notifications, me, out var before, out _))
            {
                var errors = new Domain.Validation.FieldErrors();
                errors.Add("cursor", "Malformed cursor, or one issued for another list. Start again without it.");
                return new Outcome<NotificationPage>.Invalid(errors);
            }

            query = query.Where(n => n.Id < before);
        }

        var page = await query.OrderByDescending(n => n.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        var next = page.Count > PageSize ? cursors.Encode(CursorKind.Notifications, me, page[PageSize - 1].Id) : null;
        var items = page.Take(PageSize).Select(n => new NotificationView(n.Id, n.Type, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt is not null)).ToList();
        return new Outcome<NotificationPage>.Done(new NotificationPage(items, next, await UnreadAsync(me, cancellationToken)));
    }

    public Task<int> UnreadAsync(long me, CancellationToken cancellationToken) =>
        db.Notifications.CountAsync(n => n.AccountId == me && n.ReadAt == null, cancellationToken);

    /// <summary>Marks one of the caller's items read; false when the caller has no such item.</summary>
    public async Task<bool> MarkReadAsync(long me, long id, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.AccountId == me, cancellationToken);
        if (notification is null)
        {
            return false;
        }

        notification.ReadAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public Task MarkAllReadAsync(long me, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Notifications.Where(n => n.AccountId == me && n.ReadAt == null).ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}
