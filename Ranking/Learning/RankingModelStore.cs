using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DongNai.Ranking.Features;
using Microsoft.ML;

namespace DongNai.Ranking.Learning;

/// <summary>What is known about one trained model: when, from which events, and how it did against the others.</summary>
/// <param name="Version">The folder name: the training instant as yyyyMMdd-HHmmss (UTC).</param>
/// <param name="TrainedAt">When it was trained (UTC).</param>
/// <param name="DataFrom">The first event the training set was built from.</param>
/// <param name="DataTo">The last training event; evaluation used the events after it up to <paramref name="EvaluatedTo"/>.</param>
/// <param name="EvaluatedTo">The last event of the evaluation window.</param>
/// <param name="TrainingRequests">Logged requests trained on.</param>
/// <param name="EvaluationRequests">Logged requests evaluated on.</param>
/// <param name="Metrics">NDCG@10, recall@10 and MRR on the evaluation window: <c>candidate</c>, <c>current</c> (when a model was promoted), <c>engine</c>, <c>popularity</c>.</param>
/// <param name="Promoted">Whether the model won and was promoted when it was trained.</param>
/// <param name="Features">The model's inputs, in order.</param>
public sealed record RankingModelInfo(
    string Version,
    DateTime TrainedAt,
    DateTime DataFrom,
    DateTime DataTo,
    DateTime EvaluatedTo,
    int TrainingRequests,
    int EvaluationRequests,
    IReadOnlyDictionary<string, RankingQuality> Metrics,
    bool Promoted,
    IReadOnlyList<string> Features);

/// <summary>
/// Trained models as versioned files under one folder (<c>&lt;DataPath&gt;/ranking-models</c>): each
/// version a folder with <c>model.zip</c> and <c>model.json</c> (<see cref="RankingModelInfo"/>), and
/// <c>current.json</c> naming the version in use, replaced atomically (written aside, then moved over).
/// Thread-safe for readers; one writer at a time (the training job, or an admin's roll-back).
/// </summary>
public sealed class RankingModelStore(string folder)
{
    private const string ModelFile = "model.zip";
    private const string InfoFile = "model.json";
    private const string CurrentFile = "current.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Folder { get; } = folder;

    /// <summary>A version name for a model trained at <paramref name="instant"/>.</summary>
    public static string VersionAt(DateTime instant) => instant.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);

    /// <summary>Every stored version, newest first.</summary>
    public IReadOnlyList<RankingModelInfo> List()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        return Directory.EnumerateDirectories(Folder)
            .Select(directory => Path.Combine(directory, InfoFile))
            .Where(File.Exists)
            .Select(path => JsonSerializer.Deserialize<RankingModelInfo>(File.ReadAllText(path), Json))
            .OfType<RankingModelInfo>()
            .OrderByDescending(info => info.Version, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The version in use, or null when none was ever promoted.</summary>
    public string? CurrentVersion()
    {
        var path = Path.Combine(Folder, CurrentFile);
        return File.Exists(path) ? JsonSerializer.Deserialize<CurrentPointer>(File.ReadAllText(path), Json)?.Version : null;
    }

    public bool Exists(string version) => IsVersionName(version) && File.Exists(Path.Combine(Folder, version, ModelFile));

    public void Save(MLContext ml, ITransformer model, RankingModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var directory = Path.Combine(Folder, info.Version);
        Directory.CreateDirectory(directory);
        RankingModelTrainer.Save(ml, model, Path.Combine(directory, ModelFile));
        File.WriteAllText(Path.Combine(directory, InfoFile), JsonSerializer.Serialize(info, Json));
    }

    /// <summary>Makes <paramref name="version"/> the one in use (the service swaps to it: see <see cref="RankingModelHost"/>).</summary>
    /// <exception cref="ArgumentException">No such stored version.</exception>
    public void SetCurrent(string version)
    {
        if (!Exists(version))
        {
            throw new ArgumentException($"No stored model version '{version}'.", nameof(version));
        }

        Directory.CreateDirectory(Folder);
        var aside = Path.Combine(Folder, CurrentFile + ".tmp");
        File.WriteAllText(aside, JsonSerializer.Serialize(new CurrentPointer(version), Json));
        File.Move(aside, Path.Combine(Folder, CurrentFile), overwrite: true);
    }

    /// <summary>No version in use: the service ranks with the heuristic.</summary>
    public void ClearCurrent()
    {
        var path = Path.Combine(Folder, CurrentFile);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    public ITransformer Load(MLContext ml, string version)
    {
        if (!Exists(version))
        {
            throw new ArgumentException($"No stored model version '{version}'.", nameof(version));
        }

        return RankingModelTrainer.Load(ml, Path.Combine(Folder, version, ModelFile));
    }

    /// <summary>Version names are the training instant (digits and one dash), so a name from a request can never leave the folder.</summary>
    public static bool IsVersionName(string? version) =>
        version is { Length: 15 } && version[8] == '-' && version.Remove(8, 1).All(char.IsAsciiDigit);

    private sealed record CurrentPointer([property: JsonPropertyName("version")] string Version);
}

/// <summary>
/// Keeps the service's learned ranker in step with the store: loads the current version into the
/// <see cref="LearnedRankerHolder"/> (an atomic reference swap, no restart), on start, after a
/// promotion and on a roll-back. Thread-safe.
/// </summary>
public sealed class RankingModelHost(RankingModelStore store, LearnedRankerHolder holder, FeatureExtractor features)
{
    private readonly Lock _lock = new();

    public RankingModelStore Store => store;

    /// <summary>The version the service ranks with now, or null (the heuristic).</summary>
    public string? ActiveVersion => (holder.Current as LearnedRanker)?.Version;

    /// <summary>Loads the store's current version, if any, and swaps it in. Returns the version now active.</summary>
    public string? LoadCurrent()
    {
        lock (_lock)
        {
            if (store.CurrentVersion() is not { } version || !store.Exists(version))
            {
                holder.Swap(null);
                return null;
            }

            if (ActiveVersion != version)
            {
                var ml = new MLContext(seed: 1);
                holder.Swap(new LearnedRanker(ml, store.Load(ml, version), features, version));
            }

            return version;
        }
    }

    /// <summary>Ranks with the heuristic again: forgets the current version and swaps the model out.</summary>
    public void Deactivate()
    {
        lock (_lock)
        {
            store.ClearCurrent();
            holder.Swap(null);
        }
    }

    /// <summary>Makes a stored version current and swaps it in.</summary>
    /// <exception cref="ArgumentException">No such stored version.</exception>
    public void Activate(string version)
    {
        lock (_lock)
        {
            store.SetCurrent(version);
            LoadCurrent();
        }
    }
}
