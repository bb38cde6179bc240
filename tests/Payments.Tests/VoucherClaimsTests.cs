using DongNai.Domain.Listings;
using DongNai.Domain.Payments;
using DongNai.Domain.People;
using DongNai.Payments.Orders;
using DongNai.Payments.Vouchers;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Payments.Tests;

public sealed class VoucherClaimsTests : IAsyncLifetime
{
    private readonly PaymentsDatabase _data = new();

    public Task InitializeAsync() => _data.InitializeAsync();

    public Task DisposeAsync() => _data.DisposeAsync();

    [Fact]
    public async Task ClaimAsync_GivesExactlyTheQuantity_WhenAHundredPeopleClaimAFiveUnitVoucherAtOnce()
    {
        var shop = await _data.AddAccountAsync(Role.Employer);
        var voucher = await _data.AddVoucherAsync(shop, quantity: 5);
        var people = await _data.AddAccountsAsync(100);

        var results = await Task.WhenAll(people.Select(person => Task.Run(() => ClaimAsync(voucher, person))));

        var after = await _data.VoucherAsync(voucher);
        var claims = await _data.WithDbAsync(db => db.VoucherClaims.Where(c => c.VoucherId == voucher).CountAsync());
        var outbox = await _data.WithDbAsync(db => db.Outbox.Where(o => o.Kind == ListingKind.Voucher && o.ListingId == voucher).Select(o => o.Version).ToListAsync());
        Assert.Equal(5, results.Count(r => r.Outcome == ClaimOutcome.Claimed));
        Assert.Equal(95, results.Count(r => r.Outcome == ClaimOutcome.SoldOut));
        Assert.Equal(5, claims);
        Assert.Equal(0, after.QuantityRemaining);
        Assert.Equal(6, after.Version);
        Assert.Equal([2, 3, 4, 5, 6], outbox.Order());
    }

