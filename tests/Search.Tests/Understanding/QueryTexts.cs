using System.Globalization;
using System.Text;
using DongNai.Domain.Listings;
using FsCheck;
using FsCheck.Fluent;

namespace DongNai.Search.Tests.Understanding;

/// <summary>
/// A query text for a property test. <see cref="ToString"/> writes it as a C# string literal with
/// every character outside printable ASCII escaped, so a failing case printed by FsCheck can be
/// pasted into an <c>[InlineData]</c> as it is, control characters and lone surrogates included.
/// </summary>
public sealed record QueryText(string Value)
{
    public override string ToString() => Literal(Value);

    public static string Literal(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                >= ' ' and <= '~' => c.ToString(),
                _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            });
        }

        return builder.Append('"').ToString();
    }
}

/// <summary>The kind a query is interpreted for; null for the search across kinds.</summary>
public sealed record KindChoice(ListingKind? Kind)
{
    public override string ToString() => Kind?.ToString() ?? "all kinds";
}

/// <summary>
/// FsCheck generators of the text people type into the search box, and of text nobody types.
/// Registered per property with <c>[Property(Arbitrary = [typeof(...)])]</c>.
/// </summary>
public static class QueryTexts
{
    /// <summary>
    /// Pieces of real queries from docs/query-understanding.md: kinds, needs, money and area in
    /// every written form, times, places with and without cues, fillers, and words the interpreter
    /// must leave alone; accented, unaccented and in capitals.
    /// </summary>
    private static readonly string[] Pieces =
    [
        "phòng trọ", "phong tro", "nhà trọ", "trọ", "cho thuê", "căn hộ", "chung cư", "ở ghép", "ký túc xá", "ktx", "nguyên căn", "mặt bằng",
        "tuyển", "tuyen", "tuyển dụng", "việc làm", "viec lam", "tìm việc", "cần tuyển", "công nhân", "cn", "kcn", "KCN",
        "xe buýt", "xe bus", "bus", "tuyến", "tuyen", "tuyến số", "lịch xe", "xe khách",
        "bán", "ban", "cần bán", "thanh lý", "pass", "đồ cũ", "cũ", "củ", "mới", "như mới", "like new", "second hand",
        "voucher", "khuyến mãi", "giảm giá", "ưu đãi", "coupon", "trà sữa", "cà phê", "spa", "karaoke", "siêu thị",
        "ca đêm", "ca ngay", "xoay ca", "3 ca", "toàn thời gian", "part time", "bán thời gian", "thời vụ", "bao ăn", "bao ăn ở", "xe đưa rước", "đưa đón",
        "máy lạnh", "điều hòa", "điều hoà", "wc riêng", "khép kín", "wifi", "wi-fi", "để xe", "bếp", "nước nóng", "nội thất", "gác lửng", "an ninh",
        "xe máy", "xe đạp", "điện thoại", "iphone 12", "honda 2020", "tầng 2", "phòng 2 người",
        "nội tỉnh", "liên tỉnh", "ngoại tỉnh",
        "dưới", "duoi", "trên", "tren", "từ", "tu", "đến", "den", "tới", "khoảng", "tầm", "cỡ", "chừng", "xấp xỉ", "quanh", "tối đa", "không quá", "ít nhất",
        "trở lên", "trở xuống", "đổ lại", "/tháng", "/th", "/lượt", "một tháng", "mỗi tháng", "rưỡi",
        "lương", "mức lương", "thu nhập", "giá", "giá thuê", "giá vé", "tiền phòng", "giảm", "thưởng", "cọc", "đặt cọc", "phụ cấp", "off",
        "giá rẻ", "rẻ", "re", "rẽ", "rẻ nhất", "bình dân",
        "2", "2tr", "2 triệu", "2 trieu", "1tr5", "2tr25", "1.5tr", "1,5", "1.5", "500k", "500 K", "500 nghìn", "1k5", "2 củ", "2 cu", "1 tỷ", "999 tỷ",
        "15.000đ", "15000 đ", "3.500.000", "1,500,000", "3500000 vnd", "300.000", "50000", "10000", "9999", "0", "00", "0.0", "1.2.3", "1,,5", "12.34.567",
        "999999999999", "1000000000000", "99999999999999999999", "123456789012345678901", "1e9", "∞", "NaN", "-1", "-2tr", "+3tr",
        "20m2", "20 m2", "20 m²", "20m²", "20 mét vuông", "0m2", "1000000 m2",
        "6h", "6h30", "6:30", "6 giờ", "6h sáng", "5h chiều", "5h tối", "10h đêm", "1h trưa", "sau 17h", "trước 7h", "từ 6h đến 8h", "6h-8h", "23:59", "24h", "25:61", "6h99",
        "sáng", "buổi sáng", "sáng sớm", "trưa", "chiều", "tối", "buổi tối", "đêm", "ban đêm", "khuya", "toi", "tôi",
        "gần", "gan", "ở", "tại", "khu vực", "xung quanh", "cạnh", "sát", "đi", "về", "phường", "P", "xã", "thị trấn", "TT", "thành phố", "TP", "huyện",
        "Amata", "amata", "Loteco", "Agtex", "Sikico", "Becamex", "BH1", "Biên Hòa", "Bien Hoa", "biên hoà", "Long Thành", "Trảng Bom", "Đồng Xoài", "Đồng Phú",
        "Long Khánh", "Nhơn Trạch", "Tam Hiệp", "Thuận Lợi", "hòa bình", "đường Quang Trung", "ấp", "chợ", "Đồng Nai",
        "cần tìm", "tìm kiếm", "muốn", "giúp", "nhé", "mình", "có", "ạ", "ơi", "với",
        "-", "–", "—", "~", "<", ">", "<=", ">=", "≤", "≥", "/", ":", "=", ",", ".", "..", "%", "50%", "&", "#", "?", "\"", "'", "(", ")", "[", "]",
    ];

