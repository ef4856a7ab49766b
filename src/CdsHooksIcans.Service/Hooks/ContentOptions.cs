namespace CdsHooksIcans.Service.Hooks;

/// <summary>Where the clinical content lives. Relative paths are resolved against the application's base directory.</summary>
public sealed class ContentOptions
{
    public const string Section = "CdsHooks:Content";

    /// <summary>The card content folder. <value>The default is <c>content/cards</c>, copied beside the binary from <c>cards/</c>.</value></summary>
    public string CardsPath { get; set; } = "content/cards";

    /// <summary>Terminology folders, loaded in order; later folders add local codes and ConceptMaps without a rebuild.
    /// <value>The default is <c>content/fhir-profiles/terminology</c> (<see cref="DefaultTerminologyPath"/>).</value></summary>
    /// <remarks>Empty here and defaulted after binding: the configuration binder appends to a pre-filled list.</remarks>
    public List<string> TerminologyPaths { get; set; } = [];

    /// <summary>
    /// Whether patient-view adds research cards (preclinical evidence, for example TAK1 in microglia) for patients with
    /// ICANS, as a third card. <value>Off by default: a card that changes no decision adds to alert fatigue (docs/adr/0018).</value>
    /// </summary>
    public bool ShowResearchCards { get; set; }

    public const string DefaultTerminologyPath = "content/fhir-profiles/terminology";

    /// <summary>Folders of clinical-drug Medication Bundles (strengths for dose conversion), loaded in order; a later folder
    /// adds a local formulary. <value>The default is <c>content/fhir-profiles/medications</c>.</value></summary>
    /// <remarks>Empty here and defaulted after binding, as <see cref="TerminologyPaths"/>.</remarks>
    public List<string> MedicationPaths { get; set; } = [];

    public const string DefaultMedicationPath = "content/fhir-profiles/medications";

    public static string Resolve(string path) => Path.GetFullPath(path, AppContext.BaseDirectory);
}
