using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Reading;

/// <summary>
/// Builds Firely model objects straight from JSON the request already parsed, for JSON that Firely's deserializer reads
/// without a single issue: every name an element of its class (a choice element with the exact suffix of one of its
/// types), no name twice, no <c>_</c> element, no null, no empty object or list, a list exactly where the model has one.
/// At anything else it gives up and the caller parses with Firely, so both paths build the same objects (a differential
/// test compares them). It saves what Firely does per element for its diagnostics: re-reading the bytes, locations,
/// paths, and a search for the choice element a name belongs to (docs/adr/0013).
/// </summary>
internal static class DirectFhirReader
{
    // Element names are short ASCII words; a longer or non-ASCII name is none of them.
    private const int MaxNameLength = 64;

    private static readonly ModelInspector Inspector = ModelInfo.ModelInspector;

    // One table per class met, so bounded by the model, whatever the input.
    private static readonly ConcurrentDictionary<ClassMapping, ElementTable> Tables = new();

    /// <summary>
    /// The object of model type <typeparamref name="T"/> (for a resource type, of the class its <c>resourceType</c> names),
    /// or null where Firely's deserializer must decide.
    /// </summary>
    /// <param name="json">The object's JSON.</param>
    /// <param name="except">An element left out, as if it were not there (a Bundle's entries, read one by one).</param>
    public static T? TryRead<T>(JsonElement json, string? except = null)
        where T : Base
    {
        try
        {
            var mapping = Inspector.FindOrImportClassMapping(typeof(T))!;
            return (mapping.IsResource ? ConcreteResourceMapping(json) : mapping) is { } concrete ? ReadObject(json, concrete, except) as T : null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A value the model refuses (a resource where another type belongs) makes SetValue throw: Firely decides.
            return null;
        }
    }

    private static Base? ReadObject(JsonElement json, ClassMapping mapping, string? except)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var table = Tables.GetOrAdd(mapping, static m => new ElementTable(m));
        var target = mapping.CreateInstance();
        var seen = UInt128.Zero;
        var resourceTypes = 0;
        Span<char> name = stackalloc char[MaxNameLength];
        foreach (var property in json.EnumerateObject())
        {
            var utf8 = JsonMarshal.GetRawUtf8PropertyName(property);
            if (mapping.IsResource && utf8.SequenceEqual("resourceType"u8))
            {
                if (++resourceTypes > 1)
                {
                    return null;
                }

                continue;
            }

            // An escaped name keeps its backslash here and so matches no element.
            if (utf8.Length > name.Length || Ascii.ToUtf16(utf8, name, out var length) != OperationStatus.Done)
            {
                return null;
            }

            var elementName = name[..length];
            if (except is not null && elementName.SequenceEqual(except))
            {
                continue;
            }

            if (!table.TryFind(elementName, out var element))
            {
                return null;
            }

            // Two types of one choice element count as the same element named twice.
            var bit = UInt128.One << element.Ordinal;
            if ((seen & bit) != UInt128.Zero || ReadValue(property.Value, element) is not { } value)
            {
                return null;
            }

            seen |= bit;
            target.SetValue(element.Name, value);
        }

