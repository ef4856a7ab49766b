using CdsHooksIcans.Service.Hosting;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Protocol;
using CdsHooksIcans.Service.Tests.Infrastructure;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace CdsHooksIcans.Service.Tests.Hosting;

/// <summary>
/// The service on real Kestrel sockets with its 64 KB transport blocks: bodies several blocks long, sent in pieces of
/// random size over concurrent keep-alive connections, each arrive whole and only at their own call.
/// </summary>
public sealed class KestrelTransportTests : IDisposable
{
    private readonly CdsServiceFactory _factory = new CdsServiceFactory().WithKestrel();

    public KestrelTransportTests()
    {
        // Each call answers with a digest of the text it received, so a body mixed with another's is seen.
        _factory.PatientView.Behaviour = (request, _) => Task.FromResult(new CdsResponse(
        [
            new Card(Digest(request.Prefetch["patient"].GetProperty("text").GetProperty("div").GetString()!), "info",
                new CardSource("transport test")) { Uuid = Guid.NewGuid().ToString() },
        ]));
        _factory.StartServer();
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public void Application_GivesKestrelTheServicePool()
    {
        using var application = new CdsServiceFactory();

        Assert.IsType<TransportMemoryPoolFactory>(application.Services.GetRequiredService<IMemoryPoolFactory<byte>>());
    }

    [Fact]
    public void TestHost_GivesKestrelTheServicePool()
        => Assert.IsType<TransportMemoryPoolFactory>(_factory.Services.GetRequiredService<IMemoryPoolFactory<byte>>());

    [Fact]
    public async Task Call_BodiesOfSeveralBlocksInRandomPieces_EachReadWholeByItsOwnCall()
    {
        var random = new Random(20261130);
        var connections = Enumerable.Range(0, 4).Select(c => (Client: _factory.CreateClient(), Seed: random.Next())).ToList();

        await Task.WhenAll(connections.Select(async connection =>
        {
            var pieces = new Random(connection.Seed);
            for (var call = 0; call < 3; call++)
            {
                // 150–350 KB of text: three to six blocks, different on every call.
                var text = RandomText(pieces, pieces.Next(150_000, 350_000));
                var body = CdsHttp.PatientViewRequest();
                body["prefetch"]!["patient"]!["text"] = new JsonObject { ["status"] = "generated", ["div"] = text };

                using var response = await connection.Client.PostAsync("/cds-services/test-patient-view",
                    new TrickledContent(Encoding.UTF8.GetBytes(body.ToJsonString()), pieces));

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.Equal(Digest(text), answer.RootElement.GetProperty("cards")[0].GetProperty("summary").GetString());
            }
        }));

        connections.ForEach(connection => connection.Client.Dispose());
    }

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string RandomText(Random random, int length)
        => string.Create(length, random, static (chars, r) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)('a' + r.Next(26));
            }
        });

    /// <summary>A body written in pieces of 1 byte to 100 KB, flushed one by one, now and then after a pause.</summary>
    private sealed class TrickledContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly Random _random;

        public TrickledContent(byte[] body, Random random)
        {
            _body = body;
            _random = random;
            Headers.ContentType = new("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var sent = 0; sent < _body.Length;)
            {
                var piece = Math.Min(_body.Length - sent, _random.Next(4) == 0 ? _random.Next(1, 16) : _random.Next(1, 100_000));
                await stream.WriteAsync(_body.AsMemory(sent, piece));
                await stream.FlushAsync();
                sent += piece;
                if (_random.Next(8) == 0)
                {
                    await Task.Delay(1);
                }
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }
}
