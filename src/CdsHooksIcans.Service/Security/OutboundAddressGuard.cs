using System.Net;
using System.Net.Sockets;

namespace CdsHooksIcans.Service.Security;

/// <summary>
/// Keeps outbound calls (FHIR reads, key set fetches) away from link-local and cloud metadata addresses, where a request
/// could read instance credentials. The check runs on the addresses actually connected to, after DNS, so a name that
/// resolves (or re-resolves) to 169.254.169.254 is caught too. Loopback and private ranges stay reachable: EHR FHIR
/// servers live on private networks.
/// </summary>
public static class OutboundAddressGuard
{
    private static readonly string[] MetadataHostNames = ["metadata.google.internal", "metadata.goog", "metadata"];

    // AWS IPv6 instance metadata; Alibaba and Oracle metadata live at these IPv4 addresses outside 169.254/16.
    private static readonly IPAddress[] MetadataAddresses =
        [IPAddress.Parse("fd00:ec2::254"), IPAddress.Parse("100.100.100.200"), IPAddress.Parse("192.0.0.192")];

    public static bool IsBlockedHost(string host)
    {
        var name = host.TrimEnd('.');
        return MetadataHostNames.Contains(name, StringComparer.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name.Trim('[', ']'), out var literal) && IsBlocked(literal));
    }

    public static bool IsBlocked(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (MetadataAddresses.Contains(address))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var bytes = address.GetAddressBytes();
            return (bytes[0] == 169 && bytes[1] == 254) || bytes[0] == 0;
        }

        return address.IsIPv6LinkLocal || address.Equals(IPAddress.IPv6Any);
    }

    /// <summary>Makes <paramref name="handler"/> connect only to addresses <see cref="IsBlocked"/> allows.</summary>
    public static HttpMessageHandler Apply(HttpMessageHandler handler)
    {
        if (handler is not SocketsHttpHandler sockets)
        {
            // Tests may swap the primary handler for an in-memory one; nothing leaves the process then.
            return handler;
        }

        sockets.ConnectCallback = ConnectAsync;
        return sockets;
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        if (IsBlockedHost(host))
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, "Outbound connection refused: metadata or link-local address.");
        }

        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(address => !IsBlocked(address)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, "Outbound connection refused: metadata or link-local address.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
