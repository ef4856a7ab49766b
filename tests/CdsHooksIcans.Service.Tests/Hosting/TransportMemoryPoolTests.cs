using CdsHooksIcans.Service.Hosting;
using CdsHooksIcans.Service.Protocol;

namespace CdsHooksIcans.Service.Tests.Hosting;

public sealed class TransportMemoryPoolTests
{
    [Fact]
    public void Rent_AnySizeUpToABlock_GivesAWholeBlock()
    {
        using var pool = new TransportMemoryPool();

        using var small = pool.Rent(1);
        using var whole = pool.Rent(TransportMemoryPool.BlockSize);

        Assert.Equal(TransportMemoryPool.BlockSize, small.Memory.Length);
        Assert.Equal(TransportMemoryPool.BlockSize, whole.Memory.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(TransportMemoryPool.BlockSize + 1));
    }

    [Fact]
    public void Rent_AfterAReturn_ReusesTheBlock()
    {
        using var pool = new TransportMemoryPool();
        var first = pool.Rent();
        var memory = first.Memory;

        first.Dispose();
        using var second = pool.Rent();

        Assert.True(second.Memory.Span.Overlaps(memory.Span));
    }

    [Fact]
    public void Dispose_Twice_ReturnsTheBlockOnce()
    {
        using var pool = new TransportMemoryPool();
        var block = pool.Rent();

        block.Dispose();
        block.Dispose();
        using var first = pool.Rent();
        using var second = pool.Rent();

        // Two renters sharing one block would read each other's connections.
        Assert.False(first.Memory.Span.Overlaps(second.Memory.Span));
    }

    [Fact]
    public void Return_BeyondTheRetainedCount_LeavesBlocksToTheCollector()
    {
        using var pool = new TransportMemoryPool();
        var blocks = Enumerable.Range(0, TransportMemoryPool.MaxRetainedBlocks + 20).Select(_ => pool.Rent()).ToList();

        blocks.ForEach(block => block.Dispose());

        Assert.Equal(TransportMemoryPool.MaxRetainedBlocks, pool.RetainedBlocks);
    }

    [Fact]
    public void Rent_AfterThePoolIsDisposed_Throws()
    {
        var pool = new TransportMemoryPool();
        var returnedBefore = pool.Rent();
        var returnedAfter = pool.Rent();
        returnedBefore.Dispose();

        pool.Dispose();
        returnedAfter.Dispose();

        Assert.Equal(0, pool.RetainedBlocks);
        Assert.Throws<ObjectDisposedException>(() => pool.Rent());
    }
}
