namespace CdsHooksIcans.Grading.Model;

/// <summary>One infusion or dose of an immune effector cell therapy.</summary>
/// <param name="Product">The product given.</param>
/// <param name="Time">When it was given; <c>null</c> when only a history of therapy is recorded (Z92.850).</param>
/// <param name="Source">The MedicationAdministration, Procedure or Condition it was read from.</param>
public sealed record IecExposure(IecProduct Product, DateTimeOffset? Time, string Source);
