using DongNai.Domain.Listings;
using DongNai.Search.Lucene.Querying;
using DongNai.Search.Tests.Builders;

namespace DongNai.Search.Lucene.Tests;

/// <summary>What the embedded engine promises beyond the contract: near-real-time visibility, durability and its folder layout.</summary>
public sealed class LuceneEngineTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Upsert_IsSearchableWithinOneSecond_WithoutAnExplicitRefresh()
    {
        using var engine = Create();

        await engine.UpsertAsync([ListingBuilder.Rental(1).Titled("Phòng trọ Amata").Build()]);

        var deadline = DateTime.UtcNow.AddSeconds(1);
        var found = false;
        while (!found && DateTime.UtcNow < deadline)
        {
            found = (await engine.SearchAsync(new SearchQuery { Text = "amata", Now = TestClock.Now })).Total == 1;
            if (!found)
            {
                await Task.Delay(10);
            }
        }

        Assert.True(found, "The listing was not searchable within one second.");
    }

    [Fact]
    public async Task Index_SurvivesReopening_AfterCommit()
    {
        using (var engine = Create())
        {
            await engine.UpsertAsync([ListingBuilder.Rental(1).Titled("Phòng trọ Amata").Build()]);
            await engine.DeleteAsync(ListingKind.Rental, 2, version: 5);
            await engine.CommitAsync();
        }

        using var reopened = Create();
        await reopened.UpsertAsync([ListingBuilder.Rental(2).Titled("Phòng trọ cũ").Version(4).Build()]);
        await reopened.RefreshAsync();

        Assert.Equal(1, await reopened.CountAsync());
        Assert.Equal(1, (await reopened.SearchAsync(new SearchQuery { Text = "amata", Now = TestClock.Now })).Total);
    }

    [Fact]
    public async Task Rebuild_SwapsThePointerAndDeletesTheOldGeneration()
    {
        using var engine = Create();
        await engine.UpsertAsync([ListingBuilder.Rental(1).Build()]);
        var before = File.ReadAllText(Path.Combine(_folder.Path, "current"));

        await engine.RebuildAsync(Generate(ListingBuilder.Rental(2).Build()));

        var after = File.ReadAllText(Path.Combine(_folder.Path, "current"));
        Assert.NotEqual(before, after);
        Assert.Equal([after], Directory.GetDirectories(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Open_RemovesFoldersOfAnInterruptedRebuild()
    {
        using (var engine = Create())
        {
            await engine.UpsertAsync([ListingBuilder.Rental(1).Build()]);
            await engine.CommitAsync();
        }

        Directory.CreateDirectory(Path.Combine(_folder.Path, "gen-000009"));

        using var reopened = Create();
        Assert.Single(Directory.GetDirectories(_folder.Path));
        Assert.Equal(1, await reopened.CountAsync());
    }

    [Fact]
    public async Task Search_Throws_AfterDispose()
    {
        var engine = Create();
        engine.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => engine.SearchAsync(new SearchQuery { Now = TestClock.Now }));
    }

    [Fact]
    public async Task Upsert_RejectsInvalidDocuments()
    {
        using var engine = Create();

        await Assert.ThrowsAsync<ArgumentException>(() => engine.UpsertAsync([ListingBuilder.Rental(1).Build() with { Latitude = 10.9 }]));
        await Assert.ThrowsAsync<ArgumentException>(() => engine.UpsertAsync([ListingBuilder.Rental(1).Salary(5, 1).Build()]));
        await Assert.ThrowsAsync<ArgumentException>(() => engine.UpsertAsync([ListingBuilder.Rental(1).Keyword("bad field!", "x").Build()]));
    }

    [Fact]
    public async Task Search_TakesACommonWordAsTyped_AndARareOneWithTypos()
    {
        using var engine = Create();
        // "samsung" in as many listings as make it common; "samsong" (one edit away) in one.
        var common = Enumerable.Range(1, TextQueryBuilder.FuzzyBelowDocFreq)
            .Select(id => ListingBuilder.Classified(id).Titled($"Điện thoại Samsung số {id}").Build());
        await engine.UpsertAsync([.. common, ListingBuilder.Classified(1000).Titled("Máy giặt Samsong").Build()]);
        await engine.RefreshAsync();

        var exact = await engine.SearchAsync(new SearchQuery { Text = "samsung", Size = 100, Now = TestClock.Now });
        var rare = await engine.SearchAsync(new SearchQuery { Text = "samsong", Size = 100, Now = TestClock.Now });

        Assert.Equal(TextQueryBuilder.FuzzyBelowDocFreq, exact.Total);
        Assert.DoesNotContain(exact.Hits, hit => hit.Id == 1000);
        Assert.Equal(1000, rare.Hits[0].Id);
        Assert.Equal(TextQueryBuilder.FuzzyBelowDocFreq + 1, rare.Total);
    }

    [Theory]
    [InlineData("phong tro", true)]
    [InlineData("phong tro", false)]
    [InlineData(null, true)]
    public async Task Search_BlendsScore_AsTextTimesDistanceTimesFreshness_OfTheHitsSignals(string? text, bool withReference)
    {
        using var engine = Create();
        var random = new Random(41);
        var listings = Enumerable.Range(1, 40).Select(id =>
        {
            var builder = ListingBuilder.Rental(id)
                .Titled(id % 2 == 0 ? $"Phòng trọ số {id}" : $"Phòng trọ phòng trọ gần chợ {id}")
                .UpdatedAt(TestClock.Now.AddHours(-random.Next(0, 2_000)));
            return id % 7 == 0 ? builder.Build() : builder.At(10.9 + (random.NextDouble() * 0.2), 106.8 + (random.NextDouble() * 0.2)).Build();
        }).ToList();
        await engine.UpsertAsync(listings);
        await engine.RefreshAsync();
        var query = new SearchQuery { Text = text, Now = TestClock.Now, Size = 100, ReferencePoint = withReference ? Places.Amata : null };

        var hits = (await engine.SearchAsync(query)).Hits;

        Assert.Equal(listings.Count, hits.Count);
        foreach (var hit in hits)
        {
            var distance = withReference ? hit.Signals.DistanceKm ?? double.PositiveInfinity : (double?)null;
            Assert.Equal(DongNai.Search.Scoring.RelevanceBlend.Score(hit.Signals.TextScore, distance, hit.Signals.AgeDays), hit.Score, 12);
        }

        Assert.True(text is null || hits.Select(h => h.Signals.TextScore).Distinct().Count() > 1, "Every hit had the same text score.");
    }

    private static async IAsyncEnumerable<SearchDocument> Generate(params SearchDocument[] documents)
    {
        foreach (var document in documents)
        {
            await Task.Yield();
            yield return document;
        }
    }

    private LuceneSearchEngine Create() => new(new LuceneOptions { IndexPath = _folder.Path });
}
