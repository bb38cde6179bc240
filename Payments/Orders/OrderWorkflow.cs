using System.Security.Cryptography;
using DongNai.Domain;
using DongNai.Domain.Payments;
using DongNai.Indexers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DongNai.Payments.Orders;

/// <summary>
/// The life of an order: created → pending → paid | failed | expired | cancelled, and paid →
/// refunded. Every change is one transaction holding a conditional update of the order's status
/// (<c>WHERE Id = @id AND Status = @expected</c>), its <see cref="OrderTransition"/>, its ledger
/// movement and what the order's <see cref="IOrderFulfilment"/> does; when the update matches no row
/// (another request changed the order first) nothing else is written. So an order is paid at most
/// once whatever arrives, in whatever order, however often. Scoped: one per request or job scope.
/// </summary>
public sealed class OrderWorkflow(
    AppDbContext db, TimeProvider time, IOptions<PaymentOptions> options, IEnumerable<IOrderFulfilment> fulfilments, IndexingTrigger indexing,
    IEnumerable<IOrderNotices> notices)
{
    private const string ReferenceAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>
    /// Adds a pending order for <paramref name="amountVnd"/> to the context, saved, with its first
    /// transitions. Call inside the caller's transaction (the claim that needs the order); the
    /// caller commits. The order expires after <see cref="PaymentOptions.OrderLifetime"/>.
    /// </summary>
    public async Task<Order> AddPendingAsync(long accountId, OrderPurpose purpose, long amountVnd, string reason, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amountVnd);
        var now = Now();
        var order = new Order
        {
            Reference = NewReference(),
            AccountId = accountId,
            Purpose = purpose,
            AmountVnd = amountVnd,
            Status = OrderStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now + options.Value.OrderLifetime,
        };
        db.Orders.Add(order);
        await db.SaveChangesAsync(cancellationToken);
        var actor = Actors.Account(accountId);
        db.OrderTransitions.Add(Transition(order.Id, null, OrderStatus.Created, now, actor, reason));
        db.OrderTransitions.Add(Transition(order.Id, OrderStatus.Created, OrderStatus.Pending, now, actor, "Awaiting payment."));
        await db.SaveChangesAsync(cancellationToken);
        return order;
    }

    /// <summary>
    /// Records that <paramref name="gateway"/> received <paramref name="amountVnd"/> for the order,
    /// as its transaction <paramref name="gatewayTransactionId"/>. Idempotent: the same report twice
    /// confirms once and then answers <see cref="PaymentConfirmation.AlreadyConfirmed"/>. Call only
    /// with a report whose signature has been verified. Thread-safe across requests (the database
    /// decides), not within one instance.
    /// </summary>
    public async Task<PaymentConfirmation> ConfirmPaidAsync(
        long orderId, long amountVnd, string gateway, string gatewayTransactionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(gateway);
        ArgumentException.ThrowIfNullOrWhiteSpace(gatewayTransactionId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(gateway.Length, Order.MaxGatewayLength, nameof(gateway));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(gatewayTransactionId.Length, Order.MaxGatewayTransactionIdLength, nameof(gatewayTransactionId));

        var now = Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        var refused = Refusal(order, amountVnd);
        if (refused is not null)
        {
            return refused.Value;
        }

        if (await db.Orders.AnyAsync(o => o.Gateway == gateway && o.GatewayTransactionId == gatewayTransactionId && o.Id != orderId, cancellationToken))
        {
            return PaymentConfirmation.TransactionUsedElsewhere;
        }

        var from = order!.Status;
        var changed = await db.Orders
            .Where(o => o.Id == orderId && o.Status == from && o.AmountVnd == amountVnd)
            .ExecuteUpdateAsync(
                set => set.SetProperty(o => o.Status, OrderStatus.Paid).SetProperty(o => o.PaidAt, now).SetProperty(o => o.UpdatedAt, now)
                    .SetProperty(o => o.Gateway, gateway).SetProperty(o => o.GatewayTransactionId, gatewayTransactionId),
                cancellationToken);
        if (changed == 0)
        {
            // Another confirmation (or an expiry) won between the read and the update.
            await transaction.RollbackAsync(cancellationToken);
            var current = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
            return Refusal(current, amountVnd) ?? PaymentConfirmation.AlreadyConfirmed;
        }

        order.Status = OrderStatus.Paid;
        order.Gateway = gateway;
        order.GatewayTransactionId = gatewayTransactionId;
        order.PaidAt = now;
        db.OrderTransitions.Add(Transition(orderId, from, OrderStatus.Paid, now, Actors.Gateway(gateway), "The gateway confirmed the payment."));
        db.Ledger.AddRange(LedgerPostings.Payment(order, gateway, now));
        await FulfilmentOf(order).OnPaidAsync(db, order, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        indexing.Poke();
        await TellAsync(order, cancellationToken);
        return PaymentConfirmation.Confirmed;
    }

    /// <summary>The gateway reported a failed payment: the order fails and gives back what it held. False when it was no longer open.</summary>
    public Task<bool> MarkFailedAsync(long orderId, string gateway, string reason, CancellationToken cancellationToken = default) =>
        CloseUnpaidAsync(orderId, OrderStatus.Failed, Actors.Gateway(gateway), reason, cancellationToken);

    /// <summary>The payer gave up: the order is cancelled and gives back what it held. False when it was no longer open.</summary>
    public Task<bool> CancelAsync(long orderId, long accountId, string reason, CancellationToken cancellationToken = default) =>
        CloseUnpaidAsync(orderId, OrderStatus.Cancelled, Actors.Account(accountId), reason, cancellationToken);

    /// <summary>Expires the order if it is still open and past its time. False when there was nothing to do.</summary>
    public Task<bool> ExpireAsync(long orderId, CancellationToken cancellationToken = default) =>
        CloseUnpaidAsync(orderId, OrderStatus.Expired, Actors.ExpiryJob, "No payment arrived in time.", cancellationToken);

    /// <summary>The open orders past their time, oldest first, at most <paramref name="limit"/>.</summary>
    public Task<List<long>> DueForExpiryAsync(int limit, CancellationToken cancellationToken = default)
    {
        var now = Now();
        return db.Orders.AsNoTracking()
            .Where(o => (o.Status == OrderStatus.Created || o.Status == OrderStatus.Pending) && o.ExpiresAt <= now)
            .OrderBy(o => o.ExpiresAt).Select(o => o.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Refunds a paid order: the order becomes refunded, the refund is a ledger movement, and what
    /// it bought goes back (a voucher claim's unit returns to stock). Refused once what it bought
    /// was used. Idempotent: a second refund answers <see cref="RefundOutcome.NotPaid"/>.
    /// </summary>
    public async Task<RefundOutcome> RefundAsync(long orderId, long staffAccountId, string reason, CancellationToken cancellationToken = default)
    {
        var now = Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null)
        {
            return RefundOutcome.OrderNotFound;
        }

        if (order.Status != OrderStatus.Paid)
        {
            return RefundOutcome.NotPaid;
        }

        var fulfilment = FulfilmentOf(order);
        if (!await fulfilment.CanRefundAsync(db, order, cancellationToken))
        {
            return RefundOutcome.AlreadyUsed;
        }

        var changed = await db.Orders.Where(o => o.Id == orderId && o.Status == OrderStatus.Paid)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.Status, OrderStatus.Refunded).SetProperty(o => o.UpdatedAt, now), cancellationToken);
        if (changed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return RefundOutcome.NotPaid;
        }

        order.Status = OrderStatus.Refunded;
        db.OrderTransitions.Add(Transition(orderId, OrderStatus.Paid, OrderStatus.Refunded, now, Actors.Account(staffAccountId), reason));
        db.Ledger.AddRange(LedgerPostings.Refund(order, now));
        await fulfilment.OnRefundedAsync(db, order, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        indexing.Poke();
        await TellAsync(order, cancellationToken);
        return RefundOutcome.Refunded;
    }

    private async Task<bool> CloseUnpaidAsync(long orderId, OrderStatus to, string actor, string reason, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null || order.Status is not (OrderStatus.Created or OrderStatus.Pending) || (to == OrderStatus.Expired && order.ExpiresAt > now))
        {
            return false;
        }

        var from = order.Status;
        var changed = await db.Orders.Where(o => o.Id == orderId && o.Status == from)
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.Status, to).SetProperty(o => o.UpdatedAt, now), cancellationToken);
        if (changed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        order.Status = to;
        db.OrderTransitions.Add(Transition(orderId, from, to, now, actor, reason));
        await FulfilmentOf(order).OnClosedUnpaidAsync(db, order, to, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        indexing.Poke();
        if (to != OrderStatus.Cancelled)
        {
            // The payer cancelled it themselves: they know.
            await TellAsync(order, cancellationToken);
        }

        return true;
    }

    /// <summary>Why a payment report cannot confirm <paramref name="order"/>, or null when it can.</summary>
    private static PaymentConfirmation? Refusal(Order? order, long amountVnd) => order switch
    {
        null => PaymentConfirmation.OrderNotFound,
        _ when order.AmountVnd != amountVnd => PaymentConfirmation.AmountMismatch,
        { Status: OrderStatus.Paid or OrderStatus.Refunded } => PaymentConfirmation.AlreadyConfirmed,
        { Status: OrderStatus.Created or OrderStatus.Pending } => null,
        _ => PaymentConfirmation.OrderClosed,
    };

    private IOrderFulfilment FulfilmentOf(Order order) =>
        fulfilments.FirstOrDefault(f => f.Purpose == order.Purpose)
        ?? throw new InvalidOperationException($"No fulfilment is registered for orders of purpose {order.Purpose}.");

    private async Task TellAsync(Order order, CancellationToken cancellationToken)
    {
        foreach (var notice in notices)
        {
            await notice.TellAsync(order, cancellationToken);
        }
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private static OrderTransition Transition(long orderId, OrderStatus? from, OrderStatus to, DateTime now, string actor, string reason) => new()
    {
        OrderId = orderId,
        From = from,
        To = to,
        At = now,
        Actor = actor,
        Reason = reason.Length > OrderTransition.MaxReasonLength ? reason[..OrderTransition.MaxReasonLength] : reason,
    };

    private static string NewReference() =>
        string.Create(Order.ReferenceLength, 0, static (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = ReferenceAlphabet[RandomNumberGenerator.GetInt32(ReferenceAlphabet.Length)];
            }
        });
}

/// <summary>How an <see cref="OrderTransition.Actor"/> names who acted: ids and names, never personal data.</summary>
public static class Actors
{
    public const string ExpiryJob = "job:order-expiry";

    public static string Account(long accountId) => "account:" + accountId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Gateway(string gateway) => "gateway:" + gateway;
}
