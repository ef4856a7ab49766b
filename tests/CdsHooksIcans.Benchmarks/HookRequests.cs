using System.Text.Json;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Hooks;
using static CdsHooksIcans.Benchmarks.ClinicalResources;

namespace CdsHooksIcans.Benchmarks;

/// <summary>
/// The hook calls the benchmarks and load.sh send, built deterministically relative to <c>now</c>. Resources are placed
/// under the prefetch keys the service advertises, by the resource type of each key's template, so the bodies follow the
/// service's own prefetch as it changes (a resource type no key asks for is left out, as a CDS client would).
/// </summary>
internal static class HookRequests
{
    public const string IecPatientId = "bench-iec";
    public const string NonIecPatientId = "bench-non-iec";

    /// <summary>(a) An IEC patient ten days after a split-dose CAR-T: ~120 ICANS Observations, conditions, medications.</summary>
    public static byte[] IecPatientView(CdsServiceDefinition service, DateTimeOffset now)
        => Body(service, IecPatientId, IecResources(IecPatientId, now), now);

    /// <summary>(b) A patient with no IEC therapy and ~200 resources the rules never grade.</summary>
    public static byte[] NonIecPatientView(CdsServiceDefinition service, DateTimeOffset now)
        => Body(service, NonIecPatientId, NonIecResources(NonIecPatientId, now), now);

    /// <summary>
    /// (c) The most frequent call: a patient with no IEC therapy and 200 vital signs, the prefetch as an EHR evaluates the
    /// service's templates: every search filters by the service's codes, so only the Patient and empty Bundles remain.
    /// </summary>
    public static byte[] SmallNonIecPatientView(CdsServiceDefinition service, DateTimeOffset now)
    {
        var resources = new List<JsonObject> { ClinicalResources.Patient(NonIecPatientId, "1975-09-30") };
        string[][] vitals = [["8867-4", "Heart rate", "/min"], ["8310-5", "Body temperature", "Cel"], ["8480-6", "Systolic blood pressure", "mm[Hg]"], ["59408-5", "Oxygen saturation", "%"]];
        decimal[] values = [82m, 37.2m, 128m, 97m];
        resources.AddRange(Enumerable.Range(0, 200).Select(i =>
            Vital($"vital-{i}", NonIecPatientId, vitals[i % 4][0], vitals[i % 4][1], now.AddHours(-1 * i), values[i % 4], vitals[i % 4][2])));
        return Body(service, NonIecPatientId, resources, now, evaluateTemplates: true);
    }

    /// <summary>(d) An IEC patient on day 10 after two infusions: 20 assessments of 5 Observations, 10 conditions, 15 orders (~57 KB).</summary>
    public static byte[] CompactIecPatientView(CdsServiceDefinition service, DateTimeOffset now)
    {
        var resources = new List<JsonObject> { ClinicalResources.Patient(IecPatientId, "1961-04-12") };
        resources.Add(Administration("inf-1", IecPatientId, IecProduct, "obecabtagene-autoleucel", "Obecabtagene autoleucel (Aucatzyl)", now.AddDays(-10)));
        resources.Add(Administration("inf-2", IecPatientId, IecProduct, "obecabtagene-autoleucel", "Obecabtagene autoleucel (Aucatzyl)", now.AddDays(-1)));
        for (var i = 0; i < 20; i++)
        {
            var when = now.AddDays(-10).AddHours(12 * i + 6);
            var late = i >= 16;
            resources.Add(Lean(IcansObservationOf($"ice-{i}", IecPatientId, "ice-total", when, late ? 8 : 10)));
            resources.Add(Lean(IcansObservationOf($"loc-{i}", IecPatientId, "consciousness", when, Finding("alert", "Alert"))));
            resources.Add(Lean(IcansObservationOf($"seizure-{i}", IecPatientId, "seizure", when, Finding("no-seizure", "No seizure"))));
            resources.Add(Lean(IcansObservationOf($"motor-{i}", IecPatientId, "motor", when, Finding("no-motor-finding", "No motor finding"))));
            resources.Add(Lean(IcansObservationOf($"crs-{i}", IecPatientId, "crs-grade", when, i is >= 4 and < 10 ? 1 : 0)));
        }

        resources.AddRange(IecResources(IecPatientId, now).Where(r => (string?)r["resourceType"] is "Condition" or "MedicationRequest"));
        return Body(service, IecPatientId, resources, now);
    }

    /// <summary>An Observation as a flowsheet interface often sends it: no category, no text beside the codes.</summary>
    private static JsonObject Lean(JsonObject observation)
    {
        observation.Remove("category");
        observation["code"]!.AsObject().Remove("text");
        observation["valueCodeableConcept"]?.AsObject().Remove("text");
        return observation;
    }

