using System.Text.RegularExpressions;
using DongNai.Domain.Text;

namespace DongNai.Search.Elasticsearch.Querying;

/// <summary>
/// Splits text into words the way the index's <c>vi_words</c> tokenizer does (runs of letters,
/// digits and combining marks), folded or with canonical accents. Pure; thread-safe.
/// </summary>
internal static partial class TextAnalysis
{
    public static IReadOnlyList<string> Words(string? text) =>
        string.IsNullOrEmpty(text) ? [] : WordPattern().Matches(VietnameseText.Compose(text)).Select(match => match.Value).ToList();

    public static IReadOnlyList<string> Folded(string? text) => Words(text).Select(VietnameseText.Fold).Where(word => word.Length > 0).ToList();

    public static IReadOnlyList<string> Accented(string? text) => Words(text).Select(VietnameseText.Normalize).Where(word => word.Length > 0).ToList();

    [GeneratedRegex(@"[\p{L}\p{Nd}\p{Mn}\p{Mc}\p{Lm}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
