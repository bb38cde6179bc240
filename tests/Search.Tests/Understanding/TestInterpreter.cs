using DongNai.Domain.Places;
using DongNai.Search.Understanding;

namespace DongNai.Search.Tests.Understanding;

/// <summary>One interpreter over the real place catalog, shared by the tests (it is immutable and thread-safe).</summary>
internal static class TestInterpreter
{
    public static PlaceCatalog Places { get; } = PlaceCatalog.Load();

    public static QueryInterpreter Instance { get; } = new(Places);
}
