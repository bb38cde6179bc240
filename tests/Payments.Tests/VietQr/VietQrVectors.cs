using System.Text.Json;
using DongNai.Domain.Places;

namespace DongNai.Payments.Tests.VietQr;

/// <summary>The shared test vectors (<c>Domain/Data/vietqr_test_vectors.json</c>), as xunit theory data.</summary>
public static class VietQrVectors
{
    public static IReadOnlyList<(string Payload, bool CrcOk)> All { get; } = Load();

    public static TheoryData<string, bool> Data()
    {
        var data = new TheoryData<string, bool>();
        foreach (var (payload, crcOk) in All)
        {
            data.Add(payload, crcOk);
        }

        return data;
    }

    public static TheoryData<string> Valid()
    {
        var data = new TheoryData<string>();
        foreach (var (payload, _) in All.Where(v => v.CrcOk))
        {
            data.Add(payload);
        }

        return data;
    }

    private static List<(string, bool)> Load()
    {
        using var document = JsonDocument.Parse(EmbeddedDataFile.Open("vietqr_test_vectors.json"));
        return document.RootElement.GetProperty("vectors").EnumerateArray()
            .Select(v => (v.GetProperty("payload").GetString()!, v.GetProperty("crc_ok").GetBoolean()))
            .ToList();
    }
}
