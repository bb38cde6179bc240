using DongNai.Domain;
using DongNai.Domain.Payments;
using DongNai.Domain.Validation;
using DongNai.Identity;
using DongNai.Payments.Orders;
using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Hosting;
using DongNai.Search.Api.Parameters;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Search.Api.Payments;

/// <summary>One change of an order's status.</summary>
/// <param name="From">The status before; null for the order's first row.</param>
/// <param name="To">The status after.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Reason">Why.</param>
public sealed record OrderTransitionResponse(OrderStatus? From, OrderStatus To, DateTime At, string Reason);

/// <summary>An order and its history.</summary>
/// <param name="Id">The order's id.</param>
/// <param name="Reference">What a gateway or a bank transfer carries to name the order.</param>
/// <param name="Purpose">What it pays for.</param>
/// <param name="AmountVnd">What it costs, in VND.</param>
/// <param name="Status">Where it is.</param>
/// <param name="CreatedAt">When it was made (UTC).</param>
/// <param name="ExpiresAt">When it expires unless paid (UTC).</param>
/// <param name="PaidAt">When the payment was confirmed.</param>
/// <param name="Gateway">The gateway that confirmed it (<c>vnpay</c>, <c>momo</c>, <c>vietqr</c>).</param>
/// <param name="Transitions">Every change of its status, oldest first.</param>
public sealed record OrderResponse(
    long Id,
    string Reference,
    OrderPurpose Purpose,
    long AmountVnd,
    OrderStatus Status,
    DateTime CreatedAt,
    DateTime ExpiresAt,
    DateTime? PaidAt,
    string? Gateway,
    IReadOnlyList<OrderTransitionResponse> Transitions);

/// <summary>Why an admin refunds an order.</summary>
/// <param name="Reason">Kept with the order's history: 5 to 500 characters.</param>
public sealed record RefundRequest(string? Reason);

/// <summary>
/// Orders: the payer reads theirs (to follow a payment), an admin refunds a paid one. Payments
/// are confirmed by the gateways' verified callbacks (<see cref="OrderWorkflow.ConfirmPaidAsync"/>),
/// never by an endpoint a client calls.
/// </summary>
public static class OrderEndpoints
{
    public static void MapOrderEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/me/orders/{id:long}", Get).WithTags("Payments").WithName("GetMyOrder")
            .WithSummary("One of the signed-in person's orders, with its history")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization();
        routes.MapPost("/api/admin/orders/{id:long}/refund", Refund).WithTags("Admin").WithName("RefundOrder")
            .WithSummary("Refund a paid order whose voucher is unused (the unit goes back) or whose public-service application is still received or was refused (its fee becomes unpaid): recorded in the ledger (admins only)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.Admin))
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        routes.MapGet("/api/admin/payments/reconciliation", Reconciliation).WithTags("Admin").WithName("PaymentReconciliation")
            .WithSummary("The ledger's payments and refunds per gateway over one day in Vietnam, to compare with the gateways' statements (admins only)")
            .AllowQuery(Date)
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.Admin));
    }

    private static readonly QueryParameter Date = new()
    {
        Name = "date",
        Description = "The day in Vietnam (UTC+7), as yyyy-MM-dd.",
        MaxLength = 10,
        Pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        Example = "2026-11-02",
        Required = true,
    };

    private static async Task<Results<Ok<ReconciliationReport>, ValidationProblem>> Reconciliation(
        HttpContext http, PaymentReconciliation reconciliation, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var text = new QueryReader(http.Request.Query, errors).Text(Date);
        if (!errors.IsEmpty || text is null
            || !DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            || date.Year is < 2000 or > 2100)
        {
            errors.Add(Date.Name, "Required: a day as yyyy-MM-dd, between the years 2000 and 2100.");
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more parameters are invalid.");
        }

        return TypedResults.Ok(await reconciliation.ForDayAsync(date, cancellationToken));
    }

    private static async Task<Results<Ok<OrderResponse>, ForbidHttpResult, ProblemHttpResult>> Get(
        long id, HttpContext http, AppDbContext db, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
        {
            return NoSuchOrder();
        }

        if (order.AccountId != http.User.Id())
        {
            return TypedResults.Forbid();
        }

        return TypedResults.Ok(await ResponseAsync(db, order, cancellationToken));
    }

    private static async Task<Results<Ok<OrderResponse>, ValidationProblem, ProblemHttpResult>> Refund(
        long id, RefundRequest request, HttpContext http, AppDbContext db, OrderWorkflow orders, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Text(request.Reason, "reason", 5, OrderTransition.MaxReasonLength);
        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");
        }

        var outcome = await orders.RefundAsync(id, http.User.Id(), request.Reason!.Trim(), cancellationToken);
        if (outcome == RefundOutcome.OrderNotFound)
        {
            return NoSuchOrder();
        }

        if (outcome != RefundOutcome.Refunded)
        {
            var title = outcome == RefundOutcome.AlreadyUsed ? "What the order bought was already used." : "The order is not paid (or already refunded).";
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title);
        }

        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == id, cancellationToken);
        return TypedResults.Ok(await ResponseAsync(db, order, cancellationToken));
    }

    private static async Task<OrderResponse> ResponseAsync(AppDbContext db, Order order, CancellationToken cancellationToken)
    {
        var transitions = await db.OrderTransitions.AsNoTracking().Where(t => t.OrderId == order.Id).OrderBy(t => t.Id)
            .Select(t => new OrderTransitionResponse(t.From, t.To, t.At, t.Reason)).ToListAsync(cancellationToken);
        return new OrderResponse(
            order.Id, order.Reference, order.Purpose, order.AmountVnd, order.Status, order.CreatedAt, order.ExpiresAt, order.PaidAt, order.Gateway, transitions);
    }

    private static ProblemHttpResult NoSuchOrder() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such order.");
}
