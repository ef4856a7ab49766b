using CdsHooksIcans.Service.Authentication;
using CdsHooksIcans.Service.Feedback;
using CdsHooksIcans.Service.Health;
using CdsHooksIcans.Service.Hosting;
using CdsHooksIcans.Service.Security;
using CdsHooksIcans.Service.SmartApp;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Protocol;

/// <summary>Registers and wires the CDS Hooks protocol surface: controllers, CORS, limits, errors, feedback, health.</summary>
public static class ProtocolServiceCollectionExtensions
{
    public const string CorsPolicy = "CdsClients";

    public static IServiceCollection AddCdsProtocol(this IServiceCollection services)
    {
        services.AddControllers();
        services.TryAddSingleton(TimeProvider.System);
        services.AddExceptionHandler<CdsExceptionHandler>();

        services.AddValidatedOptions<CdsProtocolOptions, CdsProtocolOptionsValidator>(CdsProtocolOptions.Section);
        services.AddValidatedOptions<CdsCorsOptions, CdsCorsOptionsValidator>(CdsCorsOptions.Section)
            .PostConfigure(cors =>
            {
                if (cors.AllowedOrigins.Count == 0)
                {
                    cors.AllowedOrigins = [.. CdsCorsOptions.DefaultAllowedOrigins];
                }
            });

        // Every CDS call carries Authorization, so browsers preflight all of them; the answer needs no credentials.
        services.AddOptions<CorsOptions>().Configure<IOptions<CdsCorsOptions>>((cors, cds) => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins([.. cds.Value.AllowedOrigins])
            .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Options)
            .WithHeaders("Authorization", "Content-Type", "Accept")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        services.AddCors();

        services.AddCdsFeedback();
        return services;
    }

    /// <summary>
    /// Order matters: the arrival time is taken first; logging sees the final status; errors become OperationOutcomes; CORS and Private Network
    /// Access answer preflights before authentication, so a preflight never needs a token; the rate limit runs after
    /// authentication (to know the client) and before authorization (so floods of bad tokens are limited too).
    /// No HTTPS redirection: it breaks preflight.
    /// </summary>
    public static WebApplication UseCdsProtocol(this WebApplication app)
    {
        // Before anything else: the hook deadline covers the whole call as the client waits for it.
        var clock = app.Services.GetRequiredService<TimeProvider>();
        app.Use((context, next) =>
        {
            context.Features.Set(new RequestArrival(clock.GetTimestamp()));
            return next(context);
        });
        app.UseRouting();
        app.UseMiddleware<HookCallLoggingMiddleware>();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // CdsExceptionHandler answers and logs every exception; the middleware still insists on a fallback delegate.
            ExceptionHandler = static _ => Task.CompletedTask,
            SuppressDiagnosticsCallback = static _ => true,
        });
        app.UseMiddleware<PrivateNetworkAccessMiddleware>();
        app.UseCors(CorsPolicy);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        // Discovery, hooks and feedback need a client token (when required); health endpoints stay anonymous.
        app.MapControllers()
            .RequireAuthorization(ClientAuthenticationServiceCollectionExtensions.CdsClientPolicy)
            .RequireRateLimiting(SecurityServiceCollectionExtensions.RateLimitPolicy);
        app.MapFeedbackSummary();
        app.MapAppGrading();
        app.MapAppCourse();
        app.MapBedsideAppSettings();
        app.MapCdsHealthEndpoints();
        return app;
    }
}
