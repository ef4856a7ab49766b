using System.Collections.Immutable;

namespace CdsHooksIcans.Grading.Management;

/// <summary>One finding of the order checks.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="Order">The order the finding is about, when it is about one (a draft, or the active regimen for an escalation).</param>
/// <param name="Grade">What the grade calls for, when a corticosteroid order should be suggested.</param>
/// <param name="Shortfall">For a corticosteroid below the grade: why.</param>
/// <param name="Ceiling">For a dose above a ceiling: the ceiling and the limit gone beyond.</param>
/// <param name="NotCounted">Corticosteroid orders that do not treat ICANS as a regimen (local, as needed), named on the card.</param>
public sealed record OrderFinding(
    OrderFindingKind Kind,
    DrugOrder? Order,
    GradeSteroidPolicy? Grade,
    SteroidShortfall? Shortfall = null,
    (DoseCeiling Ceiling, CeilingLimit Limit, decimal Value)? Ceiling = null,
    ImmutableArray<DrugOrder> NotCounted = default);
