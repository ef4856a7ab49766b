using System.Collections;

namespace CdsHooksIcans.Service.Hosting;

/// <summary>
/// The log scope of one call to a CDS service. The service id is known from the route, the hookInstance only once
/// the body is validated, so the controller fills it in and every later log line of the call carries it. It also
/// gathers what the call's closing log line and metrics report: the FHIR requests sent and why a 412 was answered.
/// </summary>
public sealed class HookCallScope(string serviceId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    // The FHIR handlers run on the call's async flow but never see its HttpContext.
    private static readonly AsyncLocal<HookCallScope?> CurrentScope = new();
    private int _fhirRequests;

    /// <summary>The scope of the call on this async flow, if any.</summary>
    public static HookCallScope? Current => CurrentScope.Value;

    public string ServiceId { get; } = serviceId;

    public string? HookInstance { get; set; }

    /// <summary>FHIR request attempts sent for this call (retries and result pages included).</summary>
    public int FhirRequests => Volatile.Read(ref _fhirRequests);

    /// <summary>Why the call was answered 412 (<c>required_data_unavailable</c>, <c>deadline_exceeded</c>), when it was.</summary>
    public string? PreconditionFailure { get; set; }

    /// <summary>Makes this the scope of the calling async method and the work it starts.</summary>
    public void MakeCurrent() => CurrentScope.Value = this;

    public void CountFhirRequest() => Interlocked.Increment(ref _fhirRequests);

    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("ServiceId", ServiceId),
        1 => new("HookInstance", HookInstance),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"ServiceId:{ServiceId} HookInstance:{HookInstance}";
}
