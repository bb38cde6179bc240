using System.Collections.Frozen;
using System.Text.Json;
using DongNai.Domain.Places;

namespace DongNai.Payments.VietQr;

/// <summary>A bank in the NAPAS list: its six-digit acquirer BIN, its code and names.</summary>
public sealed record NapasBank(string Bin, string Code, string ShortName, string Name);

/// <summary>
/// The banks of <c>Domain/Data/vn_banks_napas_bin.json</c> by BIN, read once. Entries without a
/// six-digit BIN are left out. Where two entries share a BIN (a bank renamed or taken over: Ocean
/// Bank and MBV, DongA Bank and Vikki Bank), the one not marked deprecated wins, then the one that
/// supports VietQR. Thread-safe.
/// </summary>
public static class NapasBanks
{
    private const string FileName = "vn_banks_napas_bin.json";

    private static readonly Lazy<FrozenDictionary<string, NapasBank>> ByBin = new(Load);

    public static IReadOnlyCollection<NapasBank> All => ByBin.Value.Values;

    public static NapasBank? Find(string? bin) => bin is not null && ByBin.Value.TryGetValue(bin, out var bank) ? bank : null;

    private static FrozenDictionary<string, NapasBank> Load()
    {
        using var document = JsonDocument.Parse(EmbeddedDataFile.Open(FileName));
        var candidates = new List<(NapasBank Bank, bool Deprecated, int VietQrStatus)>();
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            var bin = entry.GetProperty("bin").GetString() ?? "";
            if (bin.Length != 6 || !bin.All(char.IsAsciiDigit))
            {
                continue;
            }

            var deprecated = entry.TryGetProperty("deprecated", out var d) && d.ValueKind == JsonValueKind.True;
            var status = entry.TryGetProperty("vietQRStatus", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : 0;
            candidates.Add((new NapasBank(bin, entry.GetProperty("code").GetString()!, entry.GetProperty("shortName").GetString()!, entry.GetProperty("name").GetString()!), deprecated, status));
        }

        return candidates
            .GroupBy(c => c.Bank.Bin, StringComparer.Ordinal)
            .ToFrozenDictionary(
                group => group.Key,
                group => group.OrderBy(c => c.Deprecated).ThenByDescending(c => c.VietQrStatus).First().Bank,
                StringComparer.Ordinal);
    }
}
