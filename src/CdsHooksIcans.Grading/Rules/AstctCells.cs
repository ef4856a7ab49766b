using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Rules;

/// <summary>
/// The cells of the ASTCT 2019 ICANS table (Lee et al.): what grade one finding contributes to its domain, and the
/// short machine-readable code the domain states carry. Nothing here looks at time or at other domains.
/// </summary>
public static class AstctCells
{
    /// <summary>Highest valid ICE total.</summary>
    public const int IceMaximum = 10;

    /// <summary>Highest valid CAPD total.</summary>
    public const int CapdMaximum = 32;

    /// <summary>Lowest CAPD total that is a positive delirium screen (grade 3).</summary>
    public const int CapdGrade3From = 9;

    /// <summary>
    /// ICE domain: 10 → 0; 7-9 → 1; 3-6 → 2; 0-2 → 3; 0 because the patient is unarousable → 4.
    /// An ICE of 0 in an awake patient (for example global aphasia) stays grade 3.
    /// </summary>
    /// <param name="score">ICE total, 0-10.</param>
    /// <param name="unarousable">The current, ICANS-attributable level of consciousness is unarousable.</param>
    public static int Ice(int score, bool unarousable) => score switch
    {
        IceMaximum => 0,
        >= 7 and < IceMaximum => 1,
        >= 3 and <= 6 => 2,
        0 when unarousable => 4,
        >= 0 and <= 2 => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(score), score, "An ICE total is 0-10."),
    };

    /// <summary>
    /// CAPD domain (children under 12): 0 → 0; 1-8 → 1; 9 or more → 3. CAPD 1-8 with awakening only to voice is grade 2
    /// through the consciousness domain, not here.
    /// </summary>
    /// <param name="score">CAPD total, 0-32.</param>
    public static int Capd(int score) => score switch
    {
        0 => 0,
        >= 1 and < CapdGrade3From => 1,
        >= CapdGrade3From and <= CapdMaximum => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(score), score, "A CAPD total is 0-32."),
    };

    /// <summary>A cognitive assessment that was not done is grade 4 when the patient is unarousable, else unknown.</summary>
    /// <param name="unarousable">The current, ICANS-attributable level of consciousness is unarousable.</param>
    public static int? CognitiveNotDone(bool unarousable) => unarousable ? 4 : null;

    /// <summary>Depressed level of consciousness: alert 0, spontaneous 1, voice 2, tactile 3, unarousable 4.</summary>
    public static int Consciousness(ConsciousnessLevel level) => level switch
    {
        ConsciousnessLevel.Alert => 0,
        ConsciousnessLevel.AwakensSpontaneously => 1,
        ConsciousnessLevel.AwakensToVoice => 2,
        ConsciousnessLevel.AwakensToTactile => 3,
        ConsciousnessLevel.Unarousable => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>Seizure: rapidly resolving clinical or EEG-resolved non-convulsive seizure 3; prolonged or repetitive 4.</summary>
    public static int Seizure(SeizureFinding finding) => finding switch
    {
        SeizureFinding.NoSeizure => 0,
        SeizureFinding.SeizureResolvedRapidly or SeizureFinding.NonconvulsiveSeizureResolved => 3,
        SeizureFinding.ProlongedSeizure or SeizureFinding.RepetitiveSeizures => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(finding), finding, null),
    };

    /// <summary>Motor: hemiparesis or paraparesis 4. Tremor and myoclonus are graded with CTCAE and never raise ICANS.</summary>
    public static int Motor(MotorFinding finding) => finding switch
    {
        MotorFinding.NoMotorFinding or MotorFinding.Tremor or MotorFinding.Myoclonus => 0,
        MotorFinding.Hemiparesis or MotorFinding.Paraparesis => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(finding), finding, null),
    };

    /// <summary>
    /// Raised ICP / cerebral edema: focal edema 3; diffuse edema, posturing, CN VI palsy, papilledema, Cushing's triad 4.
    /// Intracranial hemorrhage, with or without edema, is not an ICANS feature: it contributes 0.
    /// </summary>
    public static int IcpEdema(IcpEdemaFinding finding) => finding switch
    {
        IcpEdemaFinding.NoEdema or IcpEdemaFinding.IntracranialHemorrhage => 0,
        IcpEdemaFinding.FocalEdema => 3,
        IcpEdemaFinding.DiffuseEdema or IcpEdemaFinding.Posturing or IcpEdemaFinding.CranialNerveViPalsy
            or IcpEdemaFinding.Papilledema or IcpEdemaFinding.CushingTriad => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(finding), finding, null),
    };

    /// <summary>The motor domain's normal code: the only entry that charts a motor finding's resolution.</summary>
    public static bool ChartsResolution(MotorFinding finding) => finding == MotorFinding.NoMotorFinding;

    /// <summary>The ICP/edema domain's normal code: the only entry that charts an edema finding's resolution.</summary>
    public static bool ChartsResolution(IcpEdemaFinding finding) => finding == IcpEdemaFinding.NoEdema;

    /// <summary>The finding text of an ICE domain: <c>ICE 2/10</c>, or <c>ICE not done</c>.</summary>
    public static string IceText(int? score) => score is { } s ? $"ICE {s}/{IceMaximum}" : "ICE not done";

    /// <summary>The finding text of a CAPD domain: <c>CAPD 12</c>, or <c>CAPD not done</c>.</summary>
    public static string CapdText(int? score) => score is { } s ? $"CAPD {s}" : "CAPD not done";

    /// <summary>The finding text of an ICP/edema domain: its code, and for hemorrhage why it does not count.</summary>
    public static string IcpEdemaText(IcpEdemaFinding finding) => finding == IcpEdemaFinding.IntracranialHemorrhage
        ? "intracranial-hemorrhage (excluded: not an ICANS feature)"
        : FindingCode(finding);

    /// <summary>
    /// The <c>icans-finding</c> code of an enum value: the kebab-case form of its name
    /// (<c>AwakensToVoice</c> → <c>awakens-to-voice</c>, <c>CranialNerveViPalsy</c> → <c>cranial-nerve-vi-palsy</c>).
    /// </summary>
    public static string FindingCode<TFinding>(TFinding finding)
        where TFinding : struct, Enum => FindingCodes<TFinding>.Of(finding);

    // Each code spelled once per enum: every entry of an evidence trail names its finding.
    private static class FindingCodes<TFinding>
        where TFinding : struct, Enum
    {
        private static readonly Dictionary<TFinding, string> Codes = Enum.GetValues<TFinding>().ToDictionary(v => v, Kebab);

        public static string Of(TFinding finding) => Codes.TryGetValue(finding, out var code) ? code : Kebab(finding);

        private static string Kebab(TFinding finding)
        {
            var name = finding.ToString();
            var code = new System.Text.StringBuilder(name.Length + 4);
            for (var i = 0; i < name.Length; i++)
            {
                if (char.IsUpper(name[i]) && i > 0)
                {
                    code.Append('-');
                }

                code.Append(char.ToLowerInvariant(name[i]));
            }

            return code.ToString();
        }
    }
}
