using System.Collections.Frozen;
using System.Text.Json;
using CdsHooksIcans.Grading.Model;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace CdsHooksIcans.Clinical.Terminology;

public sealed partial class IcansTerminology
{
    // Lenient: artifacts written by hand or by a deployment may bend R4; the checks below are what must hold.
    private static readonly FhirJsonDeserializer Deserializer =
        new(new DeserializerSettings().UsingMode(DeserializationMode.Ostrich));

    /// <summary>
    /// Loads and validates every CodeSystem, ValueSet and ConceptMap under the given folders (recursively; other
    /// resources are ignored). Later folders may add concepts, ValueSet includes and ConceptMaps with the same URLs:
    /// that is how a deployment adds local codes without a rebuild. Throws <see cref="TerminologyException"/> naming
    /// the file and field at fault.
    /// </summary>
    public static IcansTerminology Load(IEnumerable<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var folders = directories.ToList();
        var compiler = new Compiler(string.Join(", ", folders));
        foreach (var folder in folders)
        {
            foreach (var (resource, file) in ReadArtifacts(folder))
            {
                compiler.Add(resource, file);
            }
        }

        return compiler.Compile();
    }

    private static IEnumerable<(Resource Resource, string File)> ReadArtifacts(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new TerminologyException(folder, "folder", "the terminology folder does not exist");
        }

