using DongNai.Domain.Payments;
using DongNai.Domain.People;
using DongNai.Payments.Orders;
using DongNai.Payments.Vouchers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Payments.Tests;

public sealed class OrderWorkflowTests : IAsyncLifetime
{
    private const long Price = 49_000;

    private readonly PaymentsDatabase _data = new();

    public Task InitializeAsync() => _data.InitializeAsync();

    public Task DisposeAsync() => _data.DisposeAsync();

    [Fact]
    public async Task ConfirmPaidAsync_ConfirmsOnce_WhenTheSameCallbackArrivesTwice()
    {
        var claim = await PricedClaimAsync();

        var first = await ConfirmAsync(claim.Order!.Id, Price, "vnpay", "14226112");
        var second = await ConfirmAsync(claim.Order.Id, Price, "vnpay", "14226112");

        var after = await ClaimAsync(claim.Id);
        var payments = await _data.WithDbAsync(db => db.Ledger.Where(e => e.OrderId == claim.Order.Id).CountAsync());
        Assert.Equal(PaymentConfirmation.Confirmed, first);
        Assert.Equal(PaymentConfirmation.AlreadyConfirmed, second);
        Assert.Equal(VoucherClaimStatus.Active, after.Status);
        Assert.NotNull(after.RedemptionCode);
        Assert.Equal(OrderStatus.Paid, after.Order!.Status);
        Assert.Equal(2, payments);
    }

