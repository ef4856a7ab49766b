namespace CdsHooksIcans.Service.Gathering;

/// <summary>Registers prefetch resolution and the resilient FHIR client used when prefetch is missing.</summary>
public static class GatheringServiceCollectionExtensions
{
    public static IServiceCollection AddClinicalDataGathering(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