        var files = Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var json = File.ReadAllText(file);
            if (ResourceTypeOf(json, file) is nameof(CodeSystem) or nameof(ValueSet) or nameof(ConceptMap))
            {
                yield return (Deserializer.DeserializeResource(json), file);
            }
        }
    }

    private static string? ResourceTypeOf(string json, string file)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("resourceType", out var type)
                && type.ValueKind == JsonValueKind.String
                    ? type.GetString()
                    : null;
        }
        catch (JsonException ex)
        {
            throw new TerminologyException(file, "(json)", $"not valid JSON: {ex.Message}", ex);
        }
    }

    private static string WithoutVersion(string canonical)
    {
        var bar = canonical.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? canonical : canonical[..bar];
    }

    /// <summary>Collects artifacts in folder order, then expands, binds and checks everything in one go.</summary>
    private sealed class Compiler(string folders)
    {
        private static readonly string DomainProperty = EnumCodes.ToCode(ConceptProperty.Domain);
        private static readonly string TherapyClassProperty = EnumCodes.ToCode(ConceptProperty.TherapyClass);
        private static readonly string HighIcansRiskProperty = EnumCodes.ToCode(ConceptProperty.HighIcansRisk);
        private static readonly string LateWatchProperty = EnumCodes.ToCode(ConceptProperty.LateNeurotoxicityWatch);
        private static readonly string AstctGradeProperty = EnumCodes.ToCode(ConceptProperty.AstctGrade);

        private readonly Dictionary<string, LoadedCodeSystem> _codeSystems = new(StringComparer.Ordinal);
        private readonly List<(CodeSystem Supplement, string File)> _supplements = [];
        private readonly Dictionary<string, List<Include>> _valueSets = new(StringComparer.Ordinal);
        private readonly List<(ConceptMap Map, string File)> _conceptMaps = [];

        public void Add(Resource resource, string file)
        {
            switch (resource)
            {
                case CodeSystem codeSystem:
                    AddCodeSystem(codeSystem, file);
                    break;
                case ValueSet valueSet:
                    AddValueSet(valueSet, file);
                    break;
                case ConceptMap conceptMap:
                    Require(conceptMap.Url, file, "ConceptMap.url");
                    _conceptMaps.Add((conceptMap, file));
                    break;
            }
        }

        public IcansTerminology Compile()
        {
            var observationSystem = RequiredCodeSystem(IcansCanonicals.IcansObservationSystem);
            var findingSystem = RequiredCodeSystem(IcansCanonicals.IcansFindingSystem);
            var productSystem = RequiredCodeSystem(IcansCanonicals.IecProductSystem);

            var valueSets = ExpandValueSets();
            foreach (var required in IcansCanonicals.RequiredValueSets)
            {
                if (!valueSets.ContainsKey(required))
                {
                    throw new TerminologyException(folders, "ValueSet.url", $"no ValueSet '{required}' was found");
                }
            }

            var mappings = ReadConceptMaps();
            var observationCodes = BindObservationKinds(observationSystem);
            var findingCodes = BindFindings(findingSystem, observationCodes);
            var (productCodes, unknownProducts) = BindProducts(productSystem);

            return new IcansTerminology(
                valueSets.ToFrozenDictionary(StringComparer.Ordinal),
                WithMappings(IcansCanonicals.IcansObservationSystem, observationCodes, mappings),
                WithMappings(IcansCanonicals.IcansFindingSystem, findingCodes, mappings),
                WithMappings(IcansCanonicals.IecProductSystem, productCodes, mappings),
                [.. productCodes.Values.OrderBy(product => product.Code, StringComparer.Ordinal)],
                unknownProducts,
                ReadAstctGrades());
        }

        private void AddCodeSystem(CodeSystem codeSystem, string file)
        {
            var url = Require(codeSystem.Url, file, "CodeSystem.url");
            if (codeSystem.Content == CodeSystemContentMode.Supplement)
            {
                _supplements.Add((codeSystem, file));
                return;
            }

            if (!_codeSystems.TryGetValue(url, out var loaded))
            {
                loaded = new LoadedCodeSystem(url, file);
                _codeSystems.Add(url, loaded);
            }

            AddConcepts(loaded, codeSystem.Concept, file, "CodeSystem.concept");
        }

        private static void AddConcepts(
            LoadedCodeSystem codeSystem, List<CodeSystem.ConceptDefinitionComponent> concepts, string file, string path)
        {
            for (var i = 0; i < concepts.Count; i++)
            {
                var field = $"{path}[{i}]";
                var code = Require(concepts[i].Code, file, field + ".code");
                if (!codeSystem.Concepts.TryAdd(code, new LoadedConcept(concepts[i], file, field)))
                {
                    throw new TerminologyException(file, field + ".code", $"code '{code}' is already defined in {codeSystem.Url}");
                }

                AddConcepts(codeSystem, concepts[i].Concept, file, field + ".concept");
            }
        }

        private void AddValueSet(ValueSet valueSet, string file)
        {
            var url = Require(valueSet.Url, file, "ValueSet.url");
            if (valueSet.Compose?.Exclude.Count > 0)
            {
                throw new TerminologyException(file, "ValueSet.compose.exclude", "exclude is not supported; list the included codes instead");
            }

            if (!_valueSets.TryGetValue(url, out var includes))
            {
                includes = [];
                _valueSets.Add(url, includes);
            }

            var composed = valueSet.Compose?.Include ?? [];
            for (var i = 0; i < composed.Count; i++)
            {
                includes.Add(new Include(composed[i], file, $"ValueSet.compose.include[{i}]"));
            }
        }

        private LoadedCodeSystem RequiredCodeSystem(string url) =>
            _codeSystems.TryGetValue(url, out var codeSystem)
                ? codeSystem
                : throw new TerminologyException(folders, "CodeSystem.url", $"no CodeSystem '{url}' was found");

        private Dictionary<string, ExpandedValueSet> ExpandValueSets()
        {
            var expanded = new Dictionary<string, Dictionary<CodeKey, string?>>(StringComparer.Ordinal);
            foreach (var url in _valueSets.Keys)
            {
                Expand(url, expanded, []);
            }

            return expanded.ToDictionary(
                entry => entry.Key,
                entry => new ExpandedValueSet(
                    entry.Value.Keys.ToFrozenSet(),
                    [.. entry.Value
                        .Select(member => (member.Key, member.Value))
                        .OrderBy(member => member.Key.System, StringComparer.Ordinal)
                        .ThenBy(member => member.Key.Code, StringComparer.Ordinal)]),
                StringComparer.Ordinal);
        }

        private Dictionary<CodeKey, string?> Expand(
            string url, Dictionary<string, Dictionary<CodeKey, string?>> expanded, HashSet<string> expanding)
        {
            if (expanded.TryGetValue(url, out var done))
            {
                return done;
            }

            var members = new Dictionary<CodeKey, string?>();
            expanding.Add(url);
            foreach (var include in _valueSets[url])
            {
                foreach (var (key, display) in ExpandInclude(include, expanded, expanding))
                {
                    members.TryAdd(key, display);
                }
            }

            expanding.Remove(url);
            expanded.Add(url, members);
            return members;
        }

        private Dictionary<CodeKey, string?> ExpandInclude(
            Include include, Dictionary<string, Dictionary<CodeKey, string?>> expanded, HashSet<string> expanding)
        {
            var (component, file, field) = include;
            if (component.Filter.Count > 0)
            {
                throw new TerminologyException(file, field + ".filter", "filters are not supported; list the concepts or include the whole system");
            }

            Dictionary<CodeKey, string?>? fromSystem = null;
            if (!string.IsNullOrEmpty(component.System))
            {
                fromSystem = component.Concept.Count > 0
                    ? ListedConcepts(include)
                    : WholeSystem(include);
            }
            else if (component.Concept.Count > 0)
            {
                throw new TerminologyException(file, field + ".system", "concepts are listed without a system");
            }

            Dictionary<CodeKey, string?>? fromValueSets = null;
            var references = component.ValueSet.ToList();
            for (var i = 0; i < references.Count; i++)
            {
                var reference = WithoutVersion(references[i] ?? string.Empty);
                if (!_valueSets.ContainsKey(reference))
                {
                    throw new TerminologyException(file, $"{field}.valueSet[{i}]", $"unknown ValueSet '{reference}'");
                }

                if (expanding.Contains(reference))
                {
                    throw new TerminologyException(file, $"{field}.valueSet[{i}]", $"ValueSet '{reference}' includes itself");
                }

                fromValueSets ??= [];
                foreach (var (key, display) in Expand(reference, expanded, expanding))
                {
                    fromValueSets.TryAdd(key, display);
                }
            }

            // FHIR: a system and value sets in one include means their intersection.
            return (fromSystem, fromValueSets) switch
            {
                ({ } system, { } sets) => system.Where(entry => sets.ContainsKey(entry.Key)).ToDictionary(),
                ({ } system, null) => system,
                (null, { } sets) => sets,
                _ => [],
            };
        }

        private Dictionary<CodeKey, string?> ListedConcepts(Include include)
        {
            var (component, file, field) = include;
            var system = component.System!;
            _codeSystems.TryGetValue(system, out var ownSystem);
            var members = new Dictionary<CodeKey, string?>();
            for (var i = 0; i < component.Concept.Count; i++)
            {
                var code = Require(component.Concept[i].Code, file, $"{field}.concept[{i}].code");
                LoadedConcept? defined = null;
                if (ownSystem is not null && !ownSystem.Concepts.TryGetValue(code, out defined))
                {
                    throw new TerminologyException(file, $"{field}.concept[{i}].code", $"code '{code}' is not defined in CodeSystem '{ownSystem.Url}'");
                }

                members.TryAdd(new CodeKey(system, code), component.Concept[i].Display ?? defined?.Concept.Display);
            }

            return members;
        }

        private Dictionary<CodeKey, string?> WholeSystem(Include include)
        {
            var system = include.Component.System!;
            if (!_codeSystems.TryGetValue(system, out var codeSystem))
            {
                throw new TerminologyException(include.File, include.Field + ".system", $"unknown CodeSystem '{system}' (a whole-system include needs the CodeSystem loaded)");
            }

            return codeSystem.Concepts.ToDictionary(
                concept => new CodeKey(codeSystem.Url, concept.Key), concept => concept.Value.Concept.Display);
        }

        /// <summary>Per target system: source (system, code) to target code. Maps onto systems we do not load are ignored.</summary>
        private Dictionary<string, Dictionary<CodeKey, string>> ReadConceptMaps()
        {
            var mappings = new Dictionary<string, Dictionary<CodeKey, string>>(StringComparer.Ordinal);
            foreach (var (map, file) in _conceptMaps)
            {
                for (var g = 0; g < map.Group.Count; g++)
                {
                    var group = map.Group[g];
                    var field = $"ConceptMap.group[{g}]";
                    var target = WithoutVersion(Require(group.Target, file, field + ".target"));
                    if (!_codeSystems.TryGetValue(target, out var targetSystem))
                    {
                        continue;
                    }

                    var source = WithoutVersion(Require(group.Source, file, field + ".source"));
                    if (!mappings.TryGetValue(target, out var byTarget))
                    {
                        byTarget = [];
                        mappings.Add(target, byTarget);
                    }

                    ReadGroup(group, new CodeKey(source, string.Empty), targetSystem, byTarget, file, field);
                }
            }

            return mappings;
        }

        private static void ReadGroup(
            ConceptMap.GroupComponent group, CodeKey source, LoadedCodeSystem target,
            Dictionary<CodeKey, string> byTarget, string file, string field)
        {
            for (var e = 0; e < group.Element.Count; e++)
            {
                var element = group.Element[e];
                var sourceKey = source with { Code = Require(element.Code, file, $"{field}.element[{e}].code") };
                for (var t = 0; t < element.Target.Count; t++)
                {
                    var mapping = element.Target[t];
                    if (mapping.Equivalence is ConceptMapEquivalence.Unmatched or ConceptMapEquivalence.Disjoint)
                    {
                        continue;
                    }

                    var targetField = $"{field}.element[{e}].target[{t}].code";
                    var code = Require(mapping.Code, file, targetField);
                    if (!target.Concepts.ContainsKey(code))
                    {
                        throw new TerminologyException(file, targetField, $"code '{code}' does not exist in CodeSystem '{target.Url}'");
                    }

                    if (byTarget.TryGetValue(sourceKey, out var earlier) && earlier != code)
                    {
                        throw new TerminologyException(file, targetField, $"{sourceKey} is already mapped to '{earlier}' in {target.Url}");
                    }

                    byTarget[sourceKey] = code;
                }
            }
        }

        /// <summary>icans-observation concepts and ObservationKind members must match one to one.</summary>
        private static Dictionary<string, ObservationKind> BindObservationKinds(LoadedCodeSystem codeSystem)
        {
            var members = EnumCodes.MembersByCode(typeof(ObservationKind));
            var bound = new Dictionary<string, ObservationKind>(StringComparer.Ordinal);
            foreach (var (code, concept) in codeSystem.Concepts)
            {
                bound[code] = members.TryGetValue(code, out var member)
                    ? (ObservationKind)member
                    : throw new TerminologyException(concept.File, concept.Field + ".code", $"code '{code}' is not an observation kind the engine knows ({string.Join(", ", members.Keys.Order(StringComparer.Ordinal))})");
            }

            RequireAllMembers(members, bound.Keys, codeSystem, nameof(ObservationKind));
            return bound;
        }

        /// <summary>Every icans-finding concept is a member of its domain's enum, and every member has a concept.</summary>
        private static Dictionary<string, Enum> BindFindings(LoadedCodeSystem codeSystem, Dictionary<string, ObservationKind> observationCodes)
        {
            var domainsByCode = observationCodes
                .Where(entry => FindingDomains.Any(domain => domain.Domain == entry.Value))
                .ToDictionary(entry => entry.Key, entry => FindingDomains.First(domain => domain.Domain == entry.Value).Finding, StringComparer.Ordinal);
            var bound = new Dictionary<string, Enum>(StringComparer.Ordinal);
            foreach (var (code, concept) in codeSystem.Concepts)
            {
                var domain = PropertyValue(concept, DomainProperty) is Code { Value: { } value }
                    ? value
                    : throw new TerminologyException(concept.File, concept.Field + ".property", $"concept '{code}' needs a '{DomainProperty}' property (valueCode)");
                if (!domainsByCode.TryGetValue(domain, out var findingType))
                {
                    throw new TerminologyException(concept.File, concept.Field + ".property", $"concept '{code}' has unknown domain '{domain}' (expected one of {string.Join(", ", domainsByCode.Keys.Order(StringComparer.Ordinal))})");
                }

                bound[code] = EnumCodes.MembersByCode(findingType).TryGetValue(code, out var member)
                    ? member
                    : throw new TerminologyException(concept.File, concept.Field + ".code", $"code '{code}' is not a {findingType.Name} the engine knows");
            }

            foreach (var (_, findingType) in FindingDomains)
            {
                RequireAllMembers(EnumCodes.MembersByCode(findingType), bound.Keys, codeSystem, findingType.Name);
            }

            return bound;
        }

        private static void RequireAllMembers(
            FrozenDictionary<string, Enum> members, IEnumerable<string> boundCodes, LoadedCodeSystem codeSystem, string enumName)
        {
            var missing = members.Keys.Except(boundCodes, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                throw new TerminologyException(codeSystem.File, "CodeSystem.concept", $"{enumName} needs concepts for: {string.Join(", ", missing)}");
            }
        }

        private static (Dictionary<string, IecProduct> Products, FrozenDictionary<TherapyClass, IecProduct> Unknown) BindProducts(
            LoadedCodeSystem codeSystem)
        {
            var classes = EnumCodes.MembersByCode(typeof(TherapyClass));
            var products = new Dictionary<string, IecProduct>(StringComparer.Ordinal);
            foreach (var (code, concept) in codeSystem.Concepts)
            {
                var therapyClass = PropertyValue(concept, TherapyClassProperty) is Code { Value: { } value } && classes.TryGetValue(value, out var member)
                    ? (TherapyClass)member
                    : throw new TerminologyException(concept.File, concept.Field + ".property", $"product '{code}' needs a '{TherapyClassProperty}' property with one of: {string.Join(", ", classes.Keys.Order(StringComparer.Ordinal))}");
                products[code] = new IecProduct(
                    code,
                    concept.Concept.Display ?? code,
                    therapyClass,
                    Flag(concept, HighIcansRiskProperty),
                    Flag(concept, LateWatchProperty));
            }

            var unknown = new Dictionary<TherapyClass, IecProduct>();
            foreach (var placeholder in Enum.GetValues<PlaceholderProduct>())
            {
                var expectedClass = placeholder == PlaceholderProduct.CarTOther ? TherapyClass.CarT : TherapyClass.TCellEngager;
                var code = EnumCodes.ToCode(placeholder);
                unknown[expectedClass] = products.TryGetValue(code, out var product) && product.Class == expectedClass
                    ? product
                    : throw new TerminologyException(codeSystem.File, "CodeSystem.concept", $"needs product '{code}' with {TherapyClassProperty} '{EnumCodes.ToCode(expectedClass)}'");
            }

            return (products, unknown.ToFrozenDictionary());
        }

        private static bool Flag(LoadedConcept concept, string property) => PropertyValue(concept, property) switch
        {
            null => false,
            FhirBoolean { Value: { } value } => value,
            _ => throw new TerminologyException(concept.File, concept.Field + ".property", $"'{property}' of '{concept.Concept.Code}' must be a valueBoolean"),
        };

        private FrozenDictionary<CodeKey, int> ReadAstctGrades()
        {
            var grades = new Dictionary<CodeKey, int>();
            foreach (var (supplement, file) in _supplements)
            {
                var system = WithoutVersion(Require(supplement.Supplements, file, "CodeSystem.supplements"));
                var concepts = new LoadedCodeSystem(system, file);
                AddConcepts(concepts, supplement.Concept, file, "CodeSystem.concept");
                foreach (var (code, concept) in concepts.Concepts)
                {
                    switch (PropertyValue(concept, AstctGradeProperty))
                    {
                        case null:
                            break;
                        case Integer { Value: { } grade }:
                            grades[new CodeKey(system, code)] = grade;
                            break;
                        default:
                            throw new TerminologyException(file, concept.Field + ".property", $"'{AstctGradeProperty}' of '{code}' must be a valueInteger");
                    }
                }
            }

            return grades.ToFrozenDictionary();
        }

        private static FrozenDictionary<CodeKey, T> WithMappings<T>(
            string system, Dictionary<string, T> byCode, Dictionary<string, Dictionary<CodeKey, string>> mappings)
        {
            var lookup = byCode.ToDictionary(entry => new CodeKey(system, entry.Key), entry => entry.Value);
            if (mappings.TryGetValue(system, out var local))
            {
                foreach (var (source, target) in local)
                {
                    // Our own code wins if a map ever claims one of them.
                    lookup.TryAdd(source, byCode[target]);
                }
            }

            return lookup.ToFrozenDictionary();
        }

        private static DataType? PropertyValue(LoadedConcept concept, string property)
        {
            foreach (var candidate in concept.Concept.Property)
            {
                if (candidate.Code == property)
                {
                    return candidate.Value;
                }
            }

            return null;
        }

        private static string Require(string? value, string file, string field) =>
            string.IsNullOrWhiteSpace(value) ? throw new TerminologyException(file, field, "missing") : value;
    }

    private sealed record LoadedConcept(CodeSystem.ConceptDefinitionComponent Concept, string File, string Field);

    private sealed record LoadedCodeSystem(string Url, string File)
    {
        public Dictionary<string, LoadedConcept> Concepts { get; } = new(StringComparer.Ordinal);
    }

    private sealed record Include(ValueSet.ConceptSetComponent Component, string File, string Field);
}
