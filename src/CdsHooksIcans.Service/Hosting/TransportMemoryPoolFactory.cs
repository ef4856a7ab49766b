using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace CdsHooksIcans.Service.Hosting;

/// <summary>Gives Kestrel a <see cref="TransportMemoryPool"/> for its connections.</summary>
internal sealed class TransportMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new TransportMemoryPool();
}
