using CdsHooksIcans.Service.Hosting;
using System.Globalization;
using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Protocol;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CdsHooksIcans.Service.Tests.Infrastructure;

/// <summary>
/// The real service in process, with its own SQLite file, a fake clock, two test CDS services
/// (<c>test-patient-view</c>, <c>test-order-sign</c>) and captured logs. Its clients check the CDS Hooks card
/// rules on every successful hook response.
/// </summary>
public sealed class CdsServiceFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cdshooks-tests-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings = [];
    private readonly List<Action<IServiceCollection>> _services = [];
    private bool _kestrel;

    public TestHookHandler PatientView { get; } = new(TestHookHandler.PatientViewDefinition);

    public TestHookHandler OrderSign { get; } = new(TestHookHandler.OrderSignDefinition);

    /// <summary>The clock the service uses after <see cref="WithFakeTime"/>; otherwise the system clock runs.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public CapturingLoggerProvider Logs { get; } = new();

    public string DatabasePath => Path.Combine(_directory, "feedback.db");

    /// <summary>Overrides a configuration value, e.g. <c>CdsHooks:Protocol:MaxRequestBytes</c>. Call before the first client.</summary>
    public CdsServiceFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Adds or replaces services after the application's own registrations. Call before the first client.</summary>
    public CdsServiceFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>Replaces the service's clock with <see cref="Time"/> (not the default: timeouts would never fire).</summary>
    public CdsServiceFactory WithFakeTime() => WithServices(services => services.AddSingleton<TimeProvider>(Time));

    /// <summary>Card and suggestion uuids 00000000-0000-4000-8000-000000000001, ...: whole responses become comparable.</summary>
    public CdsServiceFactory WithSequentialIds() => WithServices(services => services.AddSingleton<IIdGenerator, SequentialIdGenerator>());

    private sealed class SequentialIdGenerator : IIdGenerator
    {
        private int _next;

        public string NewId() => string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{Interlocked.Increment(ref _next):D12}");
    }

    /// <summary>
    /// Serves on real Kestrel sockets at a free port on 127.0.0.1 (clients then connect over TCP), with the service's own
    /// transport pool: the test host adds Kestrel's services after the application's, and with them Kestrel's pool.
    /// </summary>
    public CdsServiceFactory WithKestrel()
    {
        _kestrel = true;
        UseKestrel(0);
        return this;
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        if (_kestrel)
        {
            builder.ConfigureServices(services => services.AddTransportMemoryPool());
        }

        return base.CreateHost(builder);
    }

    /// <summary>A client whose successful hook responses are checked against <see cref="CardRules"/>.</summary>
    public new HttpClient CreateClient() => CreateDefaultClient(new CardRulesCheckingHandler());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("CdsHooks:Feedback:DatabasePath", DatabasePath);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IHookHandler>(PatientView);
            services.AddSingleton<IHookHandler>(OrderSign);
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            // Pooled connections keep the file open; release them before deleting the directory.
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
    }
}