    /// <summary>Characters that are not ordinary text: controls, invisible marks, combining marks alone, odd digits and spaces, surrogates.</summary>
    private static readonly string[] OddCharacters =
    [
        "\0", "\u0001", "\u0007", "\b", "\t", "\n", "\r", "\u001B", "\u007F", "\u0085", "\u00A0", "\u00AD", "\u200B", "\u200C", "\u200D", "\u200E",
        "\u202E", "\u2028", "\u2060", "\u3000", "\uFEFF", "\uFFFD", "\uFFFE", "\uFFFF", "\uFDD0",
        "\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0306", "\u0302", "\u031B", "\u0301\u0301\u0301",
        "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uDC00\uD800", "😀", "𝟐", "𝐀",
        "٣", "۵", "२", "２", "Ⅻ", "½", "²", "³", "ⁿ", "İ", "ı", "ß", "ǅ", "ﬁ", "Ω", "Å", "ǰ",
    ];

    private static readonly ListingKind?[] Kinds = [null, .. Enum.GetValues<ListingKind>().Cast<ListingKind?>()];

    /// <summary>Queries made of real pieces, joined by odd spacing, sometimes in capitals, NFD or with odd characters inside.</summary>
    public static Gen<string> Vietnamese { get; } =
        from pieces in Gen.Elements(Pieces).ListOf().Select(list => list.Take(12).ToList())
        from separators in Gen.Elements(" ", " ", " ", "  ", "", "\t", ",", " - ", "\u00A0").ArrayOf(pieces.Count)
        from odd in Gen.Frequency((6, Gen.Constant("")), (1, Gen.Elements(OddCharacters)))
        from oddAt in Gen.Choose(0, Math.Max(0, pieces.Count))
        from form in Gen.Elements(TextForm.AsTyped, TextForm.AsTyped, TextForm.Nfd, TextForm.Upper, TextForm.Lower)
        select Shape(pieces, separators, odd, oddAt, form);

