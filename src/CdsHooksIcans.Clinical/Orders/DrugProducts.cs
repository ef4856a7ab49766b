using System.Collections.Frozen;
using CdsHooksIcans.Clinical.Terminology;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace CdsHooksIcans.Clinical.Orders;

/// <summary>
/// The clinical drugs the order checks can convert doses of, from <c>fhir-profiles/medications</c>: Bundles of FHIR
/// Medication resources whose code is a product code, with one active ingredient and its strength. A product must belong
/// to the same drug ValueSet as its ingredient, so a code can never convert to another drug's mg.
/// </summary>
public sealed class DrugProducts
{
    private static readonly FhirJsonDeserializer Strict = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));
    private static readonly string[] Milligram = ["mg"];
    private readonly FrozenDictionary<CodeKey, DrugProduct> _products;

    private DrugProducts(FrozenDictionary<CodeKey, DrugProduct> products) => _products = products;

    /// <summary>Every product, for tests and documentation.</summary>
    public IEnumerable<DrugProduct> All => _products.Values;

    /// <summary>The product a medication concept names by code, or null.</summary>
    public DrugProduct? Find(CodeableConcept concept)
    {
        ArgumentNullException.ThrowIfNull(concept);
        foreach (var coding in concept.Coding)
        {
            if (CodeKey.TryCreate(coding, out var key) && _products.TryGetValue(key, out var product))
            {
                return product;
            }
        }

        return null;
    }

    /// <summary>Loads every Bundle of Medications in the folders; errors name the file, the Medication and the field.</summary>
    /// <param name="folders">Medication folders in load order; a missing folder is an error.</param>
    /// <param name="terminology">The loaded ValueSets, against which each product and its ingredient are checked.</param>
    /// <param name="drugValueSets">The ValueSets of the drugs the checks know.</param>
    public static DrugProducts Load(IEnumerable<string> folders, IcansTerminology terminology, IReadOnlyCollection<string> drugValueSets)
    {
        ArgumentNullException.ThrowIfNull(folders);
        ArgumentNullException.ThrowIfNull(terminology);
        var products = new Dictionary<CodeKey, DrugProduct>();
        foreach (var folder in folders)
        {
            if (!Directory.Exists(folder))
            {
                throw new TerminologyException(folder, "folder", "the medications folder does not exist");
            }

            foreach (var file in Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (!Strict.TryDeserializeResource(File.ReadAllText(file), out var resource, out var issues) || resource is not Bundle bundle)
                {
                    throw new TerminologyException(file, "Bundle", "not a valid FHIR R4 Bundle: " + string.Join("; ", issues.Take(3).Select(i => i.Message)));
                }

                foreach (var entry in bundle.Entry)
                {
                    var (product, keys) = Read(entry.Resource, file, terminology, drugValueSets);
                    foreach (var key in keys)
                    {
                        // A later folder may redefine a product (a local formulary).
                        products[key] = product;
                    }
                }
            }
        }

        return new DrugProducts(products.ToFrozenDictionary());
    }

    private static (DrugProduct Product, List<CodeKey> Keys) Read(Resource? resource, string file, IcansTerminology terminology, IReadOnlyCollection<string> drugValueSets)
    {
        if (resource is not Medication { Id: { } id } medication)
        {
            throw new TerminologyException(file, "Bundle.entry", "every entry is a Medication with an id");
        }

        void Fail(string field, string problem) => throw new TerminologyException(file, $"Medication/{id}.{field}", problem);
        var keys = new List<CodeKey>();
        foreach (var coding in medication.Code?.Coding ?? [])
        {
            if (!CodeKey.TryCreate(coding, out var key))
            {
                Fail("code", "every coding has a system and a code");
            }

            keys.Add(key);
        }

        if (keys.Count == 0)
        {
            Fail("code", "at least one coding");
        }

        if (medication.Ingredient is not [{ Item: CodeableConcept ingredient, Strength: { Numerator: { } numerator, Denominator: { } denominator } }]
            || numerator.Value is not > 0 || !Milligram.Contains(numerator.Code) || denominator.Value != 1)
        {
            Fail("ingredient", "exactly one ingredient coded, with a strength in mg per 1 unit");
            return default;
        }

        var drug = drugValueSets.FirstOrDefault(v => terminology.Contains(v, ingredient));
        if (drug is null || !terminology.Contains(drug, medication.Code!))
        {
            Fail("code", "the product and its ingredient must both be in one drug ValueSet of fhir-profiles/terminology");
        }

        if (medication.Form?.Text is not { Length: > 0 } form)
        {
            Fail("form", "form.text names the dose form (for example 'Oral Tablet')");
            return default;
        }

        var perMilliliter = denominator.Code == "mL";
        var name = medication.Code!.Coding[0].Display ?? medication.Code.Text ?? keys[0].Code;
        return (new DrugProduct(keys[0].Code, name, numerator.Value!.Value, perMilliliter, form), keys);
    }
}
