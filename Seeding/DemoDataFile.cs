namespace DongNai.Seeding;

/// <summary>Opens the demo-data files embedded in this assembly (see <c>Seeding/Data/</c>; the resource name is the file name).</summary>
internal static class DemoDataFile
{
    public static Stream Open(string fileName) =>
        typeof(DemoDataFile).Assembly.GetManifestResourceStream(fileName)
            ?? throw new InvalidOperationException($"The embedded data file '{fileName}' is missing from {typeof(DemoDataFile).Assembly.GetName().Name}.");
}
