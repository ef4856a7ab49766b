using System.Collections.Immutable;
using System.Text.Json.Nodes;
using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Management;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace CdsHooksIcans.Clinical.Orders;

/// <summary>
/// The corticosteroid doses by ICANS grade, from <c>cards/data/corticosteroid-dosing.json</c>: for each grade the
/// order to suggest (medication and dosageInstruction as FHIR) and the lowest acceptable mg per day per drug.
/// The regimen is read back from the FHIR with <see cref="OrderReader"/>, so the numbers the checks use are the
/// numbers the suggested order carries.
/// </summary>
public sealed class CorticosteroidDosing
{
    /// <summary>The file, relative to the cards folder.</summary>
    public const string RelativePath = "data/corticosteroid-dosing.json";

    private static readonly FhirJsonDeserializer StrictFhir = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));
    private readonly ImmutableDictionary<int, MedicationRequest> _orders;

    private CorticosteroidDosing(CorticosteroidPolicy policy, ImmutableDictionary<int, MedicationRequest> orders)
    {
        Policy = policy;
        _orders = orders;
    }

    /// <summary>The thresholds the order checks and the management plan use.</summary>
    public CorticosteroidPolicy Policy { get; }

    /// <summary>Loads and validates the dosing file; errors name the file, the grade and the field.</summary>
    public static CorticosteroidDosing Load(string cardsDirectory, OrderReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        void Fail(string card, string field, string problem) => throw new CardContentException(RelativePath, card, field, problem);
        var root = CardDataFile.Read(cardsDirectory, RelativePath);

        if (root["guidelines"] is not JsonArray { Count: > 0 })
        {
            Fail("-", "guidelines", "the dosing names the guidelines it follows");
        }

        var grades = ImmutableArray.CreateBuilder<GradeSteroidPolicy>();
        var orders = ImmutableDictionary.CreateBuilder<int, MedicationRequest>();
        foreach (var (entry, index) in (root["grades"] as JsonArray ?? []).Select((e, i) => (e as JsonObject, i)))
        {
            var card = $"grades[{index}]";
            if (entry?["grade"] is not JsonValue g || !g.TryGetValue<int>(out var grade) || grade is < 1 or > 4 || orders.ContainsKey(grade))
            {
                Fail(card, "grade", "each entry has a distinct grade 1-4");
                return null!;
            }

            card = $"grade {grade}";
            var order = new JsonObject
            {
                ["resourceType"] = "MedicationRequest",
                ["status"] = "draft",
                ["intent"] = "order",
                ["subject"] = new JsonObject { ["reference"] = "Patient/example" },
                ["medicationCodeableConcept"] = entry["medicationCodeableConcept"]?.DeepClone(),
                ["dosageInstruction"] = entry["dosageInstruction"]?.DeepClone(),
            };
            if (!StrictFhir.TryDeserializeResource(order.ToJsonString(), out var resource, out var issues) || resource is not MedicationRequest request)
            {
                Fail(card, "medicationCodeableConcept/dosageInstruction", "not valid FHIR R4: " + string.Join("; ", issues.Take(3).Select(i => i.Message)));
                return null!;
            }

            if (reader.Read(request, isDraft: true) is not { IsCorticosteroid: true, RecognisedByNameOnly: false, MgPerDose: { } mg, DosesPerDay: { } perDay } read)
            {
                Fail(card, "medicationCodeableConcept", "must be a coded corticosteroid with a dose in mg and a timing");
                return null!;
            }

            var minimum = ImmutableDictionary.CreateBuilder<IcansDrug, decimal>();
            foreach (var (drug, value) in entry["minimumMgPerDay"] as JsonObject ?? [])
            {
                if (!Enum.TryParse<IcansDrug>(drug, ignoreCase: true, out var parsed) || parsed is not (IcansDrug.Dexamethasone or IcansDrug.Methylprednisolone)
                    || value is not JsonValue v || !v.TryGetValue<decimal>(out var mgPerDay) || mgPerDay <= 0)
                {
                    Fail(card, $"minimumMgPerDay.{drug}", "keys are dexamethasone or methylprednisolone, values mg per day above 0");
                }

                minimum[Enum.Parse<IcansDrug>(drug, ignoreCase: true)] = ((JsonValue)value!).GetValue<decimal>();
            }

            var routes = ImmutableArray.CreateBuilder<RouteKind>();
            foreach (var route in entry["routes"] as JsonArray ?? [])
            {
                if (route is not JsonValue r || !r.TryGetValue<string>(out var code) || !EnumCodes.TryParse<RouteKind>(code, out var kind) || kind == RouteKind.Unknown)
                {
                    Fail(card, "routes", "route kinds of order-reading.json: intravenous, oral, other-systemic");
                }
                else
                {
                    routes.Add(kind);
                }
            }

            var regimen = new SteroidRegimen(read.Drug, mg, perDay, read.Route ?? "", read.TotalDoses);
            if (minimum.Count > 0 && (!minimum.TryGetValue(regimen.Drug, out var floor) || regimen.MgPerDay < floor))
            {
                Fail(card, "minimumMgPerDay", "the suggested order must itself meet the grade's minimum");
            }

            var policy = new GradeSteroidPolicy(
                grade,
                entry["highRiskProductsOnly"] is JsonValue h && h.GetValue<bool>(),
                regimen,
                minimum.ToImmutable(),
                entry["optional"] is JsonValue o && o.GetValue<bool>(),
                routes.ToImmutable());
            if (!policy.Accepts(read.RouteKind))
            {
                Fail(card, "routes", "the suggested order's own route must count at its grade");
            }

            grades.Add(policy);
            orders[grade] = request;
        }

        return new CorticosteroidDosing(new CorticosteroidPolicy(grades.ToImmutable()), orders.ToImmutable());
    }

    /// <summary>A new draft MedicationRequest for the grade's corticosteroid.</summary>
    public MedicationRequest NewOrder(int grade, string patientId, DateTimeOffset now)
    {
        var order = (MedicationRequest)_orders[grade].DeepCopy();
        order.Subject = new ResourceReference("Patient/" + patientId);
        order.AuthoredOnElement = new FhirDateTime(now.ToUniversalTime());
        order.Note = [new Annotation { Text = new Markdown($"Suggested by CdsHooksIcans for ICANS grade {grade}; review before signing.") }];
        return order;
    }

    /// <summary>The draft corrected in place: same id and everything else kept, with the grade's drug and dosage.</summary>
    public MedicationRequest Corrected(int grade, MedicationRequest draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var corrected = (MedicationRequest)draft.DeepCopy();
        corrected.Medication = (DataType)_orders[grade].Medication.DeepCopy();
        corrected.DosageInstruction = [.. _orders[grade].DosageInstruction.Select(d => (Dosage)d.DeepCopy())];
        return corrected;
    }
}
