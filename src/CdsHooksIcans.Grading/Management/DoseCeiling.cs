namespace CdsHooksIcans.Grading.Management;

/// <summary>A safety ceiling for a drug, from <c>cards/data/dose-ceilings.json</c>: a draft above any limit is a warning.</summary>
/// <param name="Drug">The drug.</param>
/// <param name="MaxMgPerDose">Most mg in one dose.</param>
/// <param name="MaxMgPerDay">Most mg in 24 hours.</param>
/// <param name="MaxDosesPer24Hours">Most doses in 24 hours.</param>
/// <param name="MaxDosesInTotal">Most doses in all.</param>
/// <param name="Source">Where the limit comes from, as the card states it.</param>
public sealed record DoseCeiling(
    IcansDrug Drug,
    decimal? MaxMgPerDose,
    decimal? MaxMgPerDay,
    int? MaxDosesPer24Hours,
    int? MaxDosesInTotal,
    string Source)
{
    /// <summary>The first limit the order goes beyond, with the limit; null when within all. Counts other orders' doses in 24 hours.</summary>
    /// <param name="order">The draft.</param>
    /// <param name="otherDosesPer24Hours">Doses in 24 hours of the patient's other orders of the same drug.</param>
    public (CeilingLimit Limit, decimal Value)? Exceeded(DrugOrder order, decimal otherDosesPer24Hours)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.MgPerDose > MaxMgPerDose)
        {
            return (CeilingLimit.PerDose, MaxMgPerDose!.Value);
        }

        if (order.MgPerDay > MaxMgPerDay)
        {
            return (CeilingLimit.PerDay, MaxMgPerDay!.Value);
        }

        var doses = order.DosesPerDay ?? (order.TotalDoses is null ? null : 1m);
        if (doses + otherDosesPer24Hours > MaxDosesPer24Hours)
        {
            return (CeilingLimit.DosesPer24Hours, MaxDosesPer24Hours!.Value);
        }

        return order.TotalDoses > MaxDosesInTotal ? (CeilingLimit.DosesInTotal, MaxDosesInTotal!.Value) : null;
    }
}
