using System.Text;
using DongNai.Domain.Text;

namespace DongNai.Payments.VietQr;

/// <summary>
/// Text as VietQR carries it: printable ASCII only, since bank apps show accented letters garbled or
/// refuse the code. Vietnamese letters lose their marks (đ becomes d) but keep their case, so
/// "Chuyển tiền Đồng Nai" becomes "Chuyen tien Dong Nai"; white space runs become one space;
/// anything else outside printable ASCII (emoji, other scripts, control characters) is dropped.
/// Pure and thread-safe.
/// </summary>
public static class VietQrText
{
    public static string FoldToAscii(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var output = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var rune in VietnameseText.Compose(text).EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = output.Length > 0;
                continue;
            }

            // The shared folding lower-cases; the case is the writer's, so it is put back.
            var folded = rune.IsAscii ? rune.ToString() : VietnameseText.Fold(rune.ToString());
            if (Rune.IsUpper(rune))
            {
                folded = folded.ToUpperInvariant();
            }

            foreach (var c in folded)
            {
                if (c is < ' ' or > '~')
                {
                    continue;
                }

                if (pendingSpace)
                {
                    output.Append(' ');
                    pendingSpace = false;
                }

                output.Append(c);
            }
        }

        return output.ToString();
    }
}
