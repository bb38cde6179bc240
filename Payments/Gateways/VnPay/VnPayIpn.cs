using System.Text.Json.Serialization;

namespace DongNai.Payments.Gateways.VnPay;

/// <summary>The order an IPN names, as the caller found it: its amount, and whether it still waits for payment.</summary>
public readonly record struct VnPayOrder(long AmountVnd, bool AwaitingPayment);

/// <summary>What the caller must do to the order after answering.</summary>
public enum VnPayIpnAction
{
    /// <summary>Nothing: the callback was refused or the order is already settled.</summary>
    None,

    /// <summary>Record the payment: the order is paid.</summary>
    MarkPaid,

    /// <summary>Record the failure VNPay reports (the payer cancelled, the bank refused): the order failed.</summary>
    MarkFailed,
}

/// <summary>The answer to VNPay and what to do to the order.</summary>
public sealed record VnPayIpnDecision(VnPayIpnResponse Response, VnPayIpnAction Action);

/// <summary>The IPN answer's body, with VNPay's own property names: <c>{"RspCode":"00","Message":"Confirm Success"}</c>.</summary>
public sealed record VnPayIpnResponse(
    [property: JsonPropertyName("RspCode")] string RspCode,
    [property: JsonPropertyName("Message")] string Message);

/// <summary>
/// The IPN decision of VNPay's integration guide, as a pure function, so that the code that owns
/// orders looks the order up and applies the action in its own transaction. The checks run in the
/// guide's order: signature (97), order found (01), amount equal (04), order still waiting (02),
/// then 00, whether the payment succeeded or failed (VNPay only needs to know the IPN was taken).
/// The same IPN twice therefore answers 02 the second time and changes nothing. Thread-safe.
/// </summary>
/// <remarks>
/// The messages are the ones in VNPay's sample code, spelling included ("Unknow error"): VNPay
/// reads RspCode; the message is for the people reading VNPay's logs.
/// </remarks>
public static class VnPayIpn
{
    public static VnPayIpnResponse ConfirmSuccess { get; } = new("00", "Confirm Success");
    public static VnPayIpnResponse OrderNotFound { get; } = new("01", "Order not found");
    public static VnPayIpnResponse OrderAlreadyConfirmed { get; } = new("02", "Order already confirmed");
    public static VnPayIpnResponse InvalidAmount { get; } = new("04", "invalid amount");
    public static VnPayIpnResponse InvalidSignature { get; } = new("97", "Invalid signature");
    public static VnPayIpnResponse InputDataRequired { get; } = new("99", "Input data required");

    /// <summary>For the caller to answer when its own work fails (the database, say): VNPay retries later.</summary>
    public static VnPayIpnResponse UnknownError { get; } = new("99", "Unknow error");

    /// <param name="callback">From <see cref="VnPayCallbackVerifier.Verify"/>.</param>
    /// <param name="order">The order callback.TxnRef names; null when there is none. Not read when the signature is invalid.</param>
    public static VnPayIpnDecision Decide(VnPayCallback callback, VnPayOrder? order)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (!callback.SignatureValid)
        {
            return new(InvalidSignature, VnPayIpnAction.None);
        }

        if (callback.TxnRef is null || callback.ResponseCode is null)
        {
            return new(InputDataRequired, VnPayIpnAction.None);
        }

        if (order is not { } found)
        {
            return new(OrderNotFound, VnPayIpnAction.None);
        }

        if (callback.AmountVnd != found.AmountVnd)
        {
            return new(InvalidAmount, VnPayIpnAction.None);
        }

        if (!found.AwaitingPayment)
        {
            return new(OrderAlreadyConfirmed, VnPayIpnAction.None);
        }

        return new(ConfirmSuccess, callback.Succeeded ? VnPayIpnAction.MarkPaid : VnPayIpnAction.MarkFailed);
    }
}
