using DongNai.Domain.Validation;
using DongNai.Messaging;
using DongNai.Messaging.Notifications;
using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Hosting;
using DongNai.Search.Api.Parameters;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DongNai.Search.Api.Messaging;

/// <summary>The caller's in-app inbox (<see cref="NotificationInbox"/>): pages newest first, and read marks; and the caller's devices that receive pushes (<see cref="PushDevices"/>).</summary>
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

        var devices = routes.MapGroup("/api/me/devices").WithTags("Notifications").RequireAuthorization();
        devices.MapPost("/", RegisterDevice).WithName("RegisterPushDevice")
            .WithSummary("Register the calling device's push token (201; registering it again answers 200 and refreshes it)")
            .WithDescription("The token is stored encrypted and never answered back. A token another account registered moves to the caller: pushes follow whoever uses the device now. Remove the device when signing out.")
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        devices.MapGet("/", ListDevices).WithName("ListPushDevices").WithSummary("The caller's devices that receive pushes, the one seen last first");
        devices.MapDelete("/{id:long}", RemoveDevice).WithName("RemovePushDevice").WithSummary("Stop pushes to one of the caller's devices")
            .ProducesProblem(StatusCodes.Status404NotFound)
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

    private static async Task<Results<Created<PushDeviceView>, Ok<PushDeviceView>, ValidationProblem, ProblemHttpResult>> RegisterDevice(
        RegisterDeviceRequest request, HttpContext http, PushDevices devices, CancellationToken cancellationToken) =>
        MessagingAnswers.Sent(
            await devices.RegisterAsync(http.User.Id(), request.Token, request.Platform, cancellationToken),
            http,
            device => $"/api/me/devices/{device.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    private static async Task<Ok<IReadOnlyList<PushDeviceView>>> ListDevices(HttpContext http, PushDevices devices, CancellationToken cancellationToken) =>
        TypedResults.Ok(await devices.ListAsync(http.User.Id(), cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveDevice(long id, HttpContext http, PushDevices devices, CancellationToken cancellationToken) =>
        await devices.RemoveAsync(http.User.Id(), id, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: "There is no such device for this account.");
}
