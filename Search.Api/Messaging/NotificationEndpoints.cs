using DongNai.Domain.Validation;
using DongNai.Messaging;
using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Hosting;
using DongNai.Search.Api.Parameters;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DongNai.Search.Api.Messaging;

/// <summary>The caller's in-app inbox (<see cref="NotificationInbox"/>): pages newest first, and read marks.</summary>
public static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this IEndpointRouteBuilder routes)
    {
        var inbox = routes.MapGroup("/api/me/notifications").WithTags("Notifications").RequireAuthorization();
        inbox.MapGet("/", List).WithName("ListNotifications").WithSummary("The caller's inbox, newest first, and how many items are unread")
            .AllowQuery(MessagingEndpoints.Cursor);
        inbox.MapPost("/{id:long}/read", MarkRead).WithName("MarkNotificationRead").WithSummary("Mark one inbox item read")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        inbox.MapPost("/read", MarkAllRead).WithName("MarkAllNotificationsRead").WithSummary("Mark every inbox item read")
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
    }

    private static async Task<Results<Ok<NotificationPage>, ValidationProblem, ProblemHttpResult>> List(
        HttpContext http, NotificationInbox inbox, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var cursor = new QueryReader(http.Request.Query, errors).Text(MessagingEndpoints.Cursor);
        return errors.IsEmpty
            ? MessagingAnswers.Answer(await inbox.PageAsync(http.User.Id(), cursor, cancellationToken), http)
            : MessagingAnswers.Invalid(errors.ToDictionary());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(long id, HttpContext http, NotificationInbox inbox, CancellationToken cancellationToken) =>
        await inbox.MarkReadAsync(http.User.Id(), id, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: "There is no such inbox item for this account.");

    private static async Task<NoContent> MarkAllRead(HttpContext http, NotificationInbox inbox, CancellationToken cancellationToken)
    {
        await inbox.MarkAllReadAsync(http.User.Id(), cancellationToken);
        return TypedResults.NoContent();
    }
}
