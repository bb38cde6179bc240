using System.Globalization;
using DongNai.Domain.Listings;
using DongNai.Domain.Text;
using DongNai.Search.Lucene.Analysis;
using DongNai.Search.Lucene.Indexing;
using DongNai.Search.Lucene.Querying;
using DongNai.Search.Tests.Builders;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace DongNai.Search.Lucene.Tests;

/// <summary>
/// Autocomplete through the per-segment <see cref="SuggestTable"/>s gives exactly what counting
/// every live listing gives, over several segments with deletions and updates.
/// </summary>
public sealed class SuggestTableTests : IDisposable
{
    private static readonly string[] Heads =
    [
        "Phòng trọ", "Kiot", "Căn hộ", "Phụ bếp", "Phụ hồ", "Cà phê", "Tuyển công nhân", "Tuyển bảo vệ",
        "Bán xe máy", "Bánh mì", "Cho thuê nhà", "Khu vui chơi", "Nhà nguyên căn", "Mặt bằng", "Thợ may",
    ];

    private static readonly string[] Places =
    [
        "KCN Amata", "kcn amata", "KCN AMATA", "Biên Hòa", "Bien Hoa", "Biên Hoà", "Long Thành", "Trảng Bom",
        "Công ty Changshin", "Khu công nghiệp Nhơn Trạch", "Chợ Biên Hòa", "Amata City", "Hố Nai", "Tân Phú",
    ];

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Suggest_EqualsCountingEveryLiveListing_OverSegmentsWithDeletionsAndUpdates()
    {
        var random = new Random(20251103);
        var live = new Dictionary<long, SearchDocument>();
        var mapper = new DocumentMapper();
        using var analyzer = new VietnameseAnalyzer(fold: true);
        using var directory = FSDirectory.Open(_folder.Path);
        using var writer = new IndexWriter(directory, new IndexWriterConfig(VietnameseAnalyzer.Version, analyzer) { MergePolicy = NoMergePolicy.COMPOUND_FILES });

        // Eight segments of 400 listings.
        for (var batch = 0; batch < 8; batch++)
        {
            foreach (var id in Enumerable.Range((batch * 400) + 1, 400))
            {
                var document = RandomListing(random, id, ListingKinds.Public[random.Next(ListingKinds.Public.Count)].Kind, version: 1);
                writer.AddDocument(mapper.ToListing(document));
                live[id] = document;
            }

            writer.Commit();
        }

        using (var reader = DirectoryReader.Open(writer, applyAllDeletes: true))
        {
            Assert.Equal(8, reader.Leaves.Count);
            AssertSuggestionsEqualCounts(new IndexSearcher(reader), live.Values);
        }

        // Updates (a new segment, deletions in the old ones) and deletions, spread over every segment.
        for (var i = 0; i < 300; i++)
        {
            var id = random.NextInt64(1, 3201);
            if (live.TryGetValue(id, out var current))
            {
                var updated = RandomListing(random, id, current.Kind, version: 2);
                writer.UpdateDocument(new Term(FieldNames.Key, DocumentMapper.KeyOf(current.Kind, id)), mapper.ToListing(updated));
                live[id] = updated;
            }

            id = random.NextInt64(1, 3201);
            if (live.Remove(id, out var deleted))
            {
                writer.DeleteDocuments(new Term(FieldNames.Key, DocumentMapper.KeyOf(deleted.Kind, id)));
            }
        }

        using (var reader = DirectoryReader.Open(writer, applyAllDeletes: true))
        {
            Assert.True(reader.Leaves.Count(leaf => leaf.AtomicReader.HasDeletions) >= 8);
            AssertSuggestionsEqualCounts(new IndexSearcher(reader), live.Values);
        }
    }

    [Fact]
    public async Task Suggest_DropsADeletedListing_AsSoonAsTheDeleteIsSearchable()
    {
        using var engine = new LuceneSearchEngine(new LuceneOptions { IndexPath = _folder.Path });

        // Enough terms under "am" for the table to list the prefix rather than count it per query.
        await engine.UpsertAsync([.. Enumerable.Range(1, 120).Select(id => ListingBuilder.Rental(id).Titled($"Amata nhà số {id}").Build())]);
        await engine.UpsertAsync([.. Enumerable.Range(201, 5).Select(id => ListingBuilder.Job(id).Titled($"Tuyển thợ {id}").Suggests("KCN Amata").Build())]);
        await engine.RefreshAsync();
        Assert.Equal(new Suggestion("KCN Amata", 5), (await engine.SuggestAsync(new SuggestQuery { Prefix = "am" }))[0]);

        await engine.DeleteAsync(ListingKind.Job, 201, version: 1);
        await engine.RefreshAsync();
        Assert.Equal(new Suggestion("KCN Amata", 4), (await engine.SuggestAsync(new SuggestQuery { Prefix = "am" }))[0]);
        Assert.Equal(new Suggestion("KCN Amata", 4), (await engine.SuggestAsync(new SuggestQuery { Prefix = "am", Kind = ListingKind.Job }))[0]);

        await engine.DeleteAsync(ListingKind.Rental, 7, version: 1);
        await engine.RefreshAsync();
        Assert.DoesNotContain(await engine.SuggestAsync(new SuggestQuery { Prefix = "amata nha so 7", Size = SuggestQuery.MaxSize }), s => s.Text == "Amata nhà số 7");
        Assert.Contains(await engine.SuggestAsync(new SuggestQuery { Prefix = "amata nha so 7", Size = SuggestQuery.MaxSize }), s => s.Text == "Amata nhà số 70");

        foreach (var id in Enumerable.Range(202, 4))
        {
            await engine.DeleteAsync(ListingKind.Job, id, version: 1);
        }

        await engine.RefreshAsync();
        Assert.DoesNotContain(await engine.SuggestAsync(new SuggestQuery { Prefix = "am", Size = SuggestQuery.MaxSize }), s => s.Text == "KCN Amata");
        Assert.Empty(await engine.SuggestAsync(new SuggestQuery { Prefix = "am", Kind = ListingKind.Job }));
    }

