using DongNai.Payments.Vouchers;

namespace DongNai.Payments.Tests;

public sealed class RedemptionQrTests
{
    [Fact]
    public void Png_ScansBackToTheRedemptionCode()
    {
        var code = new RedemptionCodes(new byte[32]).For(4217, new byte[16]);

        var png = RedemptionQr.Png(code);

        Assert.Equal(code, QrScan.Text(png));
    }

    [Fact]
    public void Png_RefusesTextThatIsNotAscii()
    {
        Assert.Throws<ArgumentException>(() => RedemptionQr.Png("4217-ĐỒNG"));
    }
}
