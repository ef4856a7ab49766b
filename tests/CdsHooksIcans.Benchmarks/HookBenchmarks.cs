using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CdsHooksIcans.Clinical.Extraction;
using CdsHooksIcans.Clinical.Reading;
using CdsHooksIcans.Grading;
using CdsHooksIcans.Grading.Model;
using CdsHooksIcans.Grading.Rules;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Protocol;
using CdsHooksIcans.Service.SmartApp;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace CdsHooksIcans.Benchmarks;

/// <summary>The moment every benchmark body is relative to.</summary>
internal static class BenchmarkClock
{
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
}

/// <summary>
/// Whole hook calls in process: body read and validation, prefetch parse, extraction, grading, card rendering and the
/// wire JSON. (a) IEC patient with full prefetch, (b) non-IEC patient with ~200 unrelated resources, and order-sign.
/// </summary>
[MemoryDiagnoser]
public class HookBenchmarks : IDisposable
{
    private InProcessService _service = null!;
    private IHookHandler _patientView = null!;
    private IHookHandler _orderSign = null!;
    private byte[] _iecPatientView = null!;
    private byte[] _nonIecPatientView = null!;
    private byte[] _iecOrderSign = null!;

    [GlobalSetup]
    public void Setup()
    {
        _service = new InProcessService(BenchmarkClock.Now);
        _patientView = _service.Handler(ServiceDefinitions.PatientViewId);
        _orderSign = _service.Handler(ServiceDefinitions.OrderSignId);
        _iecPatientView = HookRequests.IecPatientView(_patientView.Definition, BenchmarkClock.Now);
        _nonIecPatientView = HookRequests.NonIecPatientView(_patientView.Definition, BenchmarkClock.Now);
        _iecOrderSign = HookRequests.IecOrderSign(_orderSign.Definition, BenchmarkClock.Now);

        // A benchmark of the wrong path measures nothing: (a) must grade, (b) must leave after phase 1.
        ExpectCards(_patientView, _iecPatientView, iec: true);
        ExpectCards(_patientView, _nonIecPatientView, iec: false);
    }

    private static void ExpectCards(IHookHandler handler, byte[] body, bool iec)
    {
        using var response = JsonDocument.Parse(InProcessService.CallAsync(handler, body).GetAwaiter().GetResult());
        var cards = response.RootElement.GetProperty("cards").GetArrayLength();
        if (iec ? cards == 0 : cards != 0)
        {
            throw new InvalidOperationException($"{handler.Definition.Id} answered {cards} cards for the {(iec ? "IEC" : "non-IEC")} patient.");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _service.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "patient-view (a) IEC, full prefetch")]
    public Task<byte[]> PatientViewIec() => InProcessService.CallAsync(_patientView, _iecPatientView);

    [Benchmark(Description = "patient-view (b) non-IEC, 200 resources")]
    public Task<byte[]> PatientViewNonIec() => InProcessService.CallAsync(_patientView, _nonIecPatientView);

    [Benchmark(Description = "order-sign, IEC patient")]
    public Task<byte[]> OrderSignIec() => InProcessService.CallAsync(_orderSign, _iecOrderSign);
}

/// <summary>
/// Stages alone: the Firely parse of the prefetch (the SDK call and settings of FhirJson, without its repair and read-back),
/// extraction over parsed resources, grading over extracted findings, and the cards of the graded patient.
/// </summary>
[MemoryDiagnoser]
public class StageBenchmarks : IDisposable
{
    private InProcessService _service = null!;
    private FindingsExtractor _extractor = null!;
    private byte[] _body = null!;
    private List<Resource> _resources = null!;
    private PatientFindings _findings = null!;
    private CdsServiceDefinition _patientView = null!;
    private byte[] _nonIecBody = null!;
    private ResourceScreen _screen = null!;
    private PatientViewHandler _patientViewHandler = null!;
    private PatientAssessment _assessment = null!;

