namespace DongNai.Search.Api.Backups;

/// <summary>
/// An exclusive lock on a data folder, held by the running service for its whole life (the file
/// <c>service.lock</c>, opened with no sharing, which .NET turns into an advisory <c>flock</c> on
/// Unix), so that a restore, or a second service, cannot take the folder from under it. The
/// operating system releases the lock when the process ends, even after <c>kill -9</c>.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    public const string FileName = "service.lock";

    private readonly FileStream _file;

    private DataFolderLock(FileStream file) => _file = file;

    /// <summary>Takes the lock on <paramref name="dataPath"/>, or returns null when another process (or another part of this one) holds it.</summary>
    public static DataFolderLock? TryAcquire(string dataPath)
    {
        Directory.CreateDirectory(dataPath);
        try
        {
            return new DataFolderLock(new FileStream(Path.Combine(dataPath, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Takes the lock on <paramref name="dataPath"/>.</summary>
    /// <exception cref="InvalidOperationException">Another process already uses the folder.</exception>
    public static DataFolderLock Acquire(string dataPath) =>
        TryAcquire(dataPath) ?? throw new InvalidOperationException(
            $"Another process is using the data folder {Path.GetFullPath(dataPath)} (it holds {FileName}). Stop it first, or give this one another Storage:DataPath.");

    public void Dispose() => _file.Dispose();
}
