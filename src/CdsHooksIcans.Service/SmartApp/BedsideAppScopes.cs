namespace CdsHooksIcans.Service.SmartApp;

/// <summary>The narrowest SMART v2 scopes that work: read of the types the app reads, create of Observation, who the user is.</summary>
/// <param name="Ehr">Launched from the EHR (<c>launch</c> gives the patient).</param>
/// <param name="Standalone">Launched on its own (<c>launch/patient</c> asks the user to pick one).</param>
public sealed record BedsideAppScopes(IReadOnlyList<string> Ehr, IReadOnlyList<string> Standalone)
{
    /// <summary>Read (and search) of each type <paramref name="reads"/> touches, create of Observation, and the user's identity.</summary>
    public static BedsideAppScopes For(IEnumerable<string> reads)
    {
        var types = reads.Select(read => read.Split('?', '/')[0]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        string[] common = ["openid", "fhirUser", .. types.Select(type => $"patient/{type}.rs"), "patient/Observation.c"];
        return new(["launch", .. common], ["launch/patient", .. common]);
    }
}