        // An object with no element is an issue for Firely.
        return seen == UInt128.Zero ? null : target;
    }

    private static object? ReadValue(JsonElement json, Element element)
    {
        if (!element.IsCollection)
        {
            return json.ValueKind == JsonValueKind.Array ? null : ReadSingle(json, element.ValueMapping);
        }

        if (json.ValueKind != JsonValueKind.Array || json.GetArrayLength() == 0)
        {
            return null;
        }

        var list = element.ListMapping.CreateList();
        foreach (var item in json.EnumerateArray())
        {
            if (ReadSingle(item, element.ValueMapping) is not { } value)
            {
                return null;
            }

            list.Add(value);
        }

        return list;
    }

    private static Base? ReadSingle(JsonElement json, ClassMapping mapping) => json.ValueKind switch
    {
        JsonValueKind.Object when mapping.IsResource => ConcreteResourceMapping(json) is { } concrete ? ReadObject(json, concrete, except: null) : null,
        JsonValueKind.Object when !mapping.IsFhirPrimitive => ReadObject(json, mapping, except: null),
        JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False when mapping.IsFhirPrimitive
            => Primitive(json, mapping),
        // null, a list in a list, an object for a primitive or a primitive for an object: each an issue for Firely.
        _ => null,
    };

    private static PrimitiveType Primitive(JsonElement json, ClassMapping mapping)
    {
        var primitive = (PrimitiveType)mapping.CreateInstance();
        primitive.JsonValue = PrimitiveValue(json, mapping.PrimitiveValueProperty?.ImplementingType);
        return primitive;
    }

    // What Firely's deserializer stores for a JSON primitive (its readPrimitiveValue and tryGetMatchingNumber): the
    // model's getters convert it, and the read-back walk refuses what they cannot.
    private static object PrimitiveValue(JsonElement json, Type? valueType) => json.ValueKind switch
    {
        JsonValueKind.String => json.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ when valueType == typeof(decimal) && json.TryGetDecimal(out var number) => number,
        _ when json.TryGetInt32(out var integer) => integer,
        _ when json.TryGetDecimal(out var number) => number,
        _ => json.GetRawText(),
    };

    // The class a resource's JSON names, as Firely finds it; null for an unknown, abstract or wrongly cased type, which
    // Firely reads as a DynamicResource or reports.
    private static ClassMapping? ConcreteResourceMapping(JsonElement json)
        => json.TryGetProperty("resourceType"u8, out var type) && type.ValueKind == JsonValueKind.String
            && type.GetString() is { } name
            && Inspector.FindClassMapping(name) is { IsResource: true, NativeType.IsAbstract: false } mapping
            && string.Equals(mapping.Name, name, StringComparison.Ordinal)
                ? mapping
                : null;

    /// <summary>An element as it can appear in JSON: its model name, its bit among its class's elements, its value's class.</summary>
    private sealed record Element(string Name, int Ordinal, bool IsCollection, ClassMapping ValueMapping, ClassMapping ListMapping);

    /// <summary>
    /// A class's elements by the names Firely binds without an issue. Built from Firely's own lookups, so a name is here
    /// only when Firely resolves it to the same element and value class.
    /// </summary>
    private sealed class ElementTable
    {
        private readonly Dictionary<string, Element>.AlternateLookup<ReadOnlySpan<char>> _byName;

        public ElementTable(ClassMapping mapping)
        {
            var byName = new Dictionary<string, Element>(StringComparer.Ordinal);
            var ordinal = 0;
            foreach (var property in mapping.PropertyMappings)
            {
                // Beyond the bits of the repeat check, and a primitive's own value, which JSON never names.
                if (ordinal >= 128 || property.RepresentsValueElement)
                {
                    continue;
                }

                var list = Inspector.FindOrImportClassMapping(property.ImplementingType)!;
                if (property.Choice == ChoiceType.DatatypeChoice)
                {
                    foreach (var type in property.FhirTypeMappings)
                    {
                        var suffix = char.ToUpperInvariant(type.Name[0]) + type.Name[1..];
                        var name = property.Name + suffix;
                        if (mapping.FindMappedElementByName(name) is null && mapping.FindMappedElementByChoiceName(name) == property
                            && Inspector.FindClassMapping(suffix) == type)
                        {
                            byName.TryAdd(name, new Element(property.Name, ordinal, property.IsCollection, type, list));
                        }
                    }
                }
                else if (ValueMapping(property) is { } value && mapping.FindMappedElementByName(property.Name) == property)
                {
                    byName.TryAdd(property.Name, new Element(property.Name, ordinal, property.IsCollection, value, list));
                }

                ordinal++;
            }

            _byName = byName.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public bool TryFind(ReadOnlySpan<char> name, out Element element) => _byName.TryGetValue(name, out element!);

        // The class Firely instantiates for a non-choice element (its getMappingForElement and GetInstantiableType).
        private static ClassMapping? ValueMapping(PropertyMapping property)
        {
            if (property.PropertyTypeMapping is { IsCustomMapping: true } custom)
            {
                return custom;
            }

            var type = !property.ImplementingType.IsAbstract ? property.ImplementingType
                : property.FhirTypeMappings.Count == 1 ? property.FhirTypeMappings[0].NativeType
                : property.ImplementingType;
            return Inspector.FindOrImportClassMapping(type);
        }
    }
}
