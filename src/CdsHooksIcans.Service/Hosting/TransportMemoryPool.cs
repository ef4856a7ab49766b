using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace CdsHooksIcans.Service.Hosting;

/// <summary>
/// Kestrel's socket buffers in 64 KB blocks instead of its default 4 KB. Kestrel receives at most one block per system
/// call, and a hook request carries its prefetch: with small blocks a large body took dozens of receive calls and as many
/// pipe hand-overs (docs/adr/0014-kestrel-receives-in-64-kb-blocks.md).
/// </summary>
/// <remarks>
/// Kestrel waits for data before it rents a block, so idle connections hold none. Blocks are pinned arrays, as in
/// Kestrel's own pool, so socket operations need not pin them. Returned blocks are kept for reuse up to
/// <see cref="MaxRetainedBlocks"/>; beyond that they are left to the garbage collector, so a burst of connections does not
/// hold its memory.
/// </remarks>
internal sealed class TransportMemoryPool : MemoryPool<byte>
{
    public const int BlockSize = 64 * 1024;

    /// <summary>At most 8 MB of free blocks kept between bursts.</summary>
    public const int MaxRetainedBlocks = 128;

    private readonly ConcurrentQueue<Block> _free = new();
    private int _freeCount;
    private volatile bool _disposed;

    public override int MaxBufferSize => BlockSize;

    /// <summary>Free blocks kept for reuse.</summary>
    public int RetainedBlocks => Volatile.Read(ref _freeCount);

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_free.TryDequeue(out var block))
        {
            Interlocked.Decrement(ref _freeCount);
            block.Lease();
            return block;
        }

        return new Block(this);
    }

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        _free.Clear();
        Volatile.Write(ref _freeCount, 0);
    }

    private void Return(Block block)
    {
        if (_disposed)
        {
            return;
        }

        if (Interlocked.Increment(ref _freeCount) > MaxRetainedBlocks)
        {
            Interlocked.Decrement(ref _freeCount);
            return;
        }

        _free.Enqueue(block);
    }

    private sealed class Block(TransportMemoryPool pool) : IMemoryOwner<byte>
    {
        private int _leased = 1;

        public Memory<byte> Memory { get; } = MemoryMarshal.CreateFromPinnedArray(
            GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true), 0, BlockSize);

        public void Lease() => Volatile.Write(ref _leased, 1);

        // A second Dispose must not put the block in the pool twice: two connections would then share its bytes.
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _leased, 0) == 1)
            {
                pool.Return(this);
            }
        }
    }
}
