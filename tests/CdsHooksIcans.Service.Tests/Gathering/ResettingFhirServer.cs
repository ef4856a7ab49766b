using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CdsHooksIcans.Service.Tests.Gathering;

/// <summary>
/// A FHIR server that resets its first connections (TCP RST before any answer), then answers with a body. WireMock's
/// faults answer with a status first, which is not what a dropped connection looks like to HttpClient.
/// </summary>
internal sealed class ResettingFhirServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private int _connections;

    private ResettingFhirServer(int resets, string body)
    {
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/fhir");
        _serving = ServeAsync(resets, body);
    }

    public Uri BaseUrl { get; }

    public int Connections => Volatile.Read(ref _connections);

    public static ResettingFhirServer Start(int resets, string body) => new(resets, body);

    private async Task ServeAsync(int resets, string body)
    {
        var payload = Encoding.UTF8.GetBytes(body);
        var head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 200 OK\r\nContent-Type: application/fhir+json\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n");
        try
        {
            while (true)
            {
                using var socket = await _listener.AcceptSocketAsync(_stop.Token);
                var connection = Interlocked.Increment(ref _connections);
                await socket.ReceiveAsync(new byte[16 * 1024], _stop.Token);
                if (connection <= resets)
                {
                    // Linger 0 makes Close send RST: the client sees "connection reset by peer".
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Close();
                    continue;
                }

                await socket.SendAsync(head.Concat(payload).ToArray(), _stop.Token);
                socket.Shutdown(SocketShutdown.Both);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
        _stop.Dispose();
    }
}
