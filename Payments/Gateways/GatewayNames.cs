namespace DongNai.Payments.Gateways;

/// <summary>The gateways' names, as orders, the ledger and the checkout request write them.</summary>
public static class GatewayNames
{
    public const string VnPay = "vnpay";
    public const string MoMo = "momo";
    public const string VietQr = "vietqr";

    public static IReadOnlyList<string> All { get; } = [VnPay, MoMo, VietQr];
}
