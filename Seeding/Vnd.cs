using System.Globalization;

namespace DongNai.Seeding;

/// <summary>How Vietnamese write money: <c>1.500.000 đ</c>, or <c>7,5 triệu</c> for salaries.</summary>
internal static class Vnd
{
    public static string Format(long amount) =>
        amount.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.') + " đ";

    public static string Millions(long amount) =>
        (amount / 1_000_000m).ToString("0.#", CultureInfo.InvariantCulture).Replace('.', ',') + " triệu";

    public static string Kilometres(double km) =>
        km.ToString("0.#", CultureInfo.InvariantCulture).Replace('.', ',');
}
