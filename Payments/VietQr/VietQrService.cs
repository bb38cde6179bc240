namespace DongNai.Payments.VietQr;

/// <summary>What the beneficiary number names: a bank account (service code <c>QRIBFTTA</c>) or a card (<c>QRIBFTTC</c>).</summary>
public enum VietQrService
{
    Account,
    Card,
}

/// <summary>Tag 01: a static QR (<c>11</c>, reusable, no amount) or a dynamic one (<c>12</c>, one payment, with an amount).</summary>
public enum VietQrInitiation
{
    Static,
    Dynamic,
}
