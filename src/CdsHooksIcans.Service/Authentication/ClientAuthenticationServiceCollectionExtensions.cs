using CdsHooksIcans.Service.Health;
using CdsHooksIcans.Service.Hosting;
using CdsHooksIcans.Service.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Authentication;

/// <summary>Registers CDS client authentication: options, the JWT validator, key sets, the replay cache and the policy.</summary>
public static class ClientAuthenticationServiceCollectionExtensions
{
    /// <summary>The authorization policy every CDS endpoint (discovery, hooks, feedback) carries.</summary>
    public const string CdsClientPolicy = "CdsClient";

    public static IServiceCollection AddCdsClientAuthentication(this IServiceCollection services)
    {
        services.AddValidatedOptions<CdsEndpointOptions, CdsEndpointOptionsValidator>(CdsEndpointOptions.Section);
        services.AddValidatedOptions<CdsAuthenticationOptions, CdsAuthenticationOptionsValidator>(CdsAuthenticationOptions.Section);

        services.TryAddSingleton(TimeProvider.System);
        // Replicas share a Redis replay cache when ConnectionStrings:Redis is set; one instance keeps its own in memory.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CdsAuthenticationOptions>, RedisConnectionValidator>());
        services.TryAddSingleton<IJtiReplayCache>(provider =>
            provider.GetRequiredService<IConfiguration>().GetConnectionString(RedisJtiReplayCache.ConnectionStringName) is { Length: > 0 } redis
                ? new RedisJtiReplayCache(redis, provider.GetRequiredService<TimeProvider>())
                : new InMemoryJtiReplayCache(provider.GetRequiredService<TimeProvider>()));
        services.AddHealthChecks().AddCheck<ReplayCacheHealthCheck>("replay-cache", tags: [HealthEndpoints.ReadyTag]);
        services.AddSingleton<ClientKeySets>();
        services.AddSingleton<CdsJwtValidator>();

        services.AddHttpClient(ClientKeySets.HttpClientName, client =>
            {
                client.Timeout = TimeSpan.FromSeconds(5);
                client.MaxResponseContentBufferSize = ClientKeySets.MaxKeySetBytes;
            })
            // Only the configured URL is fetched: a redirect would lead to keys nobody allowlisted.
            .ConfigurePrimaryHttpMessageHandler(() => OutboundAddressGuard.Apply(new SocketsHttpHandler { AllowAutoRedirect = false }));

        services.AddAuthentication(CdsClientAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, CdsClientAuthenticationHandler>(
                CdsClientAuthenticationHandler.SchemeName, configureOptions: null);

        // AddAuthentication brings DataProtection, whose hosted service reads (and on a first run writes) a key ring at
        // start-up, which delays the first answer. Nothing here protects data; anything that ever does loads the ring on first use.
        var dataProtection = typeof(Microsoft.AspNetCore.DataProtection.DataProtectionOptions).Assembly;
        foreach (var keyRingLoader in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly == dataProtection).ToList())
        {
            services.Remove(keyRingLoader);
        }

        // Read when the first request is authorized, after options validation refused a Disabled mode outside Development.
        services.AddOptions<Microsoft.AspNetCore.Authorization.AuthorizationOptions>()
            .Configure<IOptions<CdsAuthenticationOptions>>((authorization, authentication) => authorization.AddPolicy(CdsClientPolicy, policy =>
            {
                if (authentication.Value.Mode == CdsAuthenticationMode.Required)
                {
                    policy.RequireAuthenticatedUser();
                }
                else
                {
                    policy.RequireAssertion(static _ => true);
                }
            }));
        services.AddAuthorization();
        return services;
    }
}
