using System.Security.Cryptography;

namespace CdsHooksIcans.Clinical.Cards;

/// <summary>Random version-4 UUIDs: un-guessable, as feedback ids should be.</summary>
/// <remarks>
/// The random bytes come from the operating system's secure generator, as <see cref="Guid.NewGuid"/>'s do, but 256 ids at
/// a time: <c>NewGuid</c> makes a system call per id, eight per patient-view answer.
/// </remarks>
public sealed class RandomIdGenerator : IIdGenerator
{
    private const int UuidBytes = 16;
    private const int BatchBytes = 256 * UuidBytes;

    private readonly Lock _gate = new();
    private readonly byte[] _random = new byte[BatchBytes];

    // Starts exhausted: the first id fills the buffer.
    private int _next = BatchBytes;

    public string NewId()
    {
        Span<byte> uuid = stackalloc byte[UuidBytes];
        lock (_gate)
        {
            if (_next == BatchBytes)
            {
                RandomNumberGenerator.Fill(_random);
                _next = 0;
            }

            var bytes = _random.AsSpan(_next, UuidBytes);
            bytes.CopyTo(uuid);
            // Bytes handed out are not kept.
            bytes.Clear();
            _next += UuidBytes;
        }

        // RFC 9562 version 4 and variant bits, in Guid's little-endian field layout.
        uuid[7] = (byte)((uuid[7] & 0x0F) | 0x40);
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
        return new Guid(uuid).ToString();
    }
}
