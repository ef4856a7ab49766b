using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CdsHooksIcans.Benchmarks;

/// <summary>
/// The slow EHR FHIR server deadline.sh calls the service against: every GET under <c>/fhir</c> waits
/// <c>--delay-ms</c> (a fixed number, or <c>MIN-MAX</c> drawn per request) before its answer starts, then answers an
/// empty searchset (a search), a searchset with one liso-cel infusion two days ago (the MedicationAdministration search,
/// so the patient is monitored and the second phase is read too) or a Patient (a read), the body in two halves <c>--body-gap-ms</c> apart so a body read
/// after the headers is exercised too.
/// </summary>
internal static class SlowFhirServer
{
    public static void Run(string[] args)
    {
        var (min, max) = Range(Value(args, "--delay-ms") ?? "3000");
        var bodyGap = int.Parse(Value(args, "--body-gap-ms") ?? "0", CultureInfo.InvariantCulture);

        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapGet("/fhir/{**path}", async (string path, HttpContext context) =>
        {
            // The wait does not watch RequestAborted: hundreds of cancellations at the service's deadline would cost this
            // process CPU on the cores the service runs on. A write to an abandoned request goes nowhere.
            try
            {
                await Task.Delay(Random.Shared.Next(min, max + 1));
                var body = path.StartsWith("Patient/", StringComparison.Ordinal)
                    ? $$"""{"resourceType":"Patient","id":"{{path["Patient/".Length..]}}","birthDate":"1970-01-01"}"""
                    : path == "MedicationAdministration" ? Infusion(DateTimeOffset.UtcNow.AddDays(-2))
                    : """{"resourceType":"Bundle","type":"searchset","total":0}""";
                context.Response.ContentType = "application/fhir+json";
                var half = body.Length / 2;
                await context.Response.WriteAsync(body[..half], context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(bodyGap, context.RequestAborted);
                await context.Response.WriteAsync(body[half..], context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The caller left.
            }
        });
        app.Run();
    }

    private static string Infusion(DateTimeOffset when) => $$$"""
        {"resourceType":"Bundle","type":"searchset","total":1,"entry":[{"resource":{"resourceType":"MedicationAdministration",
        "id":"slow-infusion","status":"completed","medicationCodeableConcept":{"coding":[{"system":
        "http://cdshooks-icans.org/fhir/CodeSystem/iec-product","code":"lisocabtagene-maraleucel"}]},
        "subject":{"reference":"Patient/slow-patient"},"effectiveDateTime":"{{{when.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)}}}"}}]}
        """;

    private static (int Min, int Max) Range(string text)
    {
        var parts = text.Split('-');
        var min = int.Parse(parts[0], CultureInfo.InvariantCulture);
        return (min, parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : min);
    }

    private static string? Value(string[] args, string name)
        => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
