using CdsHooksIcans.Service.Hosting;
using System.Text.Json;
using CdsHooksIcans.Service.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CdsHooksIcans.Benchmarks;

/// <summary>
/// The floor load.sh compares the service with: the least a CDS service can do. It reads the body into a JsonDocument
/// and answers a fixed response of the same size as the service's answer to the same body (files captured by load.sh).
/// With <c>--transport-pool</c> Kestrel receives into the service's 64 KB blocks instead of its default 4 KB ones
/// (docs/adr/0014), to show how much of the service's ratio is that setting.
/// </summary>
internal static class FloorServer
{
    /// <param name="args">
    /// <c>--responses DIR</c> (one <c>NAME.json</c> per scenario), optionally <c>--transport-pool</c>, and the usual host
    /// arguments such as <c>--urls</c>.
    /// </param>
    public static void Run(string[] args)
    {
        var directory = Value(args, "--responses") ?? throw new ArgumentException("floor needs --responses DIR");
        var responses = Directory.GetFiles(directory, "*.json")
            .ToDictionary(path => Path.GetFileNameWithoutExtension(path), File.ReadAllBytes, StringComparer.Ordinal);

        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (args.Contains("--transport-pool"))
        {
            builder.Services.AddTransportMemoryPool();
        }

        var app = builder.Build();
        app.MapPost("/floor/{name}", async (string name, HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (!responses.TryGetValue(name, out var response))
            {
                return Results.NotFound();
            }

            return Results.Bytes(response, "application/json");
        });
        app.Run();
    }

    private static string? Value(string[] args, string name)
        => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
