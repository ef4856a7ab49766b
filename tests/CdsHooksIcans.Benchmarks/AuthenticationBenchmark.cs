using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Authentication;
using CdsHooksIcans.Service.Hooks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace CdsHooksIcans.Benchmarks;

/// <summary>
/// <c>authentication [SECONDS]</c>: an authenticated patient-view call in process. Each call gets a fresh ES384 token (as
/// an EHR sends one per call, so the replay cache takes each jti once), is authenticated by the service's own scheme in a
/// request scope, then handled as <see cref="InProcessService.CallAsync"/> does. Tokens are minted in batches outside the
/// timed part; the first 10 s are left out as in <c>stages</c>. Prints the time and bytes per call of both parts.
/// </summary>
internal static class AuthenticationBenchmark
{
    private const string Issuer = "https://ehr.example.org";
    private const string PublicBaseUrl = "https://cds.example.org";
    private const string Kid = "benchmark-ec";
    private const int Batch = 500;

    public static void Run(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var provider = Services(key);
        using var service = new InProcessService(BenchmarkClock.Now);
        var handler = service.Handler(ServiceDefinitions.PatientViewId);
        var body = HookRequests.IecPatientView(handler.Definition, BenchmarkClock.Now);
        var path = "/cds-services/" + ServiceDefinitions.PatientViewId;
        var scopes = provider.GetRequiredService<IServiceScopeFactory>();

        var measureFrom = DateTime.UtcNow.AddSeconds(10);
        var until = measureFrom.AddSeconds(seconds);
        long authTicks = 0, hookTicks = 0, authBytes = 0, hookBytes = 0, calls = 0;
        while (DateTime.UtcNow < until)
        {
            var tokens = Enumerable.Range(0, Batch).Select(_ => Mint(key, PublicBaseUrl + path)).ToList();
            var measured = DateTime.UtcNow >= measureFrom;
            foreach (var token in tokens)
            {
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var started = Stopwatch.GetTimestamp();
                using (var scope = scopes.CreateScope())
                {
                    var result = Request(scope.ServiceProvider, path, token).AuthenticateAsync().GetAwaiter().GetResult();
                    if (!result.Succeeded)
                    {
                        throw new InvalidOperationException("The benchmark token was refused: " + result.Failure?.Message);
                    }
                }

                var authenticated = Stopwatch.GetTimestamp();
                var afterAuth = GC.GetAllocatedBytesForCurrentThread();
                InProcessService.CallAsync(handler, body).GetAwaiter().GetResult();
                var handled = Stopwatch.GetTimestamp();
                if (measured)
                {
                    (authTicks, hookTicks) = (authTicks + authenticated - started, hookTicks + handled - authenticated);
                    (authBytes, hookBytes) = (authBytes + afterAuth - allocated, hookBytes + GC.GetAllocatedBytesForCurrentThread() - afterAuth);
                    calls++;
                }
            }
        }

        double Micros(long ticks) => ticks * 1e6 / Stopwatch.Frequency / calls;
        Console.WriteLine($"{calls} calls: authentication {Micros(authTicks):F0} us, {authBytes / 1024.0 / calls:F1} KB; "
            + $"hook call {Micros(hookTicks):F0} us, {hookBytes / 1024.0 / calls:F1} KB");
    }

    // The service's own registration with one client whose key set is inline, so no call leaves the process.
    private static ServiceProvider Services(ECDsa key)
    {
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        const string Client = CdsAuthenticationOptions.Section + ":Clients:0:";
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [CdsAuthenticationOptions.Section + ":Mode"] = "Required",
                [CdsEndpointOptions.Section + ":PublicBaseUrl"] = PublicBaseUrl,
                [Client + "Issuer"] = Issuer,
                [Client + "Algorithms:0"] = "ES384",
                [Client + "Jwks:Keys:0:kty"] = "EC",
                [Client + "Jwks:Keys:0:use"] = "sig",
                [Client + "Jwks:Keys:0:crv"] = "P-384",
                [Client + "Jwks:Keys:0:kid"] = Kid,
                [Client + "Jwks:Keys:0:x"] = Base64UrlEncoder.Encode(point.X!),
                [Client + "Jwks:Keys:0:y"] = Base64UrlEncoder.Encode(point.Y!),
                [Client + "FhirServers:0"] = "https://ehr.example.org/fhir",
            })
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new Environment());
        services.AddSingleton<TimeProvider>(new FixedTimeProvider(BenchmarkClock.Now));
        services.AddLogging();
        services.AddCdsClientAuthentication();
        return services.BuildServiceProvider();
    }

    private static DefaultHttpContext Request(IServiceProvider services, string path, string token)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("cds.example.org");
        context.Request.Path = path;
        context.Request.Headers.Authorization = "Bearer " + token;
        return context;
    }

    // A token as an EHR signs it: ES384, typ JWT, kid; iss, aud, exp, iat and a fresh jti.
    private static string Mint(ECDsa key, string audience)
    {
        var header = new JsonObject { ["alg"] = "ES384", ["typ"] = "JWT", ["kid"] = Kid };
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["aud"] = audience,
            ["exp"] = BenchmarkClock.Now.AddMinutes(5).ToUnixTimeSeconds(),
            ["iat"] = BenchmarkClock.Now.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString(),
        };
        var signingInput = Encode(header) + "." + Encode(claims);
        return signingInput + "." + Base64UrlEncoder.Encode(key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA384));
    }

    private static string Encode(JsonNode json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;

        public string ApplicationName { get; set; } = "CdsHooksIcans.Service";

        public string ContentRootPath { get; set; } = "/";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
