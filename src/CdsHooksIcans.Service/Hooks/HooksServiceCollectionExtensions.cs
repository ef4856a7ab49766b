namespace CdsHooksIcans.Service.Hooks;

/// <summary>Registers the hook handlers, the clinical content (terminology, cards) and the service catalog.</summary>
public static class HooksServiceCollectionExtensions
{
    public static IServiceCollection AddIcansHooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ServiceCatalog>();
        return services;
    }
}
