using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Tests.GradingCases;

/// <summary>Builds real FHIR R4 resources from one row of grading-cases.json (times are offsets from "now").</summary>
internal static partial class CaseResources
{
    private const string Base = "http://cdshooks-icans.org/fhir/CodeSystem/";
    public const string PatientId = "case-patient";

    public static List<Resource> Build(JsonElement row, DateTimeOffset now)
    {
        var subject = new ResourceReference("Patient/" + PatientId);
        var resources = new List<Resource>();
        var patient = new Patient { Id = PatientId };
        if (row.TryGetProperty("birthDate", out var birth))
        {
            patient.BirthDate = birth.GetString();
        }

        resources.Add(patient);
        var n = 0;
        foreach (var therapy in Array(row, "therapies"))
        {
            var id = $"therapy-{n++}";
            var at = Time(therapy.GetProperty("at").GetString()!, now);
            var product = therapy.TryGetProperty("code", out var code)
                ? new Coding(code.GetProperty("system").GetString(), code.GetProperty("code").GetString())
                : therapy.TryGetProperty("product", out var p) ? new Coding(Base + "iec-product", p.GetString()) : null;
            var status = therapy.TryGetProperty("status", out var s) ? s.GetString()! : "completed";
            switch (therapy.TryGetProperty("record", out var record) ? record.GetString() : "MedicationAdministration")
            {
                case "Procedure":
                    resources.Add(new Procedure
                    {
                        Id = id,
                        Status = Enum.Parse<EventStatus>(status, ignoreCase: true),
                        Subject = subject,
                        Code = new CodeableConcept("http://www.ama-assn.org/go/cpt", "38228"),
                        Performed = new FhirDateTime(at),
                        UsedCode = product is null ? [] : [new CodeableConcept { Coding = [product] }],
                    });
                    break;
                case "History":
                    resources.Add(new Condition
                    {
                        Id = id,
                        Subject = subject,
                        ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"),
                        Code = new CodeableConcept("http://hl7.org/fhir/sid/icd-10-cm", "Z92.850"),
                        RecordedDateElement = new FhirDateTime(at),
                    });
                    break;
                default:
                    resources.Add(new MedicationAdministration
                    {
                        Id = id,
                        Status = Enum.Parse<MedicationAdministration.MedicationAdministrationStatusCodes>(status.Replace("-", "", StringComparison.Ordinal), ignoreCase: true),
                        Subject = subject,
                        Medication = new CodeableConcept { Coding = [product!] },
                        Effective = new FhirDateTime(at),
                    });
                    break;
            }
        }

        foreach (var o in Array(row, "observations"))
        {
            resources.Add(Observation(o, $"obs-{n++}", subject, now));
        }

        foreach (var c in Array(row, "conditions"))
        {
            var condition = new Condition
            {
                Id = $"condition-{n++}",
                Subject = subject,
                Code = new CodeableConcept("http://hl7.org/fhir/sid/icd-10-cm", c.GetProperty("code").GetString()),
                ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical",
                    c.TryGetProperty("clinicalStatus", out var cs) ? cs.GetString() : "active"),
            };
            if (c.TryGetProperty("onset", out var onset))
            {
                condition.Onset = new FhirDateTime(Time(onset.GetString()!, now));
            }

            if (c.TryGetProperty("recorded", out var recorded))
            {
                condition.RecordedDateElement = new FhirDateTime(Time(recorded.GetString()!, now));
            }

            resources.Add(condition);
        }

        return resources;
    }

    private static Observation Observation(JsonElement o, string id, ResourceReference subject, DateTimeOffset now)
    {
        var at = Time(o.GetProperty("at").GetString()!, now);
        var observation = new Observation
        {
            Id = id,
            Status = Enum.Parse<ObservationStatus>(o.TryGetProperty("status", out var s) ? s.GetString()!.Replace("-", "", StringComparison.Ordinal) : "final", ignoreCase: true),
            Subject = subject,
            Code = new CodeableConcept(Base + "icans-observation", o.GetProperty("code").GetString()),
        };
        switch (o.TryGetProperty("time", out var time) ? time.GetString() : "effective")
        {
            case "period":
                observation.Effective = new Period { Start = new FhirDateTime(at.AddMinutes(-15)).Value, End = new FhirDateTime(at).Value };
                break;
            case "issued":
                observation.Issued = at;
                break;
            default:
                observation.Effective = new FhirDateTime(at);
                break;
        }

        if (o.TryGetProperty("value", out var value))
        {
            observation.Value = value.ValueKind == JsonValueKind.Number
                ? new Integer(value.GetInt32())
                : new CodeableConcept(Base + "icans-finding", value.GetString());
        }

        if (o.TryGetProperty("dataAbsent", out var absent) && absent.GetBoolean())
        {
            observation.DataAbsentReason = new CodeableConcept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-performed");
        }

        if (o.TryGetProperty("components", out var components))
        {
            foreach (var item in components.EnumerateObject())
            {
                observation.Component.Add(new Observation.ComponentComponent
                {
                    Code = new CodeableConcept(Base + "icans-observation", item.Name),
                    Value = new Integer(item.Value.GetInt32()),
                });
            }
        }

        if (o.TryGetProperty("otherCause", out var other) && other.GetBoolean())
        {
            observation.Component.Add(new Observation.ComponentComponent
            {
                Code = new CodeableConcept(Base + "icans-observation", "attributed-to-other-cause"),
                Value = new FhirBoolean(true),
            });
        }

        return observation;
    }

    /// <summary>"-5d", "-1h", "-30m", "+10m", "0", or an absolute ISO date-time.</summary>
    public static DateTimeOffset Time(string offset, DateTimeOffset now)
    {
        if (offset == "0")
        {
            return now;
        }

        var m = OffsetPattern().Match(offset);
        if (!m.Success)
        {
            return DateTimeOffset.Parse(offset, CultureInfo.InvariantCulture);
        }

        var amount = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch
        {
            "d" => now.AddDays(amount),
            "h" => now.AddHours(amount),
            "m" => now.AddMinutes(amount),
            _ => now.AddSeconds(amount),
        };
    }

    private static List<JsonElement> Array(JsonElement row, string name) =>
        row.TryGetProperty(name, out var a) ? [.. a.EnumerateArray()] : [];

    [GeneratedRegex(@"^([+-]?\d+(?:\.\d+)?)([dhms])$")]
    private static partial Regex OffsetPattern();
}
