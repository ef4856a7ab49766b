using System.Buffers;
using System.Text.Json;

namespace CdsHooksIcans.Service.Protocol;

/// <summary>A request body parsed as JSON, over a pooled buffer that goes back to the pool on <see cref="Dispose"/>.</summary>
public sealed class JsonBody : IDisposable
{
    private readonly JsonDocument _document;
    private byte[]? _buffer;

    internal JsonBody(JsonDocument document, byte[] buffer)
    {
        _document = document;
        _buffer = buffer;
    }

    /// <summary>The body's root; it and every element read from it are valid until <see cref="Dispose"/>.</summary>
    public JsonElement RootElement => _document.RootElement;

    public void Dispose()
    {
        _document.Dispose();
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