    [Fact]
    public async Task ClaimAsync_RefusesASecondClaimOfTheSamePerson_EvenWhenTenArriveAtOnce()
    {
        var shop = await _data.AddAccountAsync(Role.Employer);
        var voucher = await _data.AddVoucherAsync(shop, quantity: 50);
        var person = await _data.AddAccountAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => ClaimAsync(voucher, person))));
        var later = await ClaimAsync(voucher, person);

        Assert.Single(results, r => r.Outcome == ClaimOutcome.Claimed);
        Assert.Equal(9, results.Count(r => r.Outcome == ClaimOutcome.LimitReached));
        Assert.Equal(ClaimOutcome.LimitReached, later.Outcome);
        Assert.Equal(49, (await _data.VoucherAsync(voucher)).QuantityRemaining);
    }

    [Fact]
    public async Task ClaimAsync_AllowsAsManyClaimsPerPersonAsTheVoucherSays()
    {
        var shop = await _data.AddAccountAsync(Role.Employer);
        var voucher = await _data.AddVoucherAsync(shop, quantity: 10, maxClaimsPerPerson: 3);
        var person = await _data.AddAccountAsync();

        var results = new List<ClaimOutcome>();
        for (var i = 0; i < 4; i++)
        {
            results.Add((await ClaimAsync(voucher, person)).Outcome);
        }

        Assert.Equal([ClaimOutcome.Claimed, ClaimOutcome.Claimed, ClaimOutcome.Claimed, ClaimOutcome.LimitReached], results);
        Assert.Equal(7, (await _data.VoucherAsync(voucher)).QuantityRemaining);
    }

    [Fact]
    public async Task ClaimAsync_MakesAFreeClaimActiveWithACode_AndAPricedOneAwaitPaymentWithAnOrder()
    {
        var shop = await _data.AddAccountAsync(Role.Employer);
        var free = await _data.AddVoucherAsync(shop, quantity: 5);
        var priced = await _data.AddVoucherAsync(shop, quantity: 5, priceVnd: 49_000);
        var person = await _data.AddAccountAsync();

        var freeClaim = (await ClaimAsync(free, person)).Claim!;
        var pricedClaim = (await ClaimAsync(priced, person)).Claim!;

        Assert.Equal(VoucherClaimStatus.Active, freeClaim.Status);
        Assert.NotNull(freeClaim.RedemptionCode);
        Assert.Null(freeClaim.Order);
        Assert.Equal(VoucherClaimStatus.AwaitingPayment, pricedClaim.Status);
        Assert.Null(pricedClaim.RedemptionCode);
        Assert.Equal(49_000, pricedClaim.Order!.AmountVnd);
        Assert.Equal(OrderStatus.Pending, pricedClaim.Order.Status);
        Assert.Equal(PaymentsDatabase.Start.UtcDateTime.AddMinutes(15), pricedClaim.Order.ExpiresAt);
    }

    [Fact]
    public async Task ClaimAsync_RefusesAVoucherThatHasEnded_OrDoesNotExist()
    {
        var shop = await _data.AddAccountAsync(Role.Employer);
        var voucher = await _data.AddVoucherAsync(shop, quantity: 5);
        var person = await _data.AddAccountAsync();
        var missing = await ClaimAsync(voucher + 1000, person);

        _data.Clock.Advance(TimeSpan.FromDays(91));
        var ended = await ClaimAsync(voucher, person);

        Assert.Equal(ClaimOutcome.VoucherNotFound, missing.Outcome);
        Assert.Equal(ClaimOutcome.Ended, ended.Outcome);
        Assert.Equal(5, (await _data.VoucherAsync(voucher)).QuantityRemaining);
    }

    [Fact]
    public async Task RedeemAsync_WorksOnce_AtALocationOfTheVoucher()
    {
        var shop = await _data.AddAccountAsync(Role.Employer);
        var voucher = await _data.AddVoucherAsync(shop, quantity: 5);
        var person = await _data.AddAccountAsync();
        var code = (await ClaimAsync(voucher, person)).Claim!.RedemptionCode!;

        var first = await RedeemAsync(code.ToLowerInvariant(), "chi nhanh long binh", shop);
        var second = await RedeemAsync(code, "Chi nhánh Long Bình", shop);

        Assert.Equal(ClaimChange.Done, first.Outcome);
        Assert.Equal(VoucherClaimStatus.Redeemed, first.Claim!.Status);
        Assert.Equal("Chi nhánh Long Bình", first.Claim.RedeemedAtLocation);
        Assert.Null(first.Claim.RedemptionCode);
        Assert.Equal(ClaimChange.Conflict, second.Outcome);
    }

    [Fact]
    public async Task RedeemAsync_LetsOneOfTenConcurrentRedemptionsThrough()
    {
        var shop = await _data.AddAccountAsync(Role.Employer);
        var voucher = await _data.AddVoucherAsync(shop, quantity: 5);
        var person = await _data.AddAccountAsync();
        var code = (await ClaimAsync(voucher, person)).Claim!.RedemptionCode!;

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => RedeemAsync(code, "Chi nhánh Amata", shop))));

        Assert.Single(results, r => r.Outcome == ClaimChange.Done);
        Assert.Equal(9, results.Count(r => r.Outcome == ClaimChange.Conflict));
    }

    [Fact]
    public async Task RedeemAsync_RefusesAnotherAccount_AnUnknownLocation_AndAChangedCode()
    {
        var shop = await _data.AddAccountAsync(Role.Employer);
        var otherShop = await _data.AddAccountAsync(Role.Employer);
        var voucher = await _data.AddVoucherAsync(shop, quantity: 5);
        var person = await _data.AddAccountAsync();
        var code = (await ClaimAsync(voucher, person)).Claim!.RedemptionCode!;
        var changed = code[..^1] + (code[^1] == 'A' ? 'B' : 'A');

        var byOther = await RedeemAsync(code, "Chi nhánh Long Bình", otherShop);
        var elsewhere = await RedeemAsync(code, "Chi nhánh Hố Nai", shop);
        var forged = await RedeemAsync(changed, "Chi nhánh Long Bình", shop);
        var garbage = await RedeemAsync("not-a-code", "Chi nhánh Long Bình", shop);
        var genuine = await RedeemAsync(code, "Chi nhánh Long Bình", shop);

        Assert.Equal(ClaimChange.Forbidden, byOther.Outcome);
        Assert.Equal(ClaimChange.UnknownLocation, elsewhere.Outcome);
        Assert.Equal(ClaimChange.InvalidCode, forged.Outcome);
        Assert.Equal(ClaimChange.InvalidCode, garbage.Outcome);
        Assert.Equal(ClaimChange.Done, genuine.Outcome);
    }

    [Fact]
    public async Task RedeemAsync_RefusesAClaimAfterTheVoucherEnded_AndOneNotPaid()
    {
        var shop = await _data.AddAccountAsync(Role.Employer);
        var free = await _data.AddVoucherAsync(shop, quantity: 5);
        var priced = await _data.AddVoucherAsync(shop, quantity: 5, priceVnd: 20_000);
        var person = await _data.AddAccountAsync();
        var freeClaim = (await ClaimAsync(free, person)).Claim!;
        var unpaid = (await ClaimAsync(priced, person)).Claim!;
        var nonce = await _data.WithDbAsync(db => db.VoucherClaims.Where(c => c.Id == unpaid.Id).Select(c => c.CodeNonce).SingleAsync());
        var unpaidCode = ((RedemptionCodes)_data.Services.GetService(typeof(RedemptionCodes))!).For(unpaid.Id, nonce);

        var notPaid = await RedeemAsync(unpaidCode, "Chi nhánh Long Bình", shop);
        _data.Clock.Advance(TimeSpan.FromDays(90));
        var expired = await RedeemAsync(freeClaim.RedemptionCode!, "Chi nhánh Long Bình", shop);

        Assert.Equal(ClaimChange.Conflict, notPaid.Outcome);
        Assert.Equal(ClaimChange.Conflict, expired.Outcome);
        Assert.Equal(VoucherClaimStatus.Active, (await _data.WithAsync<VoucherClaims, VoucherClaimResponse?>(c => c.GetAsync(freeClaim.Id)))!.Status);
    }

    [Fact]
    public async Task CancelAsync_GivesTheUnitBackOnce_ForAFreeClaimAndAnUnpaidOne()
    {
        var shop = await _data.AddAccountAsync(Role.Employer);
        var free = await _data.AddVoucherAsync(shop, quantity: 1);
        var priced = await _data.AddVoucherAsync(shop, quantity: 2, priceVnd: 30_000);
        var person = await _data.AddAccountAsync();
        var other = await _data.AddAccountAsync();
        var freeClaim = (await ClaimAsync(free, person)).Claim!;
        var pricedClaim = (await ClaimAsync(priced, person)).Claim!;
        await ClaimAsync(priced, other);

        var notTheirs = await CancelAsync(freeClaim.Id, other);
        var cancelledFree = await CancelAsync(freeClaim.Id, person);
        var cancelledPriced = await CancelAsync(pricedClaim.Id, person);
        var again = await CancelAsync(pricedClaim.Id, person);
        var otherClaimsNow = await ClaimAsync(free, other);

        Assert.Equal(ClaimChange.Forbidden, notTheirs.Outcome);
        Assert.Equal(ClaimChange.Done, cancelledFree.Outcome);
        Assert.Equal(ClaimChange.Done, cancelledPriced.Outcome);
        Assert.Equal(OrderStatus.Cancelled, cancelledPriced.Claim!.Order!.Status);
        Assert.Equal(ClaimChange.Done, again.Outcome);
        Assert.Equal(1, (await _data.VoucherAsync(priced)).QuantityRemaining);
        Assert.Equal(ClaimOutcome.Claimed, otherClaimsNow.Outcome);
    }

    [Fact]
    public async Task CancelAsync_RefusesAPaidClaim()
    {
        var shop = await _data.AddAccountAsync(Role.Employer);
        var voucher = await _data.AddVoucherAsync(shop, quantity: 2, priceVnd: 30_000);
        var person = await _data.AddAccountAsync();
        var claim = (await ClaimAsync(voucher, person)).Claim!;
        await _data.WithAsync<OrderWorkflow, PaymentConfirmation>(o => o.ConfirmPaidAsync(claim.Order!.Id, 30_000, "vnpay", "14000001"));

        var cancelled = await CancelAsync(claim.Id, person);

        Assert.Equal(ClaimChange.Conflict, cancelled.Outcome);
        Assert.Equal(VoucherClaimStatus.Active, cancelled.Claim!.Status);
        Assert.Equal(1, (await _data.VoucherAsync(voucher)).QuantityRemaining);
    }

    [Fact]
    public async Task WalletAsync_ListsThePersonsClaimsNewestFirst_AndNoOneElses()
    {
        var shop = await _data.AddAccountAsync(Role.Employer);
        var first = await _data.AddVoucherAsync(shop, quantity: 5);
        var second = await _data.AddVoucherAsync(shop, quantity: 5);
        var person = await _data.AddAccountAsync();
        var other = await _data.AddAccountAsync();
        await ClaimAsync(first, person);
        _data.Clock.Advance(TimeSpan.FromMinutes(1));
        await ClaimAsync(second, person);
        await ClaimAsync(first, other);

        var wallet = await _data.WithAsync<VoucherClaims, List<VoucherClaimResponse>>(c => c.WalletAsync(person));

        Assert.Equal([second, first], wallet.Select(c => c.VoucherId));
        Assert.All(wallet, c => Assert.Equal("Trà Sữa Nhà Làm", c.Brand));
    }

    private Task<ClaimResult> ClaimAsync(long voucher, long person) =>
        _data.WithAsync<VoucherClaims, ClaimResult>(claims => claims.ClaimAsync(voucher, person));

    private Task<ClaimChangeResult> RedeemAsync(string code, string location, long staff) =>
        _data.WithAsync<VoucherClaims, ClaimChangeResult>(claims => claims.RedeemAsync(code, location, staff));

    private Task<ClaimChangeResult> CancelAsync(long claim, long person) =>
        _data.WithAsync<VoucherClaims, ClaimChangeResult>(claims => claims.CancelAsync(claim, person));
}
