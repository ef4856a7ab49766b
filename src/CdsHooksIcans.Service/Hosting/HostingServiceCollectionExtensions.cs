using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;

namespace CdsHooksIcans.Service.Hosting;

/// <summary>Registers how the service is hosted: Kestrel's receive buffers and the console logger.</summary>
public static class HostingServiceCollectionExtensions
{
    /// <summary>
    /// Kestrel's connections on <see cref="TransportMemoryPool"/>: hook requests carry their prefetch, received in 64 KB
    /// blocks instead of 4 KB (docs/adr/0014). Registered after Kestrel's own pool, which it replaces.
    /// </summary>
    public static IServiceCollection AddTransportMemoryPool(this IServiceCollection services)
        => services.AddSingleton<IMemoryPoolFactory<byte>, TransportMemoryPoolFactory>();

    /// <summary>
    /// The console logger, with its lines written in batches (<see cref="BatchedConsoleLoggerProvider"/>) instead of the
    /// framework's one wake-up per line. Configuration (<c>Logging:Console</c>, formatters) applies as before.
    /// </summary>
    public static ILoggingBuilder AddBatchedConsole(this ILoggingBuilder logging)
    {
        logging.AddConsole();
        foreach (var console in logging.Services.Where(d => d.ImplementationType == typeof(ConsoleLoggerProvider)).ToList())
        {
            logging.Services.Remove(console);
        }

        logging.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, BatchedConsoleLoggerProvider>());
        return logging;
    }
}
