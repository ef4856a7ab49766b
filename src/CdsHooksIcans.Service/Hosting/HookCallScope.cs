using System.Collections;

namespace CdsHooksIcans.Service.Hosting;

/// <summary>
/// The log scope of one call to a CDS service. The service id is known from the route, the hookInstance only once
/// the body is validated, so the controller fills it in and every later log line of the call carries it.
/// </summary>
public sealed class HookCallScope(string serviceId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public string ServiceId { get; } = serviceId;

    public string? HookInstance { get; set; }

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