    [GlobalSetup]
    public void Setup()
    {
        _service = new InProcessService(BenchmarkClock.Now);
        _extractor = _service.Get<FindingsExtractor>();
        var patientView = _service.Handler(ServiceDefinitions.PatientViewId).Definition;
        _body = HookRequests.IecPatientView(patientView, BenchmarkClock.Now);
        _resources = ParsePrefetch(_body);
        _findings = _extractor.Extract(HookRequests.IecPatientId, _resources);
        _patientView = patientView;
        _nonIecBody = HookRequests.NonIecPatientView(patientView, BenchmarkClock.Now);
        _screen = _service.Get<ResourceScreen>();
        _patientViewHandler = (PatientViewHandler)_service.Handler(ServiceDefinitions.PatientViewId);
        _assessment = Assess() ?? throw new InvalidOperationException("Body (a) has no IEC therapy.");
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _service.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "floor (b): JsonDocument.Parse of the body, what load.sh's floor does")]
    public int FloorParse()
    {
        using var document = JsonDocument.Parse(_nonIecBody);
        return (int)document.RootElement.ValueKind;
    }

    [Benchmark(Description = "request read and validation (b): what every call costs before the hook")]
    public async Task<string> ReadRequest()
    {
        using var body = await JsonRequestBody.ReadAsync(InProcessService.Post(_nonIecBody).Request, InProcessService.MaxRequestBytes, CancellationToken.None);
        return HookRequestParser.Parse(_patientView, body.RootElement).PatientId;
    }

    [Benchmark(Description = "resource screen (b): every prefetch entry of the non-IEC patient")]
    public int Screen()
    {
        using var document = JsonDocument.Parse(_nonIecBody);
        var kept = 0;
        foreach (var key in document.RootElement.GetProperty("prefetch").EnumerateObject())
        {
            foreach (var entry in key.Value.TryGetProperty("entry", out var entries) ? entries.EnumerateArray() : default)
            {
                kept += _screen.MayContribute(entry.GetProperty("resource"), ObservationWindow.EarliestStart(BenchmarkClock.Now, GradingOptions.Default)) ? 1 : 0;
            }
        }

        return kept;
    }

    [Benchmark(Description = "prefetch parse (a): Firely recoverable, no validator, all keys")]
    public List<Resource> Parse() => ParsePrefetch(_body);

    [Benchmark(Description = "extraction (a): FHIR resources to findings")]
    public PatientFindings Extract() => _extractor.Extract(HookRequests.IecPatientId, _resources);

    [Benchmark(Description = "grading (a): IcansGrader.Assess")]
    public IcansAssessment Grade() => IcansGrader.Assess(_findings, BenchmarkClock.Now, GradingOptions.Default);

    [Benchmark(Description = "assessment (a): screen, parse and read back the kept prefetch, extract, grade")]
    public PatientAssessment? Assess()
    {
        using var request = JsonDocument.Parse(_body);
        return _service.Get<PatientAssessor>()
            .AssessAsync(HookRequestParser.Parse(_patientView, request.RootElement), _patientView.Prefetch, CancellationToken.None)
            .GetAwaiter().GetResult();
    }

    [Benchmark(Description = "cards (a): the assessed IEC patient's cards, from placeholder values to wire JSON")]
    public byte[] Cards() => JsonSerializer.SerializeToUtf8Bytes(_patientViewHandler.Render(_assessment, HookRequests.IecPatientId, AppLaunch.None), CdsJson.Options);

    private static readonly JsonSerializerOptions FhirOptions =
        new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector, new FhirJsonConverterOptions { Validator = null }).UsingMode(DeserializationMode.Recoverable);

    private static List<Resource> ParsePrefetch(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var resources = new List<Resource>();
        foreach (var key in document.RootElement.GetProperty("prefetch").EnumerateObject())
        {
            switch (JsonSerializer.Deserialize<Resource>(key.Value, FhirOptions))
            {
                case Bundle bundle:
                    resources.AddRange(bundle.Entry.Select(e => e.Resource).OfType<Resource>());
                    break;
                case { } resource:
                    resources.Add(resource);
                    break;
            }
        }

        return resources;
    }
}
