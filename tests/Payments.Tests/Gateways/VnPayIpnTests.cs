using DongNai.Payments.Gateways.VnPay;

namespace DongNai.Payments.Tests.Gateways;

public sealed class VnPayIpnTests
{
    private const string Secret = "TESTSECRETDONGNAI0123456789ABCDE";

    private static readonly VnPayOptions Options = new() { TmnCode = "DNTEST01", HashSecret = Secret, ReturnUrl = "https://app.dongnai.test/vnpay/return" };

    private static readonly VnPayOrder Waiting = new(AmountVnd: 150_000, AwaitingPayment: true);

    private static readonly System.Text.Json.JsonSerializerOptions WebJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    [Fact]
    public void Decide_Answers00AndMarksPaid_ForAGoodIpnOnAWaitingOrder()
    {
        var callback = VnPayCallbackVerifier.Verify(Options, VnPayCallbacks.Signed(Secret));

        var decision = VnPayIpn.Decide(callback, Waiting);

        Assert.Equal(new VnPayIpnDecision(new("00", "Confirm Success"), VnPayIpnAction.MarkPaid), decision);
    }

    [Fact]
    public void Decide_Answers00AndMarksFailed_WhenVnPayReportsThePayerCancelled()
    {
        var callback = VnPayCallbackVerifier.Verify(Options, VnPayCallbacks.Signed(Secret, ("vnp_ResponseCode", "24"), ("vnp_TransactionStatus", "02")));

        var decision = VnPayIpn.Decide(callback, Waiting);

        Assert.Equal(new VnPayIpnDecision(new("00", "Confirm Success"), VnPayIpnAction.MarkFailed), decision);
    }

    [Fact]
    public void Decide_Answers97AndChangesNothing_ForABadSignature()
    {
        var forged = VnPayCallbacks.Signed("ANOTHERSECRET0123456789ABCDEFGHI");
        var callback = VnPayCallbackVerifier.Verify(Options, forged);

        var decision = VnPayIpn.Decide(callback, Waiting);

        Assert.Equal(new VnPayIpnDecision(new("97", "Invalid signature"), VnPayIpnAction.None), decision);
    }

    [Fact]
    public void Decide_Answers01_ForAnUnknownOrder()
    {
        var callback = VnPayCallbackVerifier.Verify(Options, VnPayCallbacks.Signed(Secret));

        var decision = VnPayIpn.Decide(callback, order: null);

        Assert.Equal(new VnPayIpnDecision(new("01", "Order not found"), VnPayIpnAction.None), decision);
    }

    [Theory]
    [InlineData("14999900")]
    [InlineData("15000100")]
    [InlineData("15000050")]
    public void Decide_Answers04_WhenTheAmountIsNotTheOrders(string vnpAmount)
    {
        var callback = VnPayCallbackVerifier.Verify(Options, VnPayCallbacks.Signed(Secret, ("vnp_Amount", vnpAmount)));

        var decision = VnPayIpn.Decide(callback, Waiting);

        Assert.Equal(new VnPayIpnDecision(new("04", "invalid amount"), VnPayIpnAction.None), decision);
    }

    [Fact]
    public void Decide_Answers02AndChangesNothing_WhenTheSameIpnArrivesTwice()
    {
        var callback = VnPayCallbackVerifier.Verify(Options, VnPayCallbacks.Signed(Secret));
        var first = VnPayIpn.Decide(callback, Waiting);
        var paid = Waiting with { AwaitingPayment = false };

        var second = VnPayIpn.Decide(callback, paid);

        Assert.Equal(VnPayIpnAction.MarkPaid, first.Action);
        Assert.Equal(new VnPayIpnDecision(new("02", "Order already confirmed"), VnPayIpnAction.None), second);
    }

    [Fact]
    public void Decide_ChecksTheAmountBeforeTheState_AsVnPaysGuideDoes()
    {
        var callback = VnPayCallbackVerifier.Verify(Options, VnPayCallbacks.Signed(Secret, ("vnp_Amount", "100")));

        var decision = VnPayIpn.Decide(callback, Waiting with { AwaitingPayment = false });

        Assert.Equal("04", decision.Response.RspCode);
    }

    [Fact]
    public void Decide_Answers99_WhenASignedIpnLacksTheReference()
    {
        var query = VnPayCallbacks.Signed(Secret, ("vnp_TxnRef", ""));
        var callback = VnPayCallbackVerifier.Verify(Options, query);

        var decision = VnPayIpn.Decide(callback, Waiting);

        Assert.True(callback.SignatureValid);
        Assert.Equal(new VnPayIpnDecision(new("99", "Input data required"), VnPayIpnAction.None), decision);
    }

    [Fact]
    public void Response_SerialisesWithVnPaysPropertyNames_WhateverTheNamingPolicy()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(VnPayIpn.ConfirmSuccess, WebJson);

        Assert.Equal("""{"RspCode":"00","Message":"Confirm Success"}""", json);
    }
}
