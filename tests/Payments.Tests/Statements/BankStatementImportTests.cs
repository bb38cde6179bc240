using DongNai.Domain.Payments;
using DongNai.Domain.People;
using DongNai.Payments.Statements;
using DongNai.Payments.Vouchers;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Payments.Tests.Statements;

public sealed class BankStatementImportTests : IAsyncLifetime
{
    private const long Price = 49_000;
    private static readonly DateOnly Booked = new(2026, 11, 2);

    private readonly PaymentsDatabase _data = new();

    public Task InitializeAsync() => _data.InitializeAsync();

    public Task DisposeAsync() => _data.DisposeAsync();

    [Fact]
    public async Task ImportAsync_ConfirmsTheOrderNamedInTheDescription_AndReportsTheLinesThatPayNothing()
    {
        var paid = await PricedClaimAsync();
        var underpaid = await PricedClaimAsync();
        var admin = await _data.AddAccountAsync(Role.Admin);
        StatementLineInput[] lines =
        [
            new("FT26306A0001", Booked, Price, $"NGUYEN VAN AN chuyen tien DH {paid.Order!.Reference.ToLowerInvariant()} qua VietQR"),
            new("FT26306A0002", Booked, 200_000, "Tien nha thang 11"),
            new("FT26306A0003", Booked, Price - 1_000, "DH-" + underpaid.Order!.Reference),
        ];

        var report = await ImportAsync(lines, admin);

        Assert.Equal(1, report.Confirmed);
        Assert.Equal(2, report.NeedAttention);
        Assert.Equal(["confirmed", "unmatched", "amountMismatch"], report.Lines.Select(l => l.Outcome));
        Assert.Equal(paid.Order.Id, report.Lines[0].OrderId);
        Assert.Equal(underpaid.Order.Id, report.Lines[2].OrderId);
        Assert.Equal(VoucherClaimStatus.Active, (await ClaimAsync(paid.Id)).Status);
        Assert.Equal(VoucherClaimStatus.AwaitingPayment, (await ClaimAsync(underpaid.Id)).Status);
        var order = await _data.WithDbAsync(db => db.Orders.SingleAsync(o => o.Id == paid.Order.Id));
        Assert.Equal(("vietqr", "FT26306A0001"), (order.Gateway, order.GatewayTransactionId));
    }

    [Fact]
    public async Task ImportAsync_ChangesNothing_WhenTheSameStatementIsImportedAgain()
    {
        var claim = await PricedClaimAsync();
        var admin = await _data.AddAccountAsync(Role.Admin);
        StatementLineInput[] lines =
        [
            new("FT26306B0001", Booked, Price, "DH " + claim.Order!.Reference),
            new("FT26306B0002", Booked, 10_000, "khong co ma"),
        ];
        await ImportAsync(lines, admin);

        var again = await ImportAsync(lines, admin);

        Assert.Equal(0, again.Confirmed);
        Assert.Equal(2, again.Duplicates);
        Assert.All(again.Lines, line => Assert.Equal(BankStatementImport.Duplicate, line.Outcome));
        Assert.Equal(2, await _data.WithDbAsync(db => db.BankStatementLines.CountAsync()));
        Assert.Equal(2, await _data.WithDbAsync(db => db.Ledger.CountAsync(e => e.OrderId == claim.Order.Id)));
    }

    [Fact]
    public async Task ImportAsync_ReportsAlreadyConfirmed_ForASecondTransferToAPaidOrder()
    {
        var claim = await PricedClaimAsync();
        var admin = await _data.AddAccountAsync(Role.Admin);
        await ImportAsync([new("FT26306C0001", Booked, Price, "DH " + claim.Order!.Reference)], admin);

        var second = await ImportAsync([new("FT26306C0002", Booked, Price, "DH " + claim.Order.Reference)], admin);

        Assert.Equal("alreadyConfirmed", Assert.Single(second.Lines).Outcome);
        Assert.Equal(2, await _data.WithDbAsync(db => db.Ledger.CountAsync(e => e.OrderId == claim.Order.Id)));
    }

    [Fact]
    public void CandidateReferences_FindsTheReference_WhateverTheCaseAndSeparators()
    {
        var candidates = BankStatementImport.CandidateReferences("MBVCB.123.dh-abcd efgh.JKLM.ct");

        Assert.Contains("ABCDEFGHJKLM", candidates);
    }

    private async Task<VoucherClaimResponse> PricedClaimAsync()
    {
        var shop = await _data.AddAccountAsync(Role.Employer);
        var voucher = await _data.AddVoucherAsync(shop, quantity: 5, priceVnd: Price);
        var person = await _data.AddAccountAsync();
        return (await _data.WithAsync<VoucherClaims, ClaimResult>(claims => claims.ClaimAsync(voucher, person))).Claim!;
    }

    private async Task<VoucherClaimResponse> ClaimAsync(long claimId) =>
        (await _data.WithAsync<VoucherClaims, VoucherClaimResponse?>(claims => claims.GetAsync(claimId)))!;

    private Task<StatementImportReport> ImportAsync(IReadOnlyList<StatementLineInput> lines, long admin) =>
        _data.WithAsync<BankStatementImport, StatementImportReport>(import => import.ImportAsync(lines, admin));
}
