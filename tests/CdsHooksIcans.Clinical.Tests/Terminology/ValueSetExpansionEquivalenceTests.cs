using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Clinical.Tests.Profiles;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace CdsHooksIcans.Clinical.Tests.Terminology;

/// <summary>
/// The service expands ValueSets itself (docs/adr/0021); this proves, for every ValueSet of fhir-profiles/, that it
/// holds exactly the codes Firely's terminology service (the one the profile validator uses) finds in it.
/// </summary>
public sealed class ValueSetExpansionEquivalenceTests(ProfileValidatorFixture profiles, TerminologyFixture terminology)
    : IClassFixture<ProfileValidatorFixture>, IClassFixture<TerminologyFixture>
{
    public static TheoryData<string> ValueSetUrls() =>
        [.. FhirProfilesFolder.ConformanceResources().OfType<ValueSet>().Select(valueSet => valueSet.Url ?? throw new InvalidDataException($"ValueSet '{valueSet.Id}' has no url.")).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ValueSetUrls))]
    public async System.Threading.Tasks.Task OwnExpansion_HoldsTheCodesFirelyExpands(string url)
    {
        var firely = await FirelyExpansion(url);
        var own = terminology.Terminology.Expand(url);

        Assert.NotEmpty(firely);
        Assert.Equal(Keys(firely), Keys(own));
    }

    [Theory]
    [MemberData(nameof(ValueSetUrls))]
    public async System.Threading.Tasks.Task OwnExpansion_ShowsTheDisplaysFirelyExpands(string url)
    {
        var firely = await FirelyExpansion(url);
        var own = terminology.Terminology.Expand(url).ToDictionary(Key, coding => coding.Display);

        // Where an include lists a code without a display, only the own expansion fills it from our CodeSystem.
        Assert.NotEmpty(firely);
        Assert.All(firely.Where(coding => coding.Display is not null), coding =>
            Assert.Equal(coding.Display, own[Key(coding)]));
    }

    [Fact]
    public void EveryValueSet_IsCompared() =>
        Assert.Equal(
            Directory.GetFiles(FhirProfilesFolder.Root, "ValueSet-*.json", SearchOption.AllDirectories).Length,
            ValueSetUrls().Count);

    /// <summary>FHIR: an include naming several value sets holds the codes in all of them, not in any.</summary>
    [Fact]
    public async System.Threading.Tasks.Task IncludeOfTwoValueSets_HoldsTheCodesInBoth()
    {
        const string url = IcansTerminology.CanonicalBase + "/ValueSet/test-dexamethasone-among-corticosteroids";
        using var copy = TempTerminology.CopyOfReal();
        copy.Write("ValueSet-test-dexamethasone-among-corticosteroids.json", $$"""
            { "resourceType": "ValueSet", "url": "{{url}}", "status": "draft",
              "compose": { "include": [ { "valueSet": [ "{{IcansCanonicals.Corticosteroids}}", "{{IcansCanonicals.Dexamethasone}}" ] } ] } }
            """);
        var resources = Directory.GetFiles(copy.Folder, "*.json").Select(file => FhirProfilesFolder.Parse(File.ReadAllText(file)));

        var firely = await FirelyExpansion(url, new InMemoryResourceResolver(resources));
        var own = IcansTerminology.Load([copy.Folder]);

        Assert.Equal(Keys(own.Expand(IcansCanonicals.Dexamethasone)), Keys(firely));
        Assert.Equal(Keys(firely), Keys(own.Expand(url)));
    }

    private Task<IReadOnlyList<Coding>> FirelyExpansion(string url) => FirelyExpansion(url, profiles.Resolver);

    private static async Task<IReadOnlyList<Coding>> FirelyExpansion(string url, IAsyncResourceResolver resolver)
    {
        var expansion = Assert.IsType<ValueSet>(await new LocalTerminologyService(resolver).Expand(new ExpandParameters().WithValueSet(url))).Expansion;
        Assert.NotNull(expansion);
        return [.. Flattened(expansion.Contains).Select(contains => new Coding(contains.System, contains.Code, contains.Display))];
    }

    // A CodeSystem hierarchy expands into nested contains; membership is flat.
    private static IEnumerable<ValueSet.ContainsComponent> Flattened(IEnumerable<ValueSet.ContainsComponent> contains) =>
        contains.SelectMany(entry => Flattened(entry.Contains).Prepend(entry));

    private static string Key(Coding coding) => $"{coding.System}|{coding.Code}";

    private static List<string> Keys(IEnumerable<Coding> codings) => [.. codings.Select(Key).Order(StringComparer.Ordinal)];
}