    /// <summary>Many prefixes, for every kind and for any kind: the suggester gives what counting every live listing gives.</summary>
    private static void AssertSuggestionsEqualCounts(IndexSearcher searcher, IEnumerable<SearchDocument> live)
    {
        var listings = live.Select(document => (document.Kind, Terms: DocumentMapper.SuggestTerms(document.Title, document.SuggestTerms).ToList())).ToList();
        foreach (var prefix in PrefixesToCheck())
        {
            foreach (var kind in ListingKinds.All.Cast<ListingKind?>().Prepend(null))
            {
                var query = new SuggestQuery { Prefix = prefix, Kind = kind, Size = kind is null ? SuggestQuery.MaxSize : 8 };

                var suggestions = Suggester.Suggest(searcher, query);

                var expected = BruteForce(listings, query);
                Assert.True(
                    expected.SequenceEqual(suggestions),
                    $"'{prefix}' ({kind}): got {string.Join(" | ", suggestions)}; expected {string.Join(" | ", expected)}");
            }
        }
    }

    /// <summary>
    /// A listing titled with a common head (many listings share the title: large counts), a head
    /// and a place, or one of the first heads and a number (hundreds of titles of a few listings
    /// each under the same prefixes: flat counts), with place phrases written in several ways.
    /// </summary>
    private static SearchDocument RandomListing(Random random, long id, ListingKind kind, int version)
    {
        var head = Heads[random.Next(Heads.Length)];
        var title = random.Next(10) switch
        {
            < 3 => head,
            < 5 => $"{head} {Places[random.Next(Places.Length)]}",
            _ => $"{Heads[random.Next(3)]} {random.Next(1, 301).ToString(CultureInfo.InvariantCulture)} m²",
        };
        var builder = kind switch
        {
            ListingKind.Job => ListingBuilder.Job(id),
            ListingKind.Rental => ListingBuilder.Rental(id),
            ListingKind.Classified => ListingBuilder.Classified(id),
            ListingKind.Voucher => ListingBuilder.Voucher(id),
            _ => ListingBuilder.BusRoute(id),
        };
        return builder.Titled(title).Version(version).Suggests([.. Enumerable.Range(0, random.Next(3)).Select(_ => Places[random.Next(Places.Length)])]).Build();
    }

    /// <summary>Every 1–4 letter prefix of every word of the vocabulary, and some longer ones and synonyms.</summary>
    private static IEnumerable<string> PrefixesToCheck()
    {
        var words = Heads.Concat(Places).SelectMany(text => VietnameseText.FoldKey(text).Split(' ')).Distinct(StringComparer.Ordinal);
        var prefixes = words.SelectMany(word => Enumerable.Range(1, Math.Min(4, word.Length)).Select(length => word[..length]));
        return prefixes.Concat(["Phòng t", "kcn ", "kcn am", "khu cong nghiep ", "bien hoa", "cho bi", "kiot 1", "kiot 12", "ca phe 3", "0", "x"])
            .Distinct(StringComparer.Ordinal);
    }

    /// <summary>Counts every live listing's autocomplete terms under the prefix, grouped and ordered as the engine promises.</summary>
    private static List<Suggestion> BruteForce(List<(ListingKind Kind, List<string> Terms)> listings, SuggestQuery query)
    {
        var groups = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var prefix in Suggester.Prefixes(query.Prefix))
        {
            foreach (var (kind, terms) in listings)
            {
                if (query.Kind is not null && kind != query.Kind)
                {
                    continue;
                }

                foreach (var term in terms.Where(term => term.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    var display = term[(term.IndexOf(FieldNames.SuggestSeparator, StringComparison.Ordinal) + 1)..];
                    var key = VietnameseText.FoldKey(display);
                    if (!groups.TryGetValue(key, out var forms))
                    {
                        forms = new Dictionary<string, int>(StringComparer.Ordinal);
                        groups[key] = forms;
                    }

                    forms[display] = forms.GetValueOrDefault(display) + 1;
                }
            }
        }

        return groups.Values
            .Select(forms => new Suggestion(
                forms.OrderByDescending(form => form.Value).ThenBy(form => form.Key, StringComparer.Ordinal).First().Key,
                forms.Values.Sum()))
            .OrderByDescending(suggestion => suggestion.Count)
            .ThenBy(suggestion => suggestion.Text.Length)
            .ThenBy(suggestion => suggestion.Text, StringComparer.Ordinal)
            .Take(query.Size)
            .ToList();
    }
}
