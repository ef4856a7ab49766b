using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Protocol;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CdsHooksIcans.Service.Hosting;

/// <summary>
/// Calls both hooks once with a synthetic patient while the host starts, on another thread, so that the first
/// clinician's call does not pay for compiling the hook path (body parsing, the resource screen, the Firely model,
/// extraction, grading, cards, the wire JSON). <c>/readyz</c> answers once it is done (docs/adr/0023).
/// </summary>
/// <remarks>
/// The synthetic patient's codes come from the loaded terminology (an IEC therapy two days ago, every ICANS observation
/// code an hour ago), so the card path runs whatever the content. Its handlers have their own id generator: the warm-up
/// takes nothing from the service's.
/// </remarks>
internal sealed partial class HookWarmUp(IServiceProvider services, IcansContent content, TimeProvider clock, ILogger<HookWarmUp> logger)
    : IHostedService, IHealthCheck
{
    private const string PatientId = "warm-up";

    private Task _warming = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _warming = Task.Run(() => WarmUpAsync(cancellationToken), cancellationToken);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Ready once warm; a failed warm-up is logged and does not hold readiness (the content check covers content).</summary>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await _warming.WaitAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }

    private async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var ids = new RandomIdGenerator();
            var body = SyntheticCall(clock.GetUtcNow());
            foreach (var handler in (IHookHandler[])[
                ActivatorUtilities.CreateInstance<PatientViewHandler>(services, ids),
                ActivatorUtilities.CreateInstance<OrderSignHandler>(services, ids)])
            {
                body["hook"] = handler.Definition.Hook;
                using var document = JsonDocument.Parse(body.ToJsonString());
                var response = await handler.HandleAsync(HookRequestParser.Parse(handler.Definition, document.RootElement), cancellationToken);
                _ = JsonSerializer.SerializeToUtf8Bytes(response, CdsJson.Options);
            }

            LogWarmedUp(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The service still answers; its first call is only slower.
            LogWarmUpFailed(ex.GetType().Name);
        }
    }

    private JsonObject SyntheticCall(DateTimeOffset now)
    {
        var terminology = content.Terminology;
        var subject = new JsonObject { ["reference"] = "Patient/" + PatientId };
        var infusion = new JsonObject
        {
            ["resourceType"] = "MedicationAdministration",
            ["id"] = "warm-up-infusion",
            ["status"] = "completed",
            ["medicationCodeableConcept"] = Concept(terminology.Expand(IcansCanonicals.IecTherapies)[0]),
            ["subject"] = subject.DeepClone(),
            ["effectiveDateTime"] = Time(now.AddDays(-2)),
        };
        var observations = terminology.Expand(IcansCanonicals.IcansObservations).Select((coding, i) => new JsonObject
        {
            ["resourceType"] = "Observation",
            ["id"] = $"warm-up-{i}",
            ["status"] = "final",
            ["code"] = Concept(coding),
            ["subject"] = subject.DeepClone(),
            ["effectiveDateTime"] = Time(now.AddHours(-1)),
            ["valueInteger"] = 0,
        });
        var draft = new JsonObject
        {
            ["resourceType"] = "MedicationRequest",
            ["id"] = "warm-up-order",
            ["status"] = "draft",
            ["intent"] = "order",
            ["medicationCodeableConcept"] = Concept(terminology.Expand(IcansCanonicals.Dexamethasone)[0]),
            ["subject"] = subject.DeepClone(),
        };

        return new JsonObject
        {
            ["hookInstance"] = Guid.NewGuid().ToString(),
            ["context"] = new JsonObject
            {
                ["patientId"] = PatientId,
                ["userId"] = "Practitioner/" + PatientId,
                ["draftOrders"] = SearchSet([draft]),
            },
            ["prefetch"] = new JsonObject
            {
                ["infusions"] = SearchSet([infusion]),
                ["procedures"] = null,
                ["conditions"] = null,
                ["patient"] = new JsonObject { ["resourceType"] = "Patient", ["id"] = PatientId, ["birthDate"] = "1970-01-01" },
                ["observations"] = SearchSet([.. observations]),
                [ServiceDefinitions.ActiveMedicationOrders.Key] = null,
            },
        };
    }

    private static JsonObject SearchSet(IEnumerable<JsonObject> resources) => new()
    {
        ["resourceType"] = "Bundle",
        ["type"] = "searchset",
        ["entry"] = new JsonArray([.. resources.Select(r => new JsonObject { ["resource"] = r })]),
    };

    private static JsonObject Concept(Hl7.Fhir.Model.Coding coding)
        => new() { ["coding"] = new JsonArray(new JsonObject { ["system"] = coding.System, ["code"] = coding.Code }) };

    private static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "Warmed up both hooks in {ElapsedMs:0} ms")]
    private partial void LogWarmedUp(double elapsedMs);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "The hook warm-up failed with {ExceptionType}; the first call will be slower")]
    private partial void LogWarmUpFailed(string exceptionType);
}
