using CdsHooksIcans.Clinical.Reading;

namespace CdsHooksIcans.Service.Hooks;

/// <summary>
/// One prefetch key: a CDS Hooks 2.0 template (only <c>{{context.*}}</c> and user tokens) and whether the service
/// can answer without it. A required key that cannot be had makes the hook answer 412.
/// </summary>
/// <param name="Key">The prefetch key, for example <c>patient</c>.</param>
/// <param name="Template">A relative FHIR read or search, for example <c>Patient/{{context.patientId}}</c>.</param>
/// <param name="Required">Whether grading is impossible without it.</param>
/// <param name="Phase">
/// Queries of phase 1 decide whether the patient is an IEC patient; later phases are fetched only for IEC patients.
/// </param>
public sealed record PrefetchQuery(string Key, string Template, bool Required, int Phase = 1)
{
    private readonly string _template = Template;

    /// <summary>A relative FHIR read or search, for example <c>Patient/{{context.patientId}}</c>.</summary>
    public string Template
    {
        get => _template;
        init
        {
            _template = value;
            Shape = ExpectedShape.Parse(value);
        }
    }

    /// <summary>What the template reads or searches, parsed once: prefetch of another shape is missing data.</summary>
    internal ExpectedShape? Shape { get; private init; } = ExpectedShape.Parse(Template);
}
