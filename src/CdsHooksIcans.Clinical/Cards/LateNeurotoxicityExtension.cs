namespace CdsHooksIcans.Clinical.Cards;

/// <summary>The <c>org.cdshooks-icans.late-neurotoxicity</c> card extension: the current late signs and where they were charted.</summary>
/// <param name="Findings">The distinct finding codes, most recent first.</param>
/// <param name="Evidence">The Observations and Conditions they were read from.</param>
public sealed record LateNeurotoxicityExtension(IReadOnlyList<string> Findings, IReadOnlyList<string> Evidence)
{
    public const string Key = "org.cdshooks-icans.late-neurotoxicity";
}
