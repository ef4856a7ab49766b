using CdsHooksIcans.Service.Hooks;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CdsHooksIcans.Service.SmartApp;

/// <summary>
/// Serves the bedside app (built from src/bedside-app into the output's <c>bedside-app</c> folder) under <c>/app/</c>,
/// and <c>/app/config.json</c>, its settings. The pages may be framed by an EHR and talk to any FHIR server over HTTPS, and
/// run no script but their own.
/// </summary>
public static class BedsideAppFiles
{
    public const string RequestPath = "/app";
    public const string SettingsPath = RequestPath + "/config.json";

    /// <summary>Where the build puts the app, beside the service's binary.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "bedside-app");

    // FHIR servers and authorization servers are the EHR's, anywhere on HTTPS; loopback ones for local testing.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self' https: http://127.0.0.1:* http://localhost:*; frame-ancestors *; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static WebApplication UseBedsideApp(this WebApplication app)
    {
        if (!Directory.Exists(Folder))
        {
            // The hooks do not need the app: a build without Node.js (-p:BuildBedsideApp=false) still serves them.
            app.Logger.LogWarning(new EventId(1050, "BedsideAppMissing"), "The bedside app is not in {Folder}: /app/ answers 404 (build with Node.js to include it)", Folder);
            return app;
        }

        var files = new PhysicalFileProvider(Folder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = RequestPath });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = RequestPath,
            OnPrepareResponse = static context =>
            {
                var headers = context.Context.Response.Headers;
                headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                headers["Referrer-Policy"] = "no-referrer";
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                // Built assets carry a content hash in their name; the pages that name them must always be fresh.
                headers[HeaderNames.CacheControl] = context.File.Name.EndsWith(".html", StringComparison.Ordinal)
                    ? "no-cache"
                    : "public, max-age=31536000, immutable";
            },
        });
        return app;
    }

    public static IEndpointRouteBuilder MapBedsideAppSettings(this IEndpointRouteBuilder endpoints)
    {
        // The settings follow from the loaded content and options alone: made on the first request, not on each.
        var services = endpoints.ServiceProvider;
        var settings = new Lazy<BedsideAppSettings>(() =>
        {
            var reads = ServiceDefinitions.BedsideAppReads(services.GetRequiredService<IcansContent>().Terminology).Select(query => query.Template).ToList();
            return new BedsideAppSettings(services.GetRequiredService<IOptions<BedsideAppOptions>>().Value.ClientId, BedsideAppScopes.For(reads), reads);
        });
        endpoints.MapGet(SettingsPath, () => Results.Json(settings.Value, Protocol.CdsJson.Options));
        return endpoints;
    }
}
