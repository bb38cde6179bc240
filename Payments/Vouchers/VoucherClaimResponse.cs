using DongNai.Domain.Listings.Vouchers;
using DongNai.Domain.Payments;

namespace DongNai.Payments.Vouchers;

/// <summary>The order paying for a claim, as its payer sees it.</summary>
/// <param name="Id">The order's id (<c>GET /api/me/orders/{id}</c>).</param>
/// <param name="Reference">What a gateway or a bank transfer carries to name the order.</param>
/// <param name="AmountVnd">What to pay, in VND.</param>
/// <param name="Status">Where the order is.</param>
/// <param name="ExpiresAt">When an unpaid order expires and the unit goes back.</param>
public sealed record ClaimOrderResponse(long Id, string Reference, long AmountVnd, OrderStatus Status, DateTime ExpiresAt);

/// <summary>One claim in the holder's voucher wallet ("Ví voucher").</summary>
/// <param name="Id">The claim's id.</param>
/// <param name="VoucherId">The voucher claimed.</param>
/// <param name="Title">The voucher's title; null once its owner deleted it.</param>
/// <param name="Brand">The voucher's brand; null once deleted.</param>
/// <param name="Status">Where the claim is.</param>
/// <param name="RedemptionCode">What the shop scans or types; only while the claim is active (claimed or paid, not used).</param>
/// <param name="ValidFrom">From when the shop accepts it; null once the voucher was deleted.</param>
/// <param name="ValidTo">Until when the shop accepts it; null once the voucher was deleted.</param>
/// <param name="Locations">Where it can be used.</param>
/// <param name="ClaimedAt">When it was claimed.</param>
/// <param name="RedeemedAt">When it was used.</param>
/// <param name="RedeemedAtLocation">Where it was used.</param>
/// <param name="Order">The order paying for it; null for a free voucher.</param>
public sealed record VoucherClaimResponse(
    long Id,
    long VoucherId,
    string? Title,
    string? Brand,
    VoucherClaimStatus Status,
    string? RedemptionCode,
    DateTime? ValidFrom,
    DateTime? ValidTo,
    IReadOnlyList<VoucherLocationResponse> Locations,
    DateTime ClaimedAt,
    DateTime? RedeemedAt,
    string? RedeemedAtLocation,
    ClaimOrderResponse? Order);
