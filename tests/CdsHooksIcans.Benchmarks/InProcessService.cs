using System.Reflection;
using System.Text.Json;
using CdsHooksIcans.Service.Gathering;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CdsHooksIcans.Benchmarks;

/// <summary>
/// The service's own registrations (AddClinicalDataGathering, AddIcansHooks) over an in-memory configuration that points
/// at the repository's cards/ and fhir-profiles/, with a fixed clock. Calls go through the production reader, parser,
/// handler and wire serialiser; only Kestrel, routing and MVC are left out (load.sh measures those).
/// </summary>
internal sealed class InProcessService : IDisposable
{
    public static readonly long MaxRequestBytes = new CdsProtocolOptions().MaxRequestBytes;

    private readonly ServiceProvider _provider;

    public InProcessService(DateTimeOffset now)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [ContentOptions.Section + ":CardsPath"] = Path.Combine(RepositoryRoot, "cards"),
                [ContentOptions.Section + ":TerminologyPaths:0"] = Path.Combine(RepositoryRoot, "fhir-profiles", "terminology"),
            })
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FixedTimeProvider(now));
        services.AddSingleton<IConfiguration>(configuration);
        // No logging providers: the benchmarks measure the work, load.sh measures it with the host's console logging.
        services.AddLogging();
        services.AddClinicalDataGathering().AddIcansHooks();
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Catalog = _provider.GetRequiredService<ServiceCatalog>();
    }

    /// <summary>The repository root recorded at build time, so BenchmarkDotNet's own build copy still finds the content.</summary>
    public static string RepositoryRoot { get; } = typeof(InProcessService).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public ServiceCatalog Catalog { get; }

    public IHookHandler Handler(string serviceId) => Catalog.Find(serviceId) ?? throw new InvalidOperationException($"No service {serviceId}.");

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>A POST of the body as Kestrel would hand it to the controller.</summary>
    public static HttpContext Post(byte[] body)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        return context;
    }

    /// <summary>What CdsServicesController.Call does after routing: read, validate, handle, serialise.</summary>
    public static async Task<byte[]> CallAsync(IHookHandler handler, byte[] body)
    {
        var context = Post(body);
        using var document = await JsonRequestBody.ReadAsync(context.Request, MaxRequestBytes, CancellationToken.None);
        var request = HookRequestParser.Parse(handler.Definition, document.RootElement);
        var response = await handler.HandleAsync(request, CancellationToken.None);
        return JsonSerializer.SerializeToUtf8Bytes(response, CdsJson.Options);
    }

    public void Dispose() => _provider.Dispose();
}

/// <summary>A clock stopped at one instant: the request bodies' dates are relative to it.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
