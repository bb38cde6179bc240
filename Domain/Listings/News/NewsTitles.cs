using DongNai.Domain.Text;

namespace DongNai.Domain.Listings.News;

/// <summary>
/// When two titles tell the same story: the same words once folded (accents, case, punctuation
/// and spacing do not count), or nearly the same set of words — a Jaccard similarity of at least
/// <see cref="NearDuplicateSimilarity"/> over their words, so "Đồng Nai: khởi công cao tốc Biên
/// Hòa – Vũng Tàu" and "Khởi công cao tốc Biên Hòa - Vũng Tàu (Đồng Nai)" are one story.
/// </summary>
public static class NewsTitles
{
    public const double NearDuplicateSimilarity = 0.8;

    /// <summary>The folded key stored in <see cref="NewsArticle.TitleKey"/>.</summary>
    public static string Key(string title)
    {
        var key = VietnameseText.FoldKey(title);
        return key.Length <= NewsArticle.MaxTitleKeyLength ? key : key[..NewsArticle.MaxTitleKeyLength].TrimEnd();
    }

    /// <summary>Whether two keys (<see cref="Key"/>) name the same story.</summary>
    public static bool SameStory(string key, string otherKey)
    {
        if (key == otherKey)
        {
            return true;
        }

        var words = key.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var otherWords = otherKey.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (words.Count == 0 || otherWords.Count == 0)
        {
            return false;
        }

        var shared = words.Count(otherWords.Contains);
        return (double)shared / (words.Count + otherWords.Count - shared) >= NearDuplicateSimilarity;
    }
}
