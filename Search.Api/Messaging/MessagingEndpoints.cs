using System.Globalization;
using DongNai.Domain.Validation;
using DongNai.Messaging;
using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Hosting;
using DongNai.Search.Api.Parameters;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DongNai.Search.Api.Messaging;

/// <summary>
/// Conversations between people (<see cref="ConversationService"/>): finding a person, opening a
/// conversation (also from a listing), messages, read positions, blocks and reports, and the
/// caller's messaging settings. Every operation needs a signed-in account; a conversation, message
/// or picture of other people answers 404, as if it did not exist. The REST API is the source of
/// truth; <c>/hubs/messages</c> only pushes (docs/messaging.md).
/// </summary>
public static class MessagingEndpoints
{
    public static readonly QueryParameter Cursor = QueryParameter.Text(
        "cursor", 100, "A cursor from the previous answer (nextCursor, olderCursor or newerCursor); absent for the first page.");

    public static void MapMessagingEndpoints(this IEndpointRouteBuilder routes, MessagingOptions options)
    {
        var me = routes.MapGroup("/api/me").WithTags("Messaging").RequireAuthorization();
        me.MapGet("/messaging", GetSettings).WithName("GetMessagingSettings").WithSummary("The caller's username, phone findability, quiet hours and notification preferences");
        me.MapPut("/messaging", UpdateSettings).WithName("UpdateMessagingSettings")
            .WithSummary("Replace the caller's username, phone findability, quiet hours and notification preferences")
            .WithDescription("Findable by phone is off unless set here. Quiet hours are Vietnam time (HH:mm); during them notifications reach the inbox but are not pushed.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        me.MapGet("/unread", Unread).WithName("UnreadCounts").WithSummary("Unread messages over all conversations, and unread inbox items");

        routes.MapPost("/api/people/lookup", Lookup).WithTags("Messaging").WithName("FindPerson")
            .WithSummary("Find a person by username, or by phone number if they allow it")
            .WithDescription("Answers the person's handle, display name and username; never their phone number. A phone number finds only people who turned on findableByPhone.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization().RequireRateLimiting(HostingExtensions.ConversationStartRateLimit);

        var conversations = routes.MapGroup("/api/conversations").WithTags("Messaging").RequireAuthorization();
        conversations.MapPost("/", Start).WithName("StartConversation")
            .WithSummary("Open (or reuse) the conversation with a person, or with a listing's owner (\"Liên hệ người bán\")")
            .WithDescription("One conversation per pair of people: starting again reuses it. From a listing, the conversation carries the listing (kind, id, title as it was), and a listing message marks where the talk about it begins.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRateLimiting(HostingExtensions.ConversationStartRateLimit);
        conversations.MapGet("/", List).WithName("ListConversations").WithSummary("The caller's conversations, most recently active first, with unread counts")
            .AllowQuery(Cursor);
        conversations.MapGet("/{id:long}", Get).WithName("GetConversation").WithSummary("One of the caller's conversations")
            .ProducesProblem(StatusCodes.Status404NotFound);
        conversations.MapGet("/{id:long}/messages", Messages).WithName("ListMessages")
            .WithSummary("Messages of a conversation, oldest first: the latest page, or the page an olderCursor or newerCursor names")
            .WithDescription("A reconnecting client fetches what it missed with the newest newerCursor it holds.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AllowQuery(Cursor);
        conversations.MapPost("/{id:long}/messages", SendText).WithName("SendMessage")
            .WithSummary("Send a text message (201; a retry with the same clientMessageId answers 200 with the stored message)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRateLimiting(HostingExtensions.MessageRateLimit);
        conversations.MapPost("/{id:long}/images", SendImage).WithName("SendImage")
            .WithSummary("Send a picture: JPEG, PNG or WebP, base64 (201; a retry with the same clientMessageId answers 200)")
            .WithDescription($"At most {options.MaxImageBytes / 1024} KiB of picture. The picture is re-encoded as a JPEG without metadata (no EXIF, so no GPS position or camera data reaches the other person); at most {options.MaxImagePixels} pixels wide and high.")
            .WithMetadata(new RequestSizeLimitAttribute(ImageBodyLimit(options)))
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRateLimiting(HostingExtensions.MessageRateLimit);
        conversations.MapPost("/{id:long}/share-phone", SharePhone).WithName("SharePhone")
            .WithSummary("Share the caller's own phone number with the other participant, as a message")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRateLimiting(HostingExtensions.MessageRateLimit);
        conversations.MapPost("/{id:long}/read", MarkRead).WithName("MarkConversationRead")
            .WithSummary("Mark the conversation read up to a message (the other participant sees the read receipt)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        conversations.MapPost("/{id:long}/block", Block).WithName("BlockPerson")
            .WithSummary("Block the other participant: neither may start a conversation with the other or send in this one")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        conversations.MapDelete("/{id:long}/block", Unblock).WithName("UnblockPerson")
            .WithSummary("Lift the caller's block of the other participant")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        conversations.MapPost("/{id:long}/report", Report).WithName("ReportPerson")
            .WithSummary("Report the other participant to the moderators")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);

        routes.MapGet("/api/messages/{id:long}/image", Image).WithTags("Messaging").WithName("GetMessageImage")
            .WithSummary("The picture of an image message, for the two participants only")
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg", additionalContentTypes: ["image/png", "image/webp"])
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization();
    }

    /// <summary>The body limit of a picture: its base64 text and room for the rest of the JSON.</summary>
    private static long ImageBodyLimit(MessagingOptions options) => ((options.MaxImageBytes + 2L) / 3 * 4) + 4096;

    private static Task<MessagingSettingsView> GetSettings(HttpContext http, MessagingSettingsService settings, CancellationToken cancellationToken) =>
        settings.GetAsync(http.User.Id(), cancellationToken);

    private static async Task<Results<Ok<MessagingSettingsView>, ValidationProblem, ProblemHttpResult>> UpdateSettings(
        MessagingSettingsRequest request, HttpContext http, MessagingSettingsService settings, CancellationToken cancellationToken) =>
        MessagingAnswers.Answer(
            await settings.UpdateAsync(http.User.Id(), request.Username, request.FindableByPhone, request.QuietHoursStart, request.QuietHoursEnd, request.Preferences, cancellationToken),
            http);

    private static async Task<UnreadResponse> Unread(HttpContext http, ConversationService conversations, NotificationInbox inbox, CancellationToken cancellationToken)
    {
        var me = http.User.Id();
        return new UnreadResponse(await conversations.UnreadTotalAsync(me, cancellationToken), await inbox.UnreadAsync(me, cancellationToken));
    }

    private static async Task<Results<Ok<PersonView>, ValidationProblem, ProblemHttpResult>> Lookup(
        PersonLookupRequest request, HttpContext http, ConversationService conversations, CancellationToken cancellationToken) =>
        MessagingAnswers.Answer(await conversations.LookupAsync(http.User.Id(), request.Username, request.Phone, cancellationToken), http);

    private static async Task<Results<Ok<ConversationView>, ValidationProblem, ProblemHttpResult>> Start(
        StartConversationRequest request, HttpContext http, ConversationService conversations, CancellationToken cancellationToken) =>
        MessagingAnswers.Answer(
            await conversations.StartAsync(http.User.Id(), request.Username, request.Phone, request.Listing?.Kind, request.Listing?.Id, cancellationToken),
            http);

    private static async Task<Results<Ok<ConversationPage>, ValidationProblem, ProblemHttpResult>> List(
        HttpContext http, ConversationService conversations, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var cursor = new QueryReader(http.Request.Query, errors).Text(Cursor);
        return errors.IsEmpty
            ? MessagingAnswers.Answer(await conversations.ListAsync(http.User.Id(), cursor, cancellationToken), http)
            : MessagingAnswers.Invalid(errors.ToDictionary());
    }

    private static async Task<Results<Ok<ConversationView>, ValidationProblem, ProblemHttpResult>> Get(
        long id, HttpContext http, ConversationService conversations, CancellationToken cancellationToken) =>
        MessagingAnswers.Answer(await conversations.GetAsync(http.User.Id(), id, cancellationToken), http);

    private static async Task<Results<Ok<MessagePage>, ValidationProblem, ProblemHttpResult>> Messages(
        long id, HttpContext http, ConversationService conversations, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var cursor = new QueryReader(http.Request.Query, errors).Text(Cursor);
        return errors.IsEmpty
            ? MessagingAnswers.Answer(await conversations.MessagesAsync(http.User.Id(), id, cursor, cancellationToken), http)
            : MessagingAnswers.Invalid(errors.ToDictionary());
    }

    private static async Task<Results<Created<MessageView>, Ok<MessageView>, ValidationProblem, ProblemHttpResult>> SendText(
        long id, SendTextRequest request, HttpContext http, ConversationService conversations, CancellationToken cancellationToken) =>
        MessagingAnswers.Sent(await conversations.SendTextAsync(http.User.Id(), id, request.ClientMessageId, request.Text, cancellationToken), http, Location);

    private static async Task<Results<Created<MessageView>, Ok<MessageView>, ValidationProblem, ProblemHttpResult>> SendImage(
        long id, SendImageRequest request, HttpContext http, ConversationService conversations, CancellationToken cancellationToken) =>
        MessagingAnswers.Sent(await conversations.SendImageAsync(http.User.Id(), id, request.ClientMessageId, request.Data, cancellationToken), http, Location);

    private static async Task<Results<Created<MessageView>, Ok<MessageView>, ValidationProblem, ProblemHttpResult>> SharePhone(
        long id, SharePhoneRequest request, HttpContext http, ConversationService conversations, CancellationToken cancellationToken) =>
        MessagingAnswers.Sent(await conversations.SharePhoneAsync(http.User.Id(), id, request.ClientMessageId, cancellationToken), http, Location);

    private static async Task<Results<Ok<ReadView>, ValidationProblem, ProblemHttpResult>> MarkRead(
        long id, MarkReadRequest request, HttpContext http, ConversationService conversations, CancellationToken cancellationToken) =>
        MessagingAnswers.Answer(await conversations.MarkReadAsync(http.User.Id(), id, request.LastReadMessageId, cancellationToken), http);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Block(
        long id, HttpContext http, ConversationService conversations, CancellationToken cancellationToken) =>
        MessagingAnswers.Empty(await conversations.BlockAsync(http.User.Id(), id, cancellationToken), http);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Unblock(
        long id, HttpContext http, ConversationService conversations, CancellationToken cancellationToken) =>
        MessagingAnswers.Empty(await conversations.UnblockAsync(http.User.Id(), id, cancellationToken), http);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Report(
        long id, ReportRequest request, HttpContext http, ConversationService conversations, CancellationToken cancellationToken) =>
        MessagingAnswers.Empty(await conversations.ReportAsync(http.User.Id(), id, request.Reason, request.Details, cancellationToken), http);

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> Image(
        long id, HttpContext http, ConversationService conversations, CancellationToken cancellationToken)
    {
        if (await conversations.ImageAsync(http.User.Id(), id, cancellationToken) is not Outcome<ImageFile>.Done { Value: var file })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: "There is no such picture for this account.");
        }

        // Private to the two participants: no shared cache may keep it.
        http.Response.Headers.CacheControl = "private, max-age=86400";
        return TypedResults.PhysicalFile(file.Path, file.ContentType);
    }

    private static string Location(MessageView message) =>
        $"/api/conversations/{message.ConversationId.ToString(CultureInfo.InvariantCulture)}/messages";
}
