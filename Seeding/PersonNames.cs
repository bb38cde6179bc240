using System.Text.Json;

namespace DongNai.Seeding;

/// <summary>
/// Vietnamese full names from <c>vi_names_faker.json</c> (@faker-js/faker, MIT): a surname drawn with
/// roughly the country's frequencies (Nguyễn about a third) and a given name of the chosen sex.
/// </summary>
internal sealed class PersonNames
{
    // Approximate shares (percent) of the commonest surnames; the rest of the list shares what is left.
    private static readonly Dictionary<string, double> SurnameShares = new(StringComparer.Ordinal)
    {
        ["Nguyễn"] = 38, ["Trần"] = 11, ["Lê"] = 9.5, ["Phạm"] = 7, ["Hoàng"] = 5, ["Phan"] = 4.5,
        ["Vũ"] = 4, ["Đặng"] = 2, ["Bùi"] = 2, ["Đỗ"] = 1.5, ["Hồ"] = 1.3, ["Ngô"] = 1.3, ["Dương"] = 1,
    };

    private readonly string[] surnames;
    private readonly double[] surnameWeights;
    private readonly string[] femaleNames;
    private readonly string[] maleNames;

    private PersonNames(string[] surnames, string[] femaleNames, string[] maleNames)
    {
        this.surnames = surnames;
        surnameWeights = surnames.Select(s => SurnameShares.GetValueOrDefault(s, 0.6)).ToArray();
        this.femaleNames = femaleNames;
        this.maleNames = maleNames;
    }

    public static PersonNames Load()
    {
        using var document = JsonDocument.Parse(DemoDataFile.Open("vi_names_faker.json"));
        string[] Read(string property) => document.RootElement.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();
        return new PersonNames(Read("last_names"), Read("first_names_female"), Read("first_names_male"));
    }

    /// <summary>A full name such as "Nguyễn Anh Thư", and its given name ("Anh Thư").</summary>
    public (string FullName, string GivenName) Next(Random random, bool female)
    {
        var surname = surnames[random.PickIndex(surnameWeights)];
        var given = random.Pick(female ? femaleNames : maleNames);
        return ($"{surname} {given}", given);
    }
}