    [Fact]
    public async Task ConfirmPaidAsync_ConfirmsExactlyOne_OfTwentyConcurrentReportsFromTwoGateways()
    {
        var claim = await PricedClaimAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            ConfirmAsync(claim.Order!.Id, Price, i % 2 == 0 ? "vnpay" : "momo", "tx-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))));

        var movements = await _data.WithDbAsync(db => db.Ledger.Where(e => e.OrderId == claim.Order!.Id).Select(e => e.MovementId).Distinct().CountAsync());
        Assert.Single(results, r => r == PaymentConfirmation.Confirmed);
        Assert.Equal(19, results.Count(r => r == PaymentConfirmation.AlreadyConfirmed));
        Assert.Equal(1, movements);
    }

    [Fact]
    public async Task ConfirmPaidAsync_ChangesNothing_ForAWrongAmount_AnUnknownOrder_OrATransactionThatPaidAnotherOrder()
    {
        var claim = await PricedClaimAsync();
        var other = await PricedClaimAsync();
        await ConfirmAsync(other.Order!.Id, Price, "vnpay", "14226112");

        var wrongAmount = await ConfirmAsync(claim.Order!.Id, Price - 1, "vnpay", "14226113");
        var unknown = await ConfirmAsync(claim.Order.Id + 1000, Price, "vnpay", "14226114");
        var reused = await ConfirmAsync(claim.Order.Id, Price, "vnpay", "14226112");

        Assert.Equal(PaymentConfirmation.AmountMismatch, wrongAmount);
        Assert.Equal(PaymentConfirmation.OrderNotFound, unknown);
        Assert.Equal(PaymentConfirmation.TransactionUsedElsewhere, reused);
        Assert.Equal(OrderStatus.Pending, (await ClaimAsync(claim.Id)).Order!.Status);
    }

    [Fact]
    public async Task ExpiryJob_ExpiresUnpaidOrdersPastTheirTime_AndGivesTheUnitsBack()
    {
        var shop = await _data.AddAccountAsync(Role.Employer);
        var voucher = await _data.AddVoucherAsync(shop, quantity: 2, priceVnd: Price);
        var person = await _data.AddAccountAsync();
        var claim = (await ClaimAsync(voucher, person)).Claim!;
        var paid = (await ClaimAsync(voucher, await _data.AddAccountAsync())).Claim!;
        await ConfirmAsync(paid.Order!.Id, Price, "momo", "2760123456");
        var soldOut = await ClaimAsync(voucher, await _data.AddAccountAsync());

        _data.Clock.Advance(TimeSpan.FromMinutes(14));
        var early = await RunExpiryAsync();
        _data.Clock.Advance(TimeSpan.FromMinutes(2));
        var due = await RunExpiryAsync();
        var lateCallback = await ConfirmAsync(claim.Order!.Id, Price, "vnpay", "14226199");

        var after = await ClaimAsync(claim.Id);
        var transitions = await _data.WithDbAsync(db => db.OrderTransitions.Where(t => t.OrderId == claim.Order.Id).OrderBy(t => t.Id).ToListAsync());
        Assert.Equal(ClaimOutcome.SoldOut, soldOut.Outcome);
        Assert.Equal(0, early);
        Assert.Equal(1, due);
        Assert.Equal(PaymentConfirmation.OrderClosed, lateCallback);
        Assert.Equal(VoucherClaimStatus.Released, after.Status);
        Assert.Equal(OrderStatus.Expired, after.Order!.Status);
        Assert.Equal(OrderStatus.Paid, (await ClaimAsync(paid.Id)).Order!.Status);
        Assert.Equal(1, (await _data.VoucherAsync(voucher)).QuantityRemaining);
        Assert.Equal([OrderStatus.Created, OrderStatus.Pending, OrderStatus.Expired], transitions.Select(t => t.To));
        Assert.Equal(Actors.ExpiryJob, transitions[^1].Actor);
        Assert.Equal(ClaimOutcome.Claimed, (await ClaimAsync(voucher, person)).Outcome);
    }

    [Fact]
    public async Task MarkFailedAsync_ReleasesTheClaim_AndAConfirmationAfterwardsChangesNothing()
    {
        var claim = await PricedClaimAsync();

        var failed = await _data.WithAsync<OrderWorkflow, bool>(o => o.MarkFailedAsync(claim.Order!.Id, "vnpay", "The payer's bank refused the payment (code 51)."));
        var confirmed = await ConfirmAsync(claim.Order!.Id, Price, "vnpay", "14226120");

        Assert.True(failed);
        Assert.Equal(PaymentConfirmation.OrderClosed, confirmed);
        Assert.Equal(VoucherClaimStatus.Released, (await ClaimAsync(claim.Id)).Status);
    }

    [Fact]
    public async Task RefundAsync_RecordsTheRefundInTheLedger_AndGivesTheUnitBack()
    {
        var claim = await PricedClaimAsync();
        var staff = await _data.AddAccountAsync(Role.Admin);
        var unpaidRefund = await RefundAsync(claim.Order!.Id, staff);
        await ConfirmAsync(claim.Order.Id, Price, "vnpay", "14226130");

        var refunded = await RefundAsync(claim.Order.Id, staff);
        var again = await RefundAsync(claim.Order.Id, staff);

        var entries = await _data.WithDbAsync(db => db.Ledger.Where(e => e.OrderId == claim.Order.Id).ToListAsync());
        var balances = entries.GroupBy(e => e.Account).ToDictionary(g => g.Key, g => g.Sum(e => e.AmountVnd));
        Assert.Equal(RefundOutcome.NotPaid, unpaidRefund);
        Assert.Equal(RefundOutcome.Refunded, refunded);
        Assert.Equal(RefundOutcome.NotPaid, again);
        Assert.Equal(Price, balances[LedgerAccount.GatewayClearing]);
        Assert.Equal(0, balances[LedgerAccount.MerchantPayable]);
        Assert.Equal(-Price, balances[LedgerAccount.RefundsPayable]);
        Assert.Equal(VoucherClaimStatus.Refunded, (await ClaimAsync(claim.Id)).Status);
        Assert.Equal(5, (await _data.VoucherAsync(claim.VoucherId)).QuantityRemaining);
    }

    [Fact]
    public async Task RefundAsync_RefusesAnOrderWhoseVoucherWasRedeemed()
    {
        var claim = await PricedClaimAsync();
        var staff = await _data.AddAccountAsync(Role.Admin);
        await ConfirmAsync(claim.Order!.Id, Price, "vnpay", "14226140");
        var code = (await ClaimAsync(claim.Id)).RedemptionCode!;
        var shop = (await _data.VoucherAsync(claim.VoucherId)).OwnerId;
        await _data.WithAsync<VoucherClaims, ClaimChangeResult>(c => c.RedeemAsync(code, "Chi nhánh Amata", shop));

        var refund = await RefundAsync(claim.Order.Id, staff);

        Assert.Equal(RefundOutcome.AlreadyUsed, refund);
        Assert.Equal(OrderStatus.Paid, (await ClaimAsync(claim.Id)).Order!.Status);
    }

    [Fact]
    public async Task Reconciliation_SumsEachGatewaysPaymentsAndRefunds_OverTheVietnamDay()
    {
        var staff = await _data.AddAccountAsync(Role.Admin);
        var first = await PricedClaimAsync();
        var second = await PricedClaimAsync();
        var third = await PricedClaimAsync();
        await ConfirmAsync(first.Order!.Id, Price, "vnpay", "14226150");
        await ConfirmAsync(second.Order!.Id, Price, "vnpay", "14226151");
        await ConfirmAsync(third.Order!.Id, Price, "momo", "2760000151");
        await RefundAsync(second.Order.Id, staff);
        _data.Clock.Advance(TimeSpan.FromDays(1));

        var report = await _data.Services.GetRequiredService<ReconciliationReportJob>().RunAsync(CancellationToken.None);
        var nextDay = await _data.WithAsync<PaymentReconciliation, ReconciliationReport>(r => r.ForDayAsync(report.Date.AddDays(1)));

        Assert.Equal(new DateOnly(2026, 11, 2), report.Date);
        Assert.Equal(
            [new GatewayReconciliation("momo", 1, Price, 0, 0, Price), new GatewayReconciliation("vnpay", 2, 2 * Price, 1, Price, Price)],
            report.Gateways);
        Assert.Equal(0, report.UnbalancedMovements);
        Assert.Empty(nextDay.Gateways);
    }

    private async Task<VoucherClaimResponse> PricedClaimAsync()
    {
        var shop = await _data.AddAccountAsync(Role.Employer);
        var voucher = await _data.AddVoucherAsync(shop, quantity: 5, priceVnd: Price);
        var person = await _data.AddAccountAsync();
        var claim = (await ClaimAsync(voucher, person)).Claim!;
        Assert.Equal(4, (await _data.VoucherAsync(voucher)).QuantityRemaining);
        return claim;
    }

    private Task<ClaimResult> ClaimAsync(long voucher, long person) =>
        _data.WithAsync<VoucherClaims, ClaimResult>(claims => claims.ClaimAsync(voucher, person));

    private async Task<VoucherClaimResponse> ClaimAsync(long claimId) =>
        (await _data.WithAsync<VoucherClaims, VoucherClaimResponse?>(claims => claims.GetAsync(claimId)))!;

    private Task<PaymentConfirmation> ConfirmAsync(long order, long amount, string gateway, string transaction) =>
        _data.WithAsync<OrderWorkflow, PaymentConfirmation>(orders => orders.ConfirmPaidAsync(order, amount, gateway, transaction));

    private Task<RefundOutcome> RefundAsync(long order, long staff) =>
        _data.WithAsync<OrderWorkflow, RefundOutcome>(orders => orders.RefundAsync(order, staff, "Khách hàng đổi ý trước khi dùng."));

    private Task<int> RunExpiryAsync() => _data.Services.GetRequiredService<OrderExpiryJob>().RunAsync(CancellationToken.None);
}
