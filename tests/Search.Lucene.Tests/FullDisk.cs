using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace DongNai.Search.Lucene.Tests;

/// <summary>
/// The disk under an index, as a test controls it: every directory it wraps (through
/// <see cref="LuceneOptions.OpenDirectory"/>) writes through it, and once the free bytes run out
/// every write fails as a full disk fails it, with an <see cref="IOException"/> "No space left on
/// device". Deleting files gives nothing back; <see cref="MakeRoom"/> does. Thread-safe: Lucene
/// writes from indexing, refresh and merge threads at once.
/// </summary>
public sealed class FullDisk
{
    private readonly System.Threading.Lock _gate = new();
    private long? _freeBytes;
    private bool _mergesOnly;
    private int _failedWrites;

    /// <summary>Writes refused for want of space since the disk was made.</summary>
    public int FailedWrites => Volatile.Read(ref _failedWrites);

    /// <summary>Opens the folder on this disk.</summary>
    public LuceneDirectory Open(string path) => new DiskDirectory(FSDirectory.Open(path), this);

    /// <summary>Leaves <paramref name="bytes"/> free: writes beyond them fail (0: the disk is full).</summary>
    public void Fill(long bytes = 0)
    {
        lock (_gate)
        {
            _freeBytes = bytes;
            _mergesOnly = false;
        }
    }

    /// <summary>
    /// Fills the disk for merges alone: a merge's writes fail, a flush's still fit, as on a disk
    /// with room for a small new segment but not for the larger one a merge writes.
    /// </summary>
    public void FillForMerges()
    {
        lock (_gate)
        {
            _freeBytes = 0;
            _mergesOnly = true;
        }
    }

    /// <summary>Space again, without limit.</summary>
    public void MakeRoom()
    {
        lock (_gate)
        {
            _freeBytes = null;
            _mergesOnly = false;
        }
    }

    private void Take(int bytes, bool merge)
    {
        lock (_gate)
        {
            if (_freeBytes is not { } free || (_mergesOnly && !merge))
            {
                return;
            }

            if (free < bytes)
            {
                _freeBytes = 0;
                _failedWrites++;
                throw new IOException("No space left on device");
            }

            _freeBytes = free - bytes;
        }
    }

    private sealed class DiskDirectory(LuceneDirectory inner, FullDisk disk) : FilterDirectory(inner)
    {
        public override IndexOutput CreateOutput(string name, IOContext context) =>
            new DiskOutput(base.CreateOutput(name, context), disk, context.Context == IOContext.UsageContext.MERGE);
    }

    private sealed class DiskOutput(IndexOutput inner, FullDisk disk, bool merge) : IndexOutput
    {
        public override long Position => inner.Position;

        public override long Checksum => inner.Checksum;

        public override long Length
        {
            get => inner.Length;
            set => inner.Length = value;
        }

        public override void WriteByte(byte b)
        {
            disk.Take(1, merge);
            inner.WriteByte(b);
        }

        public override void WriteBytes(byte[] b, int offset, int length)
        {
            disk.Take(length, merge);
            inner.WriteBytes(b, offset, length);
        }

        public override void Flush() => inner.Flush();

        [Obsolete("Lucene 4.8 deprecates seeking an output; delegated for completeness.")]
        public override void Seek(long pos) => inner.Seek(pos);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
        }
    }
}
