using CdsHooksIcans.Service.Health;
using CdsHooksIcans.Service.Hosting;
using CdsHooksIcans.Service.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Feedback;

/// <summary>Registers feedback: the store chosen by <c>CdsHooks:Feedback:Provider</c>, the issued-card recorder, intake and the operators' summary.</summary>
public static class FeedbackServiceCollectionExtensions
{
    public static IServiceCollection AddCdsFeedback(this IServiceCollection services)
    {
        services.AddValidatedOptions<FeedbackOptions, FeedbackOptionsValidator>(FeedbackOptions.Section);
        services.AddSingleton<IFeedbackStore>(provider => provider.GetRequiredService<IOptions<FeedbackOptions>>().Value.Provider switch
        {
            // The validator made sure the connection string is there.
            FeedbackProvider.PostgreSql => new PostgreSqlFeedbackStore(
                provider.GetRequiredService<IConfiguration>().GetConnectionString(FeedbackOptions.ConnectionStringName)!),
            _ => ActivatorUtilities.CreateInstance<SqliteFeedbackStore>(provider),
        });
        services.AddSingleton<IssuedCardRecorder>();
        services.AddHostedService(provider => provider.GetRequiredService<IssuedCardRecorder>());
        services.AddHostedService<FeedbackStoreInitializer>();
        services.AddSingleton<FeedbackIntake>();
        services.AddCdsTelemetryInstruments();
        services.AddHealthChecks().AddCheck<FeedbackStoreHealthCheck>("feedback-store", tags: [HealthEndpoints.ReadyTag]);

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, OperatorKeyAuthenticationHandler>(OperatorKeyAuthenticationHandler.SchemeName, configureOptions: null);
        services.AddAuthorizationBuilder().AddPolicy(OperatorKeyAuthenticationHandler.Policy, policy => policy
            .AddAuthenticationSchemes(OperatorKeyAuthenticationHandler.SchemeName)
            .RequireRole(OperatorKeyAuthenticationHandler.SchemeName));
        return services;
    }
}
