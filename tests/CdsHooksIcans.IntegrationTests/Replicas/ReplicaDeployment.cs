using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CdsHooksIcans.IntegrationTests.Infrastructure;
using CdsHooksIcans.Service.Tests.Authentication;

namespace CdsHooksIcans.IntegrationTests.Replicas;

/// <summary>
/// A hospital's deployment on loopback: Redis, PostgreSQL, two replicas of the service sharing them, and nginx in front.
/// Every call is signed by a CDS client whose key the replicas were given, with a fresh jti, for the public URL (nginx's).
/// </summary>
public sealed partial class ReplicaDeployment : IAsyncLifetime, IDisposable
{
    public const string Collection = "Replicas";
    public const string Issuer = "https://ehr.test";

    private readonly NginxProxy _nginx = new();
    private int _disposed;

    public TestClientKeys Keys { get; } = new();

    public RedisServer Redis { get; private set; } = null!;

    public PostgresServer Postgres { get; private set; } = null!;

    public ServiceReplica[] Replicas { get; private set; } = [];

    public Uri PublicUrl => _nginx.BaseUrl;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Postgres = await PostgresServer.StartAsync();
        Replicas = await Task.WhenAll(ServiceReplica.StartAsync(Settings()), ServiceReplica.StartAsync(Settings()));
        await _nginx.StartAsync(Replicas.Select(r => r.Port));
    }

    /// <summary>The replica's settings, as environment variables of a container.</summary>
    public Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Redis"] = Redis.ConnectionString,
            ["ConnectionStrings__Feedback"] = Postgres.ConnectionString,
            ["CdsHooks__Feedback__Provider"] = "PostgreSql",
            ["CdsHooks__PublicBaseUrl"] = PublicUrl.ToString().TrimEnd('/'),
            ["CdsHooks__Authentication__Mode"] = "Required",
            ["CdsHooks__Authentication__Clients__0__Issuer"] = Issuer,
            ["CdsHooks__Authentication__Clients__0__Algorithms__0"] = "ES384",
            // A load test lifts the rate limit, as an operator would.
            ["CdsHooks__RateLimit__BurstLimit"] = "100000",
            ["CdsHooks__RateLimit__RequestsPerPeriod"] = "100000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in Keys.EcJwk())
        {
            settings[$"CdsHooks__Authentication__Clients__0__Jwks__keys__0__{name}"] = value!.GetValue<string>();
        }

        return settings;
    }

    /// <summary>A client of <paramref name="baseUrl"/> (nginx by default) that signs every request as the EHR does.</summary>
    public HttpClient Client(Uri? baseUrl = null)
        => new(new SigningHandler(this) { InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) } })
        {
            BaseAddress = baseUrl ?? PublicUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>A token for <paramref name="path"/> at the public URL, with a new jti.</summary>
    public string Token(string path)
        => Keys.Mint(Keys.Header(), TestClientKeys.Claims(Issuer, PublicUrl.ToString().TrimEnd('/') + path, DateTimeOffset.UtcNow));

    /// <summary>A scenario Bundle's resources with every date moved so that its reference time is now.</summary>
    public static List<JsonObject> ScenarioNow(string file)
    {
        var shift = DateTimeOffset.UtcNow - Scenarios.ReferenceTime;
        return [.. Scenarios.Resources(Scenarios.Load(file)).Select(r => (JsonObject)Shift(r.DeepClone(), shift))];
    }

    // xunit ends a fixture with DisposeAsync; Dispose is there for callers that know only IDisposable.
    public void Dispose() => DisposeAsync().GetAwaiter().GetResult();

    public async Task DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _nginx.DisposeAsync();
        foreach (var replica in Replicas)
        {
            await replica.DisposeAsync();
        }

        await Postgres.DisposeAsync();
        await Redis.DisposeAsync();
        Keys.Dispose();
    }

    private static JsonNode Shift(JsonNode node, TimeSpan shift)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    obj[name] = obj[name] is { } value ? Shift(value.DeepClone(), shift) : null;
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = array[i] is { } item ? Shift(item.DeepClone(), shift) : null;
                }

                return array;
            case JsonValue value when value.TryGetValue<string>(out var text):
                if (DateTimeValue().IsMatch(text))
                {
                    return JsonValue.Create(DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).Add(shift).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                }

                return DateValue().IsMatch(text)
                    ? JsonValue.Create(DateTime.Parse(text, CultureInfo.InvariantCulture).AddDays(Math.Round(shift.TotalDays)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    : value;
            default:
                return node;
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTimeValue();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateValue();

    private sealed class SigningHandler(ReplicaDeployment deployment) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", deployment.Token(request.RequestUri!.AbsolutePath));
            return base.SendAsync(request, cancellationToken);
        }
    }
}

// Alone, after the other collections: its load and its server restarts must not slow their timing-sensitive tests, nor they it.
[CollectionDefinition(ReplicaDeployment.Collection, DisableParallelization = true)]
public sealed class ReplicaDeploymentDefinition : ICollectionFixture<ReplicaDeployment>;
