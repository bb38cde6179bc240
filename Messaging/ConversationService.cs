using System.Globalization;
using System.Security.Cryptography;
using DongNai.Domain;
using DongNai.Domain.Listings;
using DongNai.Domain.Messaging;
using DongNai.Domain.Validation;
using DongNai.Identity;
using DongNai.Messaging.Notifications;
using DongNai.Messaging.Realtime;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Messaging;

/// <summary>
/// One-to-one conversations: finding people (by username, or by phone number through its keyed
/// hash and only when they allow it), opening a conversation (with a person, or with a listing's
/// owner, carrying the listing), sending text, images and the sender's own phone number, read
/// positions, blocks and reports. The database is the truth; after each commit the participants'
/// devices hear of it over <see cref="MessagesHub"/> and the recipient is notified through <see cref="Notifier"/>.
/// Sends are idempotent by (conversation, sender, client message id). One instance per request
/// (it holds the request's <see cref="AppDbContext"/>).
/// </summary>
public sealed class ConversationService(
    AppDbContext db,
    OwnerHandles handles,
    PersonalDataProtector protector,
    MessagingOptions options,
    PageCursors cursors,
    SpamGuard spam,
    Notifier notifier,
    ConversationEvents events,
    TimeProvider time)
{
    public const int ConversationPageSize = 20;
    public const int MessagePageSize = 50;
    private const int MaxListingTitleLength = 200;

    /// <summary>A person by exact username, or by phone number if they allow being found by it; never the caller's blockers.</summary>
    public async Task<Outcome<PersonView>> LookupAsync(long me, string? username, string? phone, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var other = await FindAsync(me, username, phone, errors, cancellationToken);
        if (!errors.IsEmpty)
        {
            return new Outcome<PersonView>.Invalid(errors);
        }

        return other is { } id ? new Outcome<PersonView>.Done((await PeopleAsync([id], cancellationToken))[id]) : new Outcome<PersonView>.NotFound();
    }

    /// <summary>
    /// Opens the conversation between the caller and a person (by username or phone) or a
    /// listing's owner, or reuses the one they already have. From a listing, the conversation
    /// carries it, and a listing message marks where the talk about it begins (once per listing in a row).
    /// </summary>
    public async Task<Outcome<ConversationView>> StartAsync(long me, string? username, string? phone, string? listingKind, long? listingId, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var given = (username is null ? 0 : 1) + (phone is null ? 0 : 1) + (listingKind is null && listingId is null ? 0 : 1);
        if (given != 1)
        {
            errors.Add("username", "Give exactly one of username, phone or listing.");
            return new Outcome<ConversationView>.Invalid(errors);
        }

        long? other;
        Listing? listing = null;
        if (listingKind is not null || listingId is not null)
        {
            if (!ListingKinds.TryParseSlug(listingKind, out var kind))
            {
                errors.Add("listing.kind", $"Must be one of {ListingKinds.SlugList}.");
            }

            errors.When(listingId is null or < 1, "listing.id", "Required: a listing id.");
            if (!errors.IsEmpty)
            {
                return new Outcome<ConversationView>.Invalid(errors);
            }

            listing = (await ListingKinds.Get(kind).LoadAsync(db, [listingId!.Value], cancellationToken)).SingleOrDefault();
            if (listing is null)
            {
                return new Outcome<ConversationView>.NotFound();
            }

            other = listing.OwnerId;
            if (other == me)
            {
                errors.Add("listing", "This is your own listing.");
                return new Outcome<ConversationView>.Invalid(errors);
            }
        }
        else
        {
            other = await FindAsync(me, username, phone, errors, cancellationToken);
            if (!errors.IsEmpty)
            {
                return new Outcome<ConversationView>.Invalid(errors);
            }

            if (other is null)
            {
                return new Outcome<ConversationView>.NotFound();
            }

            if (other == me)
            {
                errors.Add(username is null ? "phone" : "username", "You cannot start a conversation with yourself.");
                return new Outcome<ConversationView>.Invalid(errors);
            }
        }

        if (await BlockedAsync(me, other.Value, cancellationToken))
        {
            return new Outcome<ConversationView>.Blocked();
        }

        var conversation = await OpenAsync(me, other.Value, cancellationToken);
        if (listing is not null && (conversation.ListingKind != listing.Kind || conversation.ListingId != listing.Id))
        {
            var title = listing.Title.Length <= MaxListingTitleLength ? listing.Title : listing.Title[..MaxListingTitleLength];
            conversation.ListingKind = listing.Kind;
            conversation.ListingId = listing.Id;
            conversation.ListingTitle = title;
            await PostAsync(conversation, me, new Message
            {
                Kind = MessageKind.Listing,
                ClientMessageId = "listing-" + Guid.NewGuid().ToString("N"),
                ListingKind = listing.Kind,
                ListingId = listing.Id,
                ListingTitle = title,
            }, cancellationToken);
        }

        return new Outcome<ConversationView>.Done((await ViewsAsync(me, [conversation], cancellationToken))[0]);
    }

    /// <summary>The caller's conversations, most recently active first, <see cref="ConversationPageSize"/> a page.</summary>
    public async Task<Outcome<ConversationPage>> ListAsync(long me, string? cursor, CancellationToken cancellationToken)
    {
        var query = db.Conversations.AsNoTracking().Where(c => c.FirstAccountId == me || c.SecondAccountId == me);
        if (cursor is not null)
        {
            if (!cursors.TryDecode(cursor, CursorKind.Conversations, me, out var ticks, out var id))
            {
                return BadCursor<ConversationPage>();
            }

            var at = new DateTime(ticks, DateTimeKind.Utc);
            query = query.Where(c => c.LastActivityAt < at || (c.LastActivityAt == at && c.Id < id));
        }

        var page = await query.OrderByDescending(c => c.LastActivityAt).ThenByDescending(c => c.Id).Take(ConversationPageSize + 1).ToListAsync(cancellationToken);
        var more = page.Count > ConversationPageSize;
        page = page.Take(ConversationPageSize).ToList();
        var next = more ? cursors.Encode(CursorKind.Conversations, me, page[^1].LastActivityAt.Ticks, page[^1].Id) : null;
        return new Outcome<ConversationPage>.Done(new ConversationPage(await ViewsAsync(me, page, cancellationToken), next, await UnreadTotalAsync(me, cancellationToken)));
    }

    public async Task<Outcome<ConversationView>> GetAsync(long me, long id, CancellationToken cancellationToken) =>
        await MineAsync(me, id, cancellationToken) is { } conversation
            ? new Outcome<ConversationView>.Done((await ViewsAsync(me, [conversation], cancellationToken))[0])
            : new Outcome<ConversationView>.NotFound();

    /// <summary>A page of messages, oldest first: the latest without a cursor, or before/after the place an older/newer cursor names.</summary>
    public async Task<Outcome<MessagePage>> MessagesAsync(long me, long id, string? cursor, CancellationToken cancellationToken)
    {
        if (await MineAsync(me, id, cancellationToken) is null)
        {
            return new Outcome<MessagePage>.NotFound();
        }

        var messages = db.Messages.AsNoTracking().Where(m => m.ConversationId == id);
        if (cursor is not null && cursors.TryDecode(cursor, CursorKind.NewerMessages, id, out var after, out _))
        {
            var newer = await messages.Where(m => m.Id > after).OrderBy(m => m.Id).Take(MessagePageSize).ToListAsync(cancellationToken);
            var position = newer.Count > 0 ? newer[^1].Id : after;
            return new Outcome<MessagePage>.Done(new MessagePage(await MessageViewsAsync(me, newer, cancellationToken), null, cursors.Encode(CursorKind.NewerMessages, id, position)));
        }

        var older = cursor is not null;
        if (older)
        {
            if (!cursors.TryDecode(cursor, CursorKind.OlderMessages, id, out var before, out _))
            {
                return BadCursor<MessagePage>();
            }

            messages = messages.Where(m => m.Id < before);
        }

        var page = await messages.OrderByDescending(m => m.Id).Take(MessagePageSize + 1).ToListAsync(cancellationToken);
        var more = page.Count > MessagePageSize;
        page = page.Take(MessagePageSize).Reverse().ToList();
        var olderCursor = more ? cursors.Encode(CursorKind.OlderMessages, id, page[0].Id) : null;
        var newerCursor = older ? null : cursors.Encode(CursorKind.NewerMessages, id, page.Count > 0 ? page[^1].Id : 0);
        return new Outcome<MessagePage>.Done(new MessagePage(await MessageViewsAsync(me, page, cancellationToken), olderCursor, newerCursor));
    }

    public async Task<Outcome<MessageView>> SendTextAsync(long me, long id, string? clientMessageId, string? text, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        CheckClientMessageId(clientMessageId, errors);
        errors.Text(text, "text", 1, options.MaxTextLength);
        if (!errors.IsEmpty)
        {
            return new Outcome<MessageView>.Invalid(errors);
        }

        return await SendAsync(me, id, new Message { Kind = MessageKind.Text, ClientMessageId = clientMessageId!, Text = text!.Trim() }, null, cancellationToken);
    }

    /// <summary>
    /// Sends a JPEG, PNG or WebP picture of at most <see cref="MessagingOptions.MaxImageBytes"/>,
    /// re-encoded as a JPEG with no metadata (<see cref="ImageReencoder"/>: no EXIF, so no GPS
    /// position or camera data reaches the other person) and stored under the image folder.
    /// </summary>
    public async Task<Outcome<MessageView>> SendImageAsync(long me, long id, string? clientMessageId, byte[]? data, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        CheckClientMessageId(clientMessageId, errors);
        ReencodedImage? image = null;
        if (data is null || data.Length == 0)
        {
            errors.Add("data", "Required: the picture, base64.");
        }
        else if (data.Length > options.MaxImageBytes)
        {
            errors.Add("data", $"At most {options.MaxImageBytes / 1024} KiB.");
        }
        else
        {
            (image, var problem) = ImageReencoder.Reencode(data, options.MaxImagePixels);
            if (problem is not null)
            {
                errors.Add("data", problem);
            }
        }

        if (!errors.IsEmpty)
        {
            return new Outcome<MessageView>.Invalid(errors);
        }

        var file = $"{Guid.NewGuid():N}.jpg";
        var message = new Message { Kind = MessageKind.Image, ClientMessageId = clientMessageId!, ImageFile = file, ImageContentType = image!.ContentType, ImageBytes = image.Data.Length };
        return await SendAsync(me, id, message, image.Data, cancellationToken);
    }

    /// <summary>Posts the caller's own phone number into the conversation, for the other participant to see: the only way a number is ever shown to another person.</summary>
    public async Task<Outcome<MessageView>> SharePhoneAsync(long me, long id, string? clientMessageId, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        CheckClientMessageId(clientMessageId, errors);
        return errors.IsEmpty
            ? await SendAsync(me, id, new Message { Kind = MessageKind.SharedPhone, ClientMessageId = clientMessageId! }, null, cancellationToken)
            : new Outcome<MessageView>.Invalid(errors);
    }

    /// <summary>Moves the caller's read position forward to <paramref name="upTo"/> (the latest message when null); never back.</summary>
    public async Task<Outcome<ReadView>> MarkReadAsync(long me, long id, long? upTo, CancellationToken cancellationToken)
    {
        var conversation = await MineAsync(me, id, cancellationToken);
        if (conversation is null)
        {
            return new Outcome<ReadView>.NotFound();
        }

        if (upTo is < 0)
        {
            var errors = new FieldErrors();
            errors.Add("lastReadMessageId", "Must be a message id of the conversation.");
            return new Outcome<ReadView>.Invalid(errors);
        }

        var member = await MemberAsync(conversation.Id, me, cancellationToken);
        var target = Math.Min(upTo ?? conversation.LastMessageId, conversation.LastMessageId);
        if (target > member.LastReadMessageId)
        {
            member.LastReadMessageId = target;
            var link = LinkOf(conversation.Id);
            await db.Notifications
                .Where(n => n.AccountId == me && n.Type == NotificationType.NewMessage && n.Link == link && n.ReadAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, time.GetUtcNow().UtcDateTime), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await events.ConversationReadAsync(conversation.OtherOf(me), new ReadReceiptView(conversation.Id, handles.Of(me), target));
            await events.ConversationReadAsync(me, new ReadReceiptView(conversation.Id, handles.Of(me), target));
        }

        var unread = await db.Messages.CountAsync(m => m.ConversationId == id && m.SenderId != me && m.Id > member.LastReadMessageId, cancellationToken);
        return new Outcome<ReadView>.Done(new ReadView(id, member.LastReadMessageId, unread, await UnreadTotalAsync(me, cancellationToken)));
    }

    /// <summary>Blocks the other participant: from now on neither may send in this conversation or start another.</summary>
    public async Task<Outcome<bool>> BlockAsync(long me, long id, CancellationToken cancellationToken)
    {
        var conversation = await MineAsync(me, id, cancellationToken);
        if (conversation is null)
        {
            return new Outcome<bool>.NotFound();
        }

        var other = conversation.OtherOf(me);
        if (!await db.Blocks.AnyAsync(b => b.BlockerId == me && b.BlockedId == other, cancellationToken))
        {
            db.Blocks.Add(new Block { BlockerId = me, BlockedId = other, CreatedAt = time.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Two blocks at once: the key lets one in, which is all that was asked.
                db.ChangeTracker.Clear();
            }
        }

        return new Outcome<bool>.Done(true);
    }

    /// <summary>Lifts the caller's own block of the other participant (a block the other made stays).</summary>
    public async Task<Outcome<bool>> UnblockAsync(long me, long id, CancellationToken cancellationToken)
    {
        var conversation = await MineAsync(me, id, cancellationToken);
        if (conversation is null)
        {
            return new Outcome<bool>.NotFound();
        }

        var other = conversation.OtherOf(me);
        await db.Blocks.Where(b => b.BlockerId == me && b.BlockedId == other).ExecuteDeleteAsync(cancellationToken);
        return new Outcome<bool>.Done(true);
    }

    /// <summary>Reports the other participant to the moderators.</summary>
    public async Task<Outcome<bool>> ReportAsync(long me, long id, ReportReason? reason, string? details, CancellationToken cancellationToken)
    {
        var conversation = await MineAsync(me, id, cancellationToken);
        if (conversation is null)
        {
            return new Outcome<bool>.NotFound();
        }

        var errors = new FieldErrors();
        errors.When(reason is null || !Enum.IsDefined(reason.Value), "reason", "Required: spam, scam, harassment or other.");
        errors.Text(details, "details", 1, PersonReport.MaxDetailsLength, required: false);
        if (!errors.IsEmpty)
        {
            return new Outcome<bool>.Invalid(errors);
        }

        db.PersonReports.Add(new PersonReport
        {
            ReporterId = me,
            ReportedId = conversation.OtherOf(me),
            ConversationId = id,
            Reason = reason!.Value,
            Details = string.IsNullOrWhiteSpace(details) ? null : details.Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome<bool>.Done(true, Created: true);
    }

    /// <summary>The picture of an image message, for the two participants of its conversation only.</summary>
    public async Task<Outcome<ImageFile>> ImageAsync(long me, long messageId, CancellationToken cancellationToken)
    {
        var found = await db.Messages.AsNoTracking()
            .Where(m => m.Id == messageId && m.Kind == MessageKind.Image)
            .Join(db.Conversations, m => m.ConversationId, c => c.Id, (m, c) => new { m.ConversationId, m.ImageFile, m.ImageContentType, c.FirstAccountId, c.SecondAccountId })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || (found.FirstAccountId != me && found.SecondAccountId != me) || found.ImageFile is null)
        {
            return new Outcome<ImageFile>.NotFound();
        }

        var path = ImagePath(found.ConversationId, found.ImageFile);
        return File.Exists(path) ? new Outcome<ImageFile>.Done(new ImageFile(path, found.ImageContentType ?? "application/octet-stream")) : new Outcome<ImageFile>.NotFound();
    }

    /// <summary>Messages from others the caller has not read, over all its conversations.</summary>
    public Task<int> UnreadTotalAsync(long me, CancellationToken cancellationToken) =>
        db.ConversationMembers.Where(x => x.AccountId == me)
            .Join(db.Messages, x => x.ConversationId, m => m.ConversationId, (x, m) => new { x.LastReadMessageId, m.Id, m.SenderId })
            .CountAsync(p => p.SenderId != me && p.Id > p.LastReadMessageId, cancellationToken);

    /// <summary>The in-app link of a conversation, also the key that folds its new-message notifications into one.</summary>
    public static string LinkOf(long conversationId) => "/conversations/" + conversationId.ToString(CultureInfo.InvariantCulture);

    private async Task<Outcome<MessageView>> SendAsync(long me, long id, Message message, byte[]? image, CancellationToken cancellationToken)
    {
        var conversation = await MineAsync(me, id, cancellationToken);
        if (conversation is null)
        {
            return new Outcome<MessageView>.NotFound();
        }

        // A retry gets what the first attempt stored, even if a block or the spam signal came since.
        if (await StoredAsync(id, me, message.ClientMessageId, cancellationToken) is { } stored)
        {
            return new Outcome<MessageView>.Done((await MessageViewsAsync(me, [stored], cancellationToken))[0]);
        }

        var other = conversation.OtherOf(me);
        if (await BlockedAsync(me, other, cancellationToken))
        {
            return new Outcome<MessageView>.Blocked();
        }

        if (message.Text is { } text && !spam.TryAdmit(me, other, text, out var retryAfter))
        {
            return new Outcome<MessageView>.Slowed(retryAfter);
        }

        string? imagePath = null;
        if (image is not null)
        {
            imagePath = ImagePath(id, message.ImageFile!);
            Directory.CreateDirectory(Path.GetDirectoryName(imagePath)!);
            await File.WriteAllBytesAsync(imagePath, image, cancellationToken);
        }

        var tracked = await db.Conversations.SingleAsync(c => c.Id == id, cancellationToken);
        try
        {
            await PostAsync(tracked, me, message, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same client message id sent twice at once: the unique index let the other one in.
            if (imagePath is not null)
            {
                File.Delete(imagePath);
            }

            db.ChangeTracker.Clear();
            var raced = await StoredAsync(id, me, message.ClientMessageId, cancellationToken);
            if (raced is null)
            {
                throw;
            }

            return new Outcome<MessageView>.Done((await MessageViewsAsync(me, [raced], cancellationToken))[0]);
        }

        return new Outcome<MessageView>.Done((await MessageViewsAsync(me, [message], cancellationToken))[0], Created: true);
    }

    /// <summary>Stores <paramref name="message"/> from <paramref name="sender"/>, moves the conversation and the sender's read position, then tells both sides and notifies the recipient.</summary>
    private async Task PostAsync(Conversation conversation, long sender, Message message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        message.ConversationId = conversation.Id;
        message.SenderId = sender;
        message.SentAt = now;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.Messages.Add(message);
            await db.SaveChangesAsync(cancellationToken);
            conversation.LastMessageId = message.Id;
            conversation.LastActivityAt = now;
            (await MemberAsync(conversation.Id, sender, cancellationToken)).LastReadMessageId = message.Id;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var recipient = conversation.OtherOf(sender);
        foreach (var account in (long[])[sender, recipient])
        {
            await events.MessageCreatedAsync(account, (await MessageViewsAsync(account, [message], cancellationToken))[0]);
        }

        var name = (await PeopleAsync([sender], cancellationToken))[sender].DisplayName;
        await notifier.NotifyAsync(
            new NotificationRequest(recipient, NotificationType.NewMessage, "Tin nhắn mới", $"Bạn có tin nhắn mới từ {name}.", LinkOf(conversation.Id)) { ReplacesUnread = true },
            cancellationToken);
    }

    private Task<Message?> StoredAsync(long id, long me, string clientMessageId, CancellationToken cancellationToken) =>
        db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.ConversationId == id && m.SenderId == me && m.ClientMessageId == clientMessageId, cancellationToken);

    /// <summary>The conversation of the two, created with both members if they have none (a race for it lets one in, and the other reads it).</summary>
    private async Task<Conversation> OpenAsync(long me, long other, CancellationToken cancellationToken)
    {
        var (first, second) = me < other ? (me, other) : (other, me);
        var existing = await db.Conversations.SingleOrDefaultAsync(c => c.FirstAccountId == first && c.SecondAccountId == second, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var conversation = new Conversation { FirstAccountId = first, SecondAccountId = second, CreatedAt = now, LastActivityAt = now };
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Conversations.Add(conversation);
            await db.SaveChangesAsync(cancellationToken);
            db.ConversationMembers.AddRange(
                new ConversationMember { ConversationId = conversation.Id, AccountId = first },
                new ConversationMember { ConversationId = conversation.Id, AccountId = second });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return conversation;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await db.Conversations.SingleAsync(c => c.FirstAccountId == first && c.SecondAccountId == second, cancellationToken);
        }
    }

    private async Task<long?> FindAsync(long me, string? username, string? phone, FieldErrors errors, CancellationToken cancellationToken)
    {
        if ((username is null) == (phone is null))
        {
            errors.Add("username", "Give exactly one of username or phone.");
            return null;
        }

        long? found;
        if (username is not null)
        {
            if (!Usernames.TryNormalize(username, out var normalized))
            {
                errors.Add("username", "Must be 3 to 30 characters: a letter first, then letters, digits, dots or underscores.");
                return null;
            }

            found = await db.MessagingSettings.Where(s => s.Username == normalized).Select(s => (long?)s.AccountId).SingleOrDefaultAsync(cancellationToken);
        }
        else
        {
            if (!PhoneNumbers.TryNormalize(phone, out var canonical))
            {
                errors.Add("phone", "Must be a Vietnamese mobile number, e.g. 0912345678 or +84912345678.");
                return null;
            }

            var hash = protector.LookupHash(canonical);
            found = await db.Accounts
                .Where(a => a.PhoneLookupHash == hash)
                .Join(db.MessagingSettings.Where(s => s.FindableByPhone), a => a.Id, s => s.AccountId, (a, _) => (long?)a.Id)
                .SingleOrDefaultAsync(cancellationToken);
        }

        // Whoever blocked the caller cannot be found by it.
        return found is { } id && await db.Blocks.AnyAsync(b => b.BlockerId == id && b.BlockedId == me, cancellationToken) ? null : found;
    }

    private Task<bool> BlockedAsync(long me, long other, CancellationToken cancellationToken) =>
        db.Blocks.AnyAsync(b => (b.BlockerId == me && b.BlockedId == other) || (b.BlockerId == other && b.BlockedId == me), cancellationToken);

    private async Task<Conversation?> MineAsync(long me, long id, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return conversation is not null && conversation.Includes(me) ? conversation : null;
    }

    private async Task<ConversationMember> MemberAsync(long conversationId, long accountId, CancellationToken cancellationToken) =>
        await db.ConversationMembers.SingleAsync(m => m.ConversationId == conversationId && m.AccountId == accountId, cancellationToken);

    private async Task<Dictionary<long, PersonView>> PeopleAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var names = await db.Profiles.AsNoTracking().Where(p => ids.Contains(p.AccountId)).ToDictionaryAsync(p => p.AccountId, p => p.DisplayName, cancellationToken);
        var usernames = await db.MessagingSettings.AsNoTracking().Where(s => ids.Contains(s.AccountId)).ToDictionaryAsync(s => s.AccountId, s => s.Username, cancellationToken);
        return ids.Distinct().ToDictionary(
            id => id,
            id => new PersonView(handles.Of(id), names.GetValueOrDefault(id) ?? "", usernames.GetValueOrDefault(id)));
    }

    private async Task<List<ConversationView>> ViewsAsync(long me, IReadOnlyList<Conversation> conversations, CancellationToken cancellationToken)
    {
        var ids = conversations.Select(c => c.Id).ToList();
        var others = conversations.Select(c => c.OtherOf(me)).Distinct().ToList();
        var people = await PeopleAsync(others, cancellationToken);
        var members = await db.ConversationMembers.AsNoTracking().Where(m => ids.Contains(m.ConversationId)).ToListAsync(cancellationToken);
        var lastIds = conversations.Select(c => c.LastMessageId).Where(id => id > 0).ToList();
        var lastMessages = await db.Messages.AsNoTracking().Where(m => lastIds.Contains(m.Id)).ToListAsync(cancellationToken);
        var lastViews = (await MessageViewsAsync(me, lastMessages, cancellationToken)).ToDictionary(m => m.ConversationId);
        var unread = await db.ConversationMembers.Where(x => x.AccountId == me && ids.Contains(x.ConversationId))
            .Join(db.Messages, x => x.ConversationId, m => m.ConversationId, (x, m) => new { x.ConversationId, x.LastReadMessageId, m.Id, m.SenderId })
            .Where(p => p.SenderId != me && p.Id > p.LastReadMessageId)
            .GroupBy(p => p.ConversationId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var blocks = await db.Blocks.AsNoTracking().Where(b => (b.BlockerId == me && others.Contains(b.BlockedId)) || (b.BlockedId == me && others.Contains(b.BlockerId))).ToListAsync(cancellationToken);

        return conversations.Select(c =>
        {
            var other = c.OtherOf(me);
            var blockedByMe = blocks.Any(b => b.BlockerId == me && b.BlockedId == other);
            var blockedEither = blockedByMe || blocks.Any(b => b.BlockerId == other && b.BlockedId == me);
            return new ConversationView(
                c.Id,
                people[other],
                Reference(c.ListingKind, c.ListingId, c.ListingTitle),
                c.LastActivityAt,
                lastViews.GetValueOrDefault(c.Id),
                unread.GetValueOrDefault(c.Id),
                members.SingleOrDefault(m => m.ConversationId == c.Id && m.AccountId == me)?.LastReadMessageId ?? 0,
                members.SingleOrDefault(m => m.ConversationId == c.Id && m.AccountId == other)?.LastReadMessageId ?? 0,
                blockedByMe,
                !blockedEither);
        }).ToList();
    }

    private async Task<List<MessageView>> MessageViewsAsync(long me, IReadOnlyList<Message> messages, CancellationToken cancellationToken)
    {
        var sharers = messages.Where(m => m.Kind == MessageKind.SharedPhone).Select(m => m.SenderId).Distinct().ToList();
        var phones = sharers.Count == 0
            ? []
            : await db.Accounts.AsNoTracking().Where(a => sharers.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.PhoneCiphertext, cancellationToken);
        return messages.Select(m => new MessageView(
            m.Id,
            m.ConversationId,
            handles.Of(m.SenderId),
            m.SenderId == me,
            m.Kind,
            m.ClientMessageId,
            m.Text,
            m.Kind == MessageKind.Image ? new ImageView($"/api/messages/{m.Id.ToString(CultureInfo.InvariantCulture)}/image", m.ImageContentType ?? "", m.ImageBytes ?? 0) : null,
            m.Kind == MessageKind.SharedPhone && phones.TryGetValue(m.SenderId, out var cipher) ? Decrypt(cipher) : null,
            Reference(m.ListingKind, m.ListingId, m.ListingTitle),
            m.SentAt)).ToList();
    }

    private string? Decrypt(byte[] cipher)
    {
        try
        {
            return protector.Decrypt(cipher);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static ListingReference? Reference(ListingKind? kind, long? id, string? title) =>
        kind is { } k && id is { } i ? new ListingReference(k.Slug(), i, title ?? "") : null;

    private string ImagePath(long conversationId, string file) =>
        Path.Combine(options.ImageFolder, conversationId.ToString(CultureInfo.InvariantCulture), file);

    private static void CheckClientMessageId(string? clientMessageId, FieldErrors errors) =>
        errors.When(
            string.IsNullOrWhiteSpace(clientMessageId) || clientMessageId.Length > Message.MaxClientMessageIdLength || clientMessageId.Any(c => c is < '!' or > '~'),
            "clientMessageId",
            $"Required: 1 to {Message.MaxClientMessageIdLength} printable ASCII characters the client chose for this message (a UUID, say), the same on every retry.");

    private static Outcome<T>.Invalid BadCursor<T>()
    {
        var errors = new FieldErrors();
        errors.Add("cursor", "Malformed cursor, or one issued for another list. Start again without it.");
        return new Outcome<T>.Invalid(errors);
    }
}
