using System.Collections.Immutable;

namespace CdsHooksIcans.Grading.Management;

/// <summary>Everything the order checks weigh besides the patient: corticosteroids by grade, prophylaxis, ceilings.</summary>
/// <param name="Corticosteroids">Corticosteroid thresholds by grade.</param>
/// <param name="Prophylaxis">Who gets the seizure-prophylaxis reminder.</param>
/// <param name="Ceilings">Safety ceilings per drug.</param>
public sealed record OrderRules(CorticosteroidPolicy Corticosteroids, SeizureProphylaxisPolicy Prophylaxis, ImmutableArray<DoseCeiling> Ceilings);
