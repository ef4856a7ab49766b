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
/// <c>authentication [SECONDS] [ES384|RS384]</c>: an authenticated patient-view call in process. Each call gets a fresh token (as
/// an EHR sends one per call, so the replay cache takes each jti once), is authenticated by the service's own scheme in a
/// request scope, then handled as <see cref="InProcessService.CallAsync"/> does. Tokens are minted in batches outside the
/// timed part; the first 10 s are left out as in <c>stages</c>. Prints the wall time, the thread's CPU time (what the call
/// costs, less the waits for a core on a shared machine) and the bytes per call of both parts. RS384 verifies far faster
/// than ES384, so it shows the cost of the checks around the signature.
/// </summary>
internal static class AuthenticationBenchmark
{
    private const string Issuer = "https://ehr.example.org";
    private const string PublicBaseUrl = "https://cds.example.org";
    private const string EcKid = "benchmark-ec";
    private const string RsaKid = "benchmark-rsa";
    private const int Batch = 500;

    public static void Run(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var alg = args.Length > 1 ? args[1] : "ES384";
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var rsa = RSA.Create(2048);
        using var provider = Services(ec, rsa);
        using var service = new InProcessService(BenchmarkClock.Now);
        var handler = service.Handler(ServiceDefinitions.PatientViewId);
        var body = HookRequests.IecPatientView(handler.Definition, BenchmarkClock.Now);
        var path = "/cds-services/" + ServiceDefinitions.PatientViewId;
        var scopes = provider.GetRequiredService<IServiceScopeFactory>();

        var measureFrom = DateTime.UtcNow.AddSeconds(10);
        var until = measureFrom.AddSeconds(seconds);
        long authTicks = 0, hookTicks = 0, authBytes = 0, hookBytes = 0, authCpu = 0, hookCpu = 0, calls = 0;
        while (DateTime.UtcNow < until)
        {
            var tokens = Enumerable.Range(0, Batch).Select(_ => Mint(alg, ec, rsa, PublicBaseUrl + path)).ToList();
            var measured = DateTime.UtcNow >= measureFrom;
            foreach (var token in tokens)
            {
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var startedCpu = ThreadCpuNanoseconds();
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
                var authenticatedCpu = ThreadCpuNanoseconds();
                var afterAuth = GC.GetAllocatedBytesForCurrentThread();
                InProcessService.CallAsync(handler, body).GetAwaiter().GetResult();
                var handled = Stopwatch.GetTimestamp();
                var handledCpu = ThreadCpuNanoseconds();
                if (measured)
                {
                    (authTicks, hookTicks) = (authTicks + authenticated - started, hookTicks + handled - authenticated);
                    (authBytes, hookBytes) = (authBytes + afterAuth - allocated, hookBytes + GC.GetAllocatedBytesForCurrentThread() - afterAuth);
                    (authCpu, hookCpu) = (authCpu + authenticatedCpu - startedCpu, hookCpu + handledCpu - authenticatedCpu);
                    calls++;
                }
            }
        }

        double Micros(long ticks) => ticks * 1e6 / Stopwatch.Frequency / calls;
        Console.WriteLine($"{alg}, {calls} calls: authentication {Micros(authTicks):F0} us ({authCpu / 1e3 / calls:F0} us CPU), {authBytes / 1024.0 / calls:F1} KB; "
            + $"hook call {Micros(hookTicks):F0} us ({hookCpu / 1e3 / calls:F0} us CPU), {hookBytes / 1024.0 / calls:F1} KB");
    }

    // CLOCK_THREAD_CPUTIME_ID: the calling thread's CPU time, which runnable-but-waiting time does not inflate (Linux).
    private static long ThreadCpuNanoseconds()
        => ClockGetTime(3, out var now) == 0 ? (now.Seconds * 1_000_000_000) + now.Nanoseconds : throw new InvalidOperationException("clock_gettime failed");

    // DllImport rather than LibraryImport: the generated stub would need unsafe code in this project.
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // The service's own registration with one client whose key set is inline, so no call leaves the process.
    private static ServiceProvider Services(ECDsa ec, RSA rsa)
    {
        var point = ec.ExportParameters(includePrivateParameters: false).Q;
        var modulus = rsa.ExportParameters(includePrivateParameters: false);
        const string Client = CdsAuthenticationOptions.Section + ":Clients:0:";
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [CdsAuthenticationOptions.Section + ":Mode"] = "Required",
                [CdsEndpointOptions.Section + ":PublicBaseUrl"] = PublicBaseUrl,
                [Client + "Issuer"] = Issuer,
                [Client + "Algorithms:0"] = "ES384",
                [Client + "Algorithms:1"] = "RS384",
                [Client + "Jwks:Keys:0:kty"] = "EC",
                [Client + "Jwks:Keys:0:use"] = "sig",
                [Client + "Jwks:Keys:0:crv"] = "P-384",
                [Client + "Jwks:Keys:0:kid"] = EcKid,
                [Client + "Jwks:Keys:0:x"] = Base64UrlEncoder.Encode(point.X!),
                [Client + "Jwks:Keys:0:y"] = Base64UrlEncoder.Encode(point.Y!),
                [Client + "Jwks:Keys:1:kty"] = "RSA",
                [Client + "Jwks:Keys:1:use"] = "sig",
                [Client + "Jwks:Keys:1:kid"] = RsaKid,
                [Client + "Jwks:Keys:1:n"] = Base64UrlEncoder.Encode(modulus.Modulus!),
                [Client + "Jwks:Keys:1:e"] = Base64UrlEncoder.Encode(modulus.Exponent!),
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

    // A token as an EHR signs it: alg, typ JWT, kid; iss, aud, exp, iat and a fresh jti.
    private static string Mint(string alg, ECDsa ec, RSA rsa, string audience)
    {
        var header = new JsonObject { ["alg"] = alg, ["typ"] = "JWT", ["kid"] = alg == "RS384" ? RsaKid : EcKid };
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["aud"] = audience,
            ["exp"] = BenchmarkClock.Now.AddMinutes(5).ToUnixTimeSeconds(),
            ["iat"] = BenchmarkClock.Now.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString(),
        };
        var signingInput = Encode(header) + "." + Encode(claims);
        var data = Encoding.ASCII.GetBytes(signingInput);
        var signature = alg == "RS384" ? rsa.SignData(data, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1) : ec.SignData(data, HashAlgorithmName.SHA384);
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
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