    /// <summary>Any UTF-16 code units: letters of every script, controls, private use, lone and reversed surrogates.</summary>
    public static Gen<string> AnyUtf16 { get; } =
        Gen.Frequency(
                (4, Gen.Choose(0, 0xFFFF).Select(code => ((char)code).ToString())),
                (3, Gen.Choose(0x20, 0x7E).Select(code => ((char)code).ToString())),
                (3, Gen.Elements(OddCharacters)),
                (3, Gen.Elements(Pieces)))
            .ListOf()
            .Select(list => string.Concat(list.Take(60)));

    /// <summary>Long queries, 2,000 to 20,000 characters: far beyond the API's 200, which the interpreter must not rely on.</summary>
    public static Gen<string> VeryLong { get; } =
        from count in Gen.Choose(400, 3000)
        from pieces in Gen.Elements([.. Pieces, .. OddCharacters]).ArrayOf(count)
        select string.Join(' ', pieces);

    public static Arbitrary<KindChoice> KindChoice() => Gen.Elements(Kinds).Select(kind => new KindChoice(kind)).ToArbitrary();

    private static string Shape(List<string> pieces, string[] separators, string odd, int oddAt, TextForm form)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < pieces.Count; i++)
        {
            if (i == oddAt)
            {
                builder.Append(odd);
            }

            builder.Append(pieces[i]).Append(separators[i]);
        }

        var text = builder.ToString();
        return form switch
        {
            TextForm.Nfd when !CannotBeNormalized(text) => text.Normalize(NormalizationForm.FormD),
            TextForm.Upper => text.ToUpperInvariant(),
            TextForm.Lower => text.ToLowerInvariant(),
            _ => text,
        };
    }

    /// <summary>Whether <see cref="string.Normalize(NormalizationForm)"/> throws on the text: a lone surrogate or U+FFFE.</summary>
    public static bool CannotBeNormalized(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]) || text[i] == '\uFFFE')
            {
                return true;
            }
        }

        return false;
    }

    private enum TextForm
    {
        AsTyped,
        Nfd,
        Upper,
        Lower,
    }

    /// <summary>The <see cref="Vietnamese"/> generator as the arbitrary of <see cref="QueryText"/>.</summary>
    public static class VietnameseArbitrary
    {
        public static Arbitrary<QueryText> QueryText() => Arb.From(Vietnamese.Select(text => new QueryText(text)), Shrink);

        public static Arbitrary<KindChoice> KindChoice() => QueryTexts.KindChoice();
    }

    /// <summary>The <see cref="AnyUtf16"/> generator as the arbitrary of <see cref="QueryText"/>.</summary>
    public static class AnyUtf16Arbitrary
    {
        public static Arbitrary<QueryText> QueryText() => Arb.From(AnyUtf16.Select(text => new QueryText(text)), Shrink);

        public static Arbitrary<KindChoice> KindChoice() => QueryTexts.KindChoice();
    }

    /// <summary>The <see cref="VeryLong"/> generator as the arbitrary of <see cref="QueryText"/>; long texts shrink by halves.</summary>
    public static class LongArbitrary
    {
        public static Arbitrary<QueryText> QueryText() => Arb.From(VeryLong.Select(text => new QueryText(text)), Shrink);

        public static Arbitrary<KindChoice> KindChoice() => QueryTexts.KindChoice();
    }

    /// <summary>Shorter texts first (halves, then one character less at each end), so a failure is reported on a small input.</summary>
    private static IEnumerable<QueryText> Shrink(QueryText text)
    {
        var value = text.Value;
        if (value.Length == 0)
        {
            yield break;
        }

        if (value.Length > 1)
        {
            yield return new QueryText(value[..(value.Length / 2)]);
            yield return new QueryText(value[(value.Length / 2)..]);
        }

        yield return new QueryText(value[1..]);
        yield return new QueryText(value[..^1]);
    }
}
