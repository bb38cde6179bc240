using DongNai.Domain.Validation;
using DongNai.Payments.Vouchers;
using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DongNai.Search.Api.Payments;

/// <summary>What the shop sends to redeem a claim.</summary>
/// <param name="Code">The claim's redemption code, as scanned or typed (letters in any case).</param>
/// <param name="LocationName">The voucher location where it is used: one of the voucher's location names, with or without accents.</param>
public sealed record RedeemRequest(string? Code, string? LocationName);

/// <summary>
/// Voucher claims: a signed-in person claims a voucher (free ones at once, priced ones through an
/// order that holds the unit until paid), sees and cancels their claims ("Ví voucher"), and the
/// voucher's owner redeems a claim by its code at one of the voucher's locations. The owner's
/// account is the shop's staff: redeeming takes the account that created the voucher, no other.
/// </summary>
public static class VoucherClaimEndpoints
{
    public static void MapVoucherClaimEndpoints(this IEndpointRouteBuilder routes)
    {
        var vouchers = routes.MapGroup("/api/vouchers").WithTags("Payments").RequireAuthorization();
        vouchers.MapPost("/{id:long}/claims", Claim).WithName("ClaimVoucher")
            .WithSummary("Claim a voucher: a free one is yours at once; a priced one is held for you by an order until it is paid or expires")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        vouchers.MapPost("/redeem", Redeem).WithName("RedeemVoucher")
            .WithSummary("Redeem a claim by its code at one of the voucher's locations, once, within its validity (the voucher's owner only)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);

        var wallet = routes.MapGroup("/api/me/voucher-claims").WithTags("Payments").RequireAuthorization();
        wallet.MapGet("/", Wallet).WithName("MyVoucherClaims")
            .WithSummary($"The signed-in person's voucher claims (Ví voucher), newest first, at most {VoucherClaims.WalletLimit}");
        wallet.MapGet("/{id:long}", Get).WithName("GetMyVoucherClaim").WithSummary("One of the signed-in person's voucher claims")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        wallet.MapGet("/{id:long}/qr.png", RedemptionQrPng).WithName("MyVoucherClaimQr")
            .WithSummary("The claim's redemption code as a QR code (PNG) for the shop to scan, while the claim is active (the holder only)")
            .Produces<byte[]>(StatusCodes.Status200OK, "image/png")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        wallet.MapPost("/{id:long}/cancel", Cancel).WithName("CancelVoucherClaim")
            .WithSummary("Give up an unused, unpaid claim (its order is cancelled); the unit goes back to the voucher")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
    }

    private static async Task<Results<Created<VoucherClaimResponse>, ProblemHttpResult>> Claim(
        long id, HttpContext http, VoucherClaims claims, CancellationToken cancellationToken)
    {
        var result = await claims.ClaimAsync(id, http.User.Id(), cancellationToken);
        return result.Outcome switch
        {
            ClaimOutcome.Claimed => TypedResults.Created($"/api/me/voucher-claims/{result.Claim!.Id}", result.Claim),
            ClaimOutcome.VoucherNotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such voucher."),
            ClaimOutcome.Ended => Conflict("The voucher has ended.", "ended"),
            ClaimOutcome.SoldOut => Conflict("The voucher is sold out.", "soldOut"),
            _ => Conflict("You already hold as many claims of this voucher as it allows.", "limitReached"),
        };
    }

    private static async Task<Results<Ok<VoucherClaimResponse>, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> Redeem(
        RedeemRequest request, HttpContext http, VoucherClaims claims, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Text(request.Code, "code", 1, 64);
        errors.Text(request.LocationName, "locationName", 1, 200);
        if (!errors.IsEmpty)
        {
            return Invalid(errors);
        }

        var result = await claims.RedeemAsync(request.Code!, request.LocationName!, http.User.Id(), cancellationToken);
        switch (result.Outcome)
        {
            case ClaimChange.Done:
                return TypedResults.Ok(result.Claim!);
            case ClaimChange.Forbidden:
                return TypedResults.Forbid();
            case ClaimChange.InvalidCode:
                errors.Add("code", "Not a valid redemption code.");
                return Invalid(errors);
            case ClaimChange.UnknownLocation:
                errors.Add("locationName", "Not a location of this voucher.");
                return Invalid(errors);
            default:
                return Conflict(result.Message ?? "The claim cannot be redeemed.", "notRedeemable");
        }
    }

    private static async Task<Ok<List<VoucherClaimResponse>>> Wallet(HttpContext http, VoucherClaims claims, CancellationToken cancellationToken) =>
        TypedResults.Ok(await claims.WalletAsync(http.User.Id(), cancellationToken));

    private static async Task<Results<Ok<VoucherClaimResponse>, ForbidHttpResult, ProblemHttpResult>> Get(
        long id, HttpContext http, VoucherClaims claims, CancellationToken cancellationToken)
    {
        var holder = await claims.HolderOfAsync(id, cancellationToken);
        if (holder is null)
        {
            return NoSuchClaim();
        }

        if (holder != http.User.Id())
        {
            return TypedResults.Forbid();
        }

        return TypedResults.Ok((await claims.GetAsync(id, cancellationToken))!);
    }

    private static async Task<Results<FileContentHttpResult, ForbidHttpResult, ProblemHttpResult>> RedemptionQrPng(
        long id, HttpContext http, VoucherClaims claims, CancellationToken cancellationToken)
    {
        var holder = await claims.HolderOfAsync(id, cancellationToken);
        if (holder is null)
        {
            return NoSuchClaim();
        }

        if (holder != http.User.Id())
        {
            return TypedResults.Forbid();
        }

        var claim = await claims.GetAsync(id, cancellationToken);
        if (claim?.RedemptionCode is not { } code)
        {
            return Conflict("The claim has no redemption code: it is awaiting payment, used or ended.", "notRedeemable");
        }

        // The code is the holder's to show, not the network's to keep.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(RedemptionQr.Png(code), "image/png");
    }

    private static async Task<Results<Ok<VoucherClaimResponse>, ForbidHttpResult, ProblemHttpResult>> Cancel(
        long id, HttpContext http, VoucherClaims claims, CancellationToken cancellationToken)
    {
        var result = await claims.CancelAsync(id, http.User.Id(), cancellationToken);
        return result.Outcome switch
        {
            ClaimChange.Done => TypedResults.Ok(result.Claim!),
            ClaimChange.NotFound => NoSuchClaim(),
            ClaimChange.Forbidden => TypedResults.Forbid(),
            _ => Conflict(result.Message ?? "The claim cannot be cancelled.", "notCancellable"),
        };
    }

    private static ProblemHttpResult NoSuchClaim() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such voucher claim.");

    /// <summary>A 409 whose <c>reason</c> extension a client can switch on; the title is for people.</summary>
    private static ProblemHttpResult Conflict(string title, string reason) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, extensions: new Dictionary<string, object?> { ["reason"] = reason });

    private static ValidationProblem Invalid(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");
}