    /// <summary>order-sign for the IEC patient of (a), signing dexamethasone and tocilizumab.</summary>
    public static byte[] IecOrderSign(CdsServiceDefinition service, DateTimeOffset now)
    {
        var draftOrders = new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "collection",
            ["entry"] = new JsonArray(
                new JsonObject { ["resource"] = Draft(MedicationRequest("draft-dex", IecPatientId, "3264", "dexamethasone", now)) },
                new JsonObject { ["resource"] = Draft(MedicationRequest("draft-toci", IecPatientId, "612865", "tocilizumab", now)) }),
        };
        return Body(service, IecPatientId, IecResources(IecPatientId, now), now, draftOrders);
    }

    private static JsonObject Draft(JsonObject order)
    {
        order["status"] = "draft";
        return order;
    }

    private static byte[] Body(
        CdsServiceDefinition service, string patientId, List<JsonObject> resources, DateTimeOffset now, JsonObject? draftOrders = null, bool evaluateTemplates = false)
    {
        var context = new JsonObject { ["userId"] = "Practitioner/bench", ["patientId"] = patientId, ["encounterId"] = "bench-encounter" };
        if (draftOrders is not null)
        {
            context["draftOrders"] = draftOrders;
        }

        var prefetch = new JsonObject();
        foreach (var query in service.Prefetch)
        {
            var type = query.Template[..query.Template.IndexOfAny(['?', '/'])];
            var matching = resources.Where(r => (string?)r["resourceType"] == type && (!evaluateTemplates || Matches(query.Template, r)))
                .Select(r => (JsonObject)r.DeepClone()).ToList();
            prefetch[query.Key] = query.Template.Contains('?', StringComparison.Ordinal) ? SearchSet(matching) : matching.FirstOrDefault();
        }

        var body = new JsonObject
        {
            ["hook"] = service.Hook,
            ["hookInstance"] = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
            ["context"] = context,
            ["prefetch"] = prefetch,
        };
        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    /// <summary>Whether a search template's code= and status= parameters select the resource, as the EHR's server would.</summary>
    private static bool Matches(string template, JsonObject resource)
    {
        var query = template.Contains('?', StringComparison.Ordinal) ? template[(template.IndexOf('?', StringComparison.Ordinal) + 1)..] : "";
        foreach (var (name, value) in query.Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).Select(p => (p[0], p[1])))
        {
            if (name == "code")
            {
                var codes = value.Split(',').ToHashSet(StringComparer.Ordinal);
                var concept = resource["code"] ?? resource["medicationCodeableConcept"];
                var codings = concept?["coding"]?.AsArray().Select(c => $"{c!["system"]}|{c["code"]}") ?? [];
                if (!codings.Any(codes.Contains))
                {
                    return false;
                }
            }
            else if (name == "status" && (string?)resource["status"] != value)
            {
                return false;
            }
        }

        return true;
    }

    private static List<JsonObject> IecResources(string patientId, DateTimeOffset now)
    {
        var resources = new List<JsonObject> { ClinicalResources.Patient(patientId, "1961-04-12") };

        // Obecabtagene is split-dosed: day 1 and day 10.
        resources.Add(Administration("inf-1", patientId, IecProduct, "obecabtagene-autoleucel", "Obecabtagene autoleucel (Aucatzyl)", now.AddDays(-10)));
        resources.Add(Administration("inf-2", patientId, IecProduct, "obecabtagene-autoleucel", "Obecabtagene autoleucel (Aucatzyl)", now.AddDays(-1)));

        // Every 6 h for 10 days: ICE (with its items) and consciousness, plus one of CRS grade, seizure, motor, ICP/edema.
        for (var i = 0; i < 40; i++)
        {
            var when = now.AddDays(-10).AddHours(6 * i + 3);
            var day = i / 4;
            var (orientation, naming) = day < 5 ? (4, 3) : day < 8 ? (3, 3) : (2, 2);
            resources.Add(Ice($"ice-{i}", patientId, when, orientation, naming, 1, day < 8 ? 1 : 0, 1));
            resources.Add(IcansObservationOf($"loc-{i}", patientId, "consciousness", when,
                day < 8 ? Finding("alert", "Alert") : Finding("awakens-spontaneously", "Awakens spontaneously")));
            resources.Add((i % 4) switch
            {
                0 => IcansObservationOf($"crs-{i}", patientId, "crs-grade", when, day is >= 2 and < 7 ? 2 : 1),
                1 => IcansObservationOf($"seizure-{i}", patientId, "seizure", when, Finding("no-seizure", "No seizure")),
                2 => IcansObservationOf($"motor-{i}", patientId, "motor", when, day < 6 ? Finding("no-motor-finding", "No motor finding") : Finding("tremor", "Tremor")),
                _ => IcansObservationOf($"icp-{i}", patientId, "icp-edema", when, Finding("no-edema", "No edema"), "imaging"),
            });
        }

        string[][] conditions =
        [
            ["D89.832", "Cytokine release syndrome, grade 2"], ["Z92.850", "Personal history of CAR-T therapy"],
            ["C83.38", "Diffuse large B-cell lymphoma, lymph nodes of multiple sites"], ["I10", "Essential hypertension"],
            ["E11.9", "Type 2 diabetes mellitus without complications"], ["E78.5", "Hyperlipidemia, unspecified"],
            ["D70.1", "Agranulocytosis secondary to cancer chemotherapy"], ["N17.9", "Acute kidney failure, unspecified"],
            ["K21.9", "Gastro-esophageal reflux disease without esophagitis"], ["F41.9", "Anxiety disorder, unspecified"],
        ];
        resources.AddRange(conditions.Select((c, i) => Condition($"cond-{i}", patientId, c[0], c[1], now.AddDays(-20 + i))));

        string[][] medications =
        [
            ["114477", "levetiracetam"], ["281", "acyclovir"], ["4450", "fluconazole"], ["26225", "ondansetron"],
            ["40790", "pantoprazole"], ["519", "allopurinol"], ["161", "acetaminophen"], ["67108", "enoxaparin"],
            ["10831", "sulfamethoxazole / trimethoprim"], ["68442", "filgrastim"], ["7052", "morphine"], ["6470", "lorazepam"],
            ["8591", "potassium chloride"], ["3264", "dexamethasone"], ["612865", "tocilizumab"],
        ];
        resources.AddRange(medications.Select((m, i) => MedicationRequest($"medreq-{i}", patientId, m[0], m[1], now.AddDays(-9 + (i % 9)))));
        return resources;
    }

    private static List<JsonObject> NonIecResources(string patientId, DateTimeOffset now)
    {
        var resources = new List<JsonObject> { ClinicalResources.Patient(patientId, "1975-09-30") };

        string[][] drugs = [["20481", "cefepime"], ["11124", "vancomycin"], ["5224", "heparin"], ["26225", "ondansetron"], ["40790", "pantoprazole"]];
        resources.AddRange(Enumerable.Range(0, 60).Select(i =>
            Administration($"ma-{i}", patientId, RxNorm, drugs[i % drugs.Length][0], drugs[i % drugs.Length][1], now.AddHours(-4 * i))));

        string[][] procedures = [["36415", "Venipuncture"], ["71046", "Chest X-ray, 2 views"], ["93000", "Electrocardiogram"], ["80053", "Comprehensive metabolic panel"]];
        resources.AddRange(Enumerable.Range(0, 40).Select(i =>
            Procedure($"proc-{i}", patientId, "http://www.ama-assn.org/go/cpt", procedures[i % procedures.Length][0], procedures[i % procedures.Length][1], now.AddHours(-6 * i))));

        string[][] conditions =
        [
            ["I10", "Essential hypertension"], ["E11.9", "Type 2 diabetes mellitus without complications"], ["J18.9", "Pneumonia, unspecified organism"],
            ["N39.0", "Urinary tract infection, site not specified"], ["E78.5", "Hyperlipidemia, unspecified"], ["K21.9", "Gastro-esophageal reflux disease"],
            ["M54.5", "Low back pain"], ["F32.9", "Major depressive disorder, single episode"],
        ];
        resources.AddRange(Enumerable.Range(0, 40).Select(i =>
            Condition($"cond-{i}", patientId, conditions[i % conditions.Length][0], conditions[i % conditions.Length][1], now.AddDays(-3 * i))));

        string[][] vitals = [["8867-4", "Heart rate", "/min"], ["8310-5", "Body temperature", "Cel"], ["8480-6", "Systolic blood pressure", "mm[Hg]"], ["59408-5", "Oxygen saturation", "%"]];
        decimal[] values = [82m, 37.2m, 128m, 97m];
        resources.AddRange(Enumerable.Range(0, 59).Select(i =>
            Vital($"vital-{i}", patientId, vitals[i % 4][0], vitals[i % 4][1], now.AddHours(-2 * i), values[i % 4], vitals[i % 4][2])));
        return resources;
    }
}
