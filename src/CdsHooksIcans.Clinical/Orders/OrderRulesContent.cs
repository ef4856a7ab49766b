using System.Collections.Immutable;
using System.Text.Json.Nodes;
using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Management;

namespace CdsHooksIcans.Clinical.Orders;

/// <summary>
/// The order-check rules that are not corticosteroid dosing, loaded from <c>cards/data/</c>: who gets the
/// seizure-prophylaxis reminder (<c>seizure-prophylaxis.json</c>) and the safety ceilings (<c>dose-ceilings.json</c>).
/// Errors name the file, the entry and the field, and stop start-up.
/// </summary>
public static class OrderRulesContent
{
    /// <summary>The prophylaxis file, relative to the cards folder.</summary>
    public const string ProphylaxisPath = "data/seizure-prophylaxis.json";

    /// <summary>The ceilings file, relative to the cards folder.</summary>
    public const string CeilingsPath = "data/dose-ceilings.json";

    /// <summary>All the rules the order checks weigh.</summary>
    /// <param name="cardsDirectory">The cards folder.</param>
    /// <param name="dosing">The corticosteroid dosing, already loaded.</param>
    /// <param name="terminology">The terminology, whose iec-product codes the prophylaxis products must be.</param>
    public static OrderRules Load(string cardsDirectory, CorticosteroidDosing dosing, IcansTerminology terminology)
    {
        ArgumentNullException.ThrowIfNull(dosing);
        ArgumentNullException.ThrowIfNull(terminology);
        return new OrderRules(dosing.Policy, Prophylaxis(cardsDirectory, terminology), Ceilings(cardsDirectory));
    }

    private static SeizureProphylaxisPolicy Prophylaxis(string cardsDirectory, IcansTerminology terminology)
    {
        var root = CardDataFile.Read(cardsDirectory, ProphylaxisPath);
        void Fail(string field, string problem) => throw new CardContentException(ProphylaxisPath, "-", field, problem);
        var all = root["allIecTherapies"] is JsonValue a && a.TryGetValue<bool>(out var flag) && flag;
        var known = terminology.Products.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var products = (root["products"] as JsonArray ?? []).Select(p => p is JsonValue v && v.TryGetValue<string>(out var code) ? code : null).ToList();
        if (products.Any(p => p is null || !known.Contains(p)))
        {
            Fail("products", "codes of CodeSystem iec-product");
        }

        if (!all && products.Count == 0)
        {
            Fail("products", "name the products, or set allIecTherapies");
        }

        if (Integer(root, "fromDay") is not { } from || Integer(root, "toDay") is not { } to || from < 0 || to < from)
        {
            Fail("fromDay/toDay", "whole days after the infusion, 0 <= fromDay <= toDay");
            return null!;
        }

        return new SeizureProphylaxisPolicy(all, [.. products.OfType<string>()], from, to);
    }

    private static ImmutableArray<DoseCeiling> Ceilings(string cardsDirectory)
    {
        var root = CardDataFile.Read(cardsDirectory, CeilingsPath);
        var ceilings = ImmutableArray.CreateBuilder<DoseCeiling>();
        foreach (var (entry, index) in (root["ceilings"] as JsonArray ?? []).Select((e, i) => (e as JsonObject, i)))
        {
            void Fail(string field, string problem) => throw new CardContentException(CeilingsPath, $"ceilings[{index}]", field, problem);
            if (entry?["drug"] is not JsonValue d || !d.TryGetValue<string>(out var name) || !EnumCodes.TryParse<IcansDrug>(name, out var drug)
                || ceilings.Any(c => c.Drug == drug))
            {
                Fail("drug", "a drug the checks know (dexamethasone, methylprednisolone, tocilizumab, anakinra, antiseizure), once");
                return [];
            }

            var limits = (Number(entry, "maxMgPerDose"), Number(entry, "maxMgPerDay"), Integer(entry, "maxDosesPer24Hours"), Integer(entry, "maxDosesInTotal"));
            if (limits is (null, null, null, null) || limits.Item1 <= 0 || limits.Item2 <= 0 || limits.Item3 <= 0 || limits.Item4 <= 0)
            {
                Fail("max*", "at least one limit, each above 0");
            }

            if (entry["source"] is not JsonValue s || !s.TryGetValue<string>(out var source) || source.Length < 10)
            {
                Fail("source", "where the limit comes from, as the card states it");
                return [];
            }

            ceilings.Add(new DoseCeiling(drug, limits.Item1, limits.Item2, limits.Item3, limits.Item4, source));
        }

        return ceilings.ToImmutable();
    }

    private static decimal? Number(JsonObject entry, string field) => entry[field] is JsonValue v && v.TryGetValue<decimal>(out var n) ? n : null;

    private static int? Integer(JsonObject entry, string field) => entry[field] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;
}
