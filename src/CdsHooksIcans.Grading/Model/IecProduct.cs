namespace CdsHooksIcans.Grading.Model;

/// <summary>An immune effector cell product, as described by the <c>iec-product</c> CodeSystem.</summary>
/// <param name="Code">The product code, for example <c>axicabtagene-ciloleucel</c>.</param>
/// <param name="Display">A human-readable name.</param>
/// <param name="Class">CAR-T or T-cell engager.</param>
/// <param name="HighIcansRisk">High ICANS risk (CD28 products such as axi-cel and brexu-cel): earlier steroids may be an option.</param>
/// <param name="LateNeurotoxicityWatch">BCMA products with delayed neurotoxicity: a late watch after the window.</param>
public sealed record IecProduct(string Code, string Display, TherapyClass Class, bool HighIcansRisk, bool LateNeurotoxicityWatch);
