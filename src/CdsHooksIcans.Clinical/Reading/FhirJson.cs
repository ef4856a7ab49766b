using System.Buffers;
using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace CdsHooksIcans.Clinical.Reading;

/// <summary>
/// Lenient FHIR R4 JSON reading, shared by prefetch and the FhirClient. Recoverable mode keeps data that real clients send
/// slightly wrong (the public sandbox sends <c>MedicationRequest.category</c> as an object and Bundles without <c>type</c>);
/// <see cref="Readable"/> then makes such data readable through the model's properties, or refuses it.
/// </summary>
public static class FhirJson
{
    // No attribute validator: Recoverable mode ignores what it reports, and it is most of the parse's cost
    // (docs/adr/0007). Readable() decides instead whether the data can be used.
    private static readonly JsonSerializerOptions Options = new JsonSerializerOptions()
        .ForFhir(ModelInfo.ModelInspector, new FhirJsonConverterOptions { Validator = null })
        .UsingMode(DeserializationMode.Recoverable);

    // Per class, the names of its elements: ClassMapping.PropertyMappings is an ICollection, whose enumerator would be
    // allocated for every node.
    private static readonly ConcurrentDictionary<ClassMapping, string[]> ElementNames = new();

    /// <summary>The engine the FhirClient parses responses with, so both paths accept the same input.</summary>
    public static IFhirSerializationEngine Engine { get; } = FhirSerializationEngineFactory.Recoverable(ModelInfo.ModelInspector);

    /// <summary>The resource in a prefetch value, or null when it is not a FHIR resource this SDK can read.</summary>
    /// <param name="element">The prefetch value.</param>
    /// <param name="keepEntry">
    /// When given, a Bundle's entries whose <c>resource</c> it refuses are left out before parsing, so they cost no model
    /// objects and cannot make the Bundle unreadable.
    /// </param>
    public static Resource? TryParse(JsonElement element, Func<JsonElement, bool>? keepEntry = null)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return keepEntry is not null && IsBundleWithEntries(element, out var entries)
                ? ParseKeptEntries(element, entries, keepEntry)
                : Readable(Parse<Resource>(element));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Prefetch is hostile input: whatever the SDK rejects is an error for this key, never for the hook.
            return null;
        }
    }

    // Clean JSON straight into the model, anything Firely would report or repair by Firely (docs/adr/0013).
    private static T? Parse<T>(JsonElement json)
        where T : Base
        => DirectFhirReader.TryRead<T>(json) ?? JsonSerializer.Deserialize<T>(JsonMarshal.GetRawUtf8Value(json), Options);

    private static bool IsBundleWithEntries(JsonElement element, out JsonElement entries)
    {
        entries = default;
        return element.TryGetProperty("resourceType", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("Bundle")
            && element.TryGetProperty("entry", out entries) && entries.ValueKind == JsonValueKind.Array;
    }

    /// <summary>
    /// The Bundle as sent, less the entries <paramref name="keepEntry"/> refuses. The Bundle's own elements are parsed from a
    /// copy without <c>entry</c>, each kept entry straight from the request's bytes: copying the kept entries into a new
    /// Bundle first would write and read their bytes once more. An entry that is not a JSON object makes the Bundle
    /// unreadable, as the read-back would (a null in a list).
    /// </summary>
    private static Resource? ParseKeptEntries(JsonElement bundle, JsonElement entries, Func<JsonElement, bool> keepEntry)
    {
        var kept = new List<Bundle.EntryComponent>();
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (!entry.TryGetProperty("resource", out var resource) || keepEntry(resource))
            {
                kept.Add(Parse<Bundle.EntryComponent>(entry)!);
            }
        }

        if (ParseWithoutEntries(bundle) is not Bundle parsed)
        {
            return null;
        }

        // FHIR JSON has no empty arrays: no entry kept, no entry.
        if (kept.Count > 0)
        {
            parsed.Entry = kept;
        }

        return Readable(parsed);
    }

    private static Resource? ParseWithoutEntries(JsonElement bundle)
    {
        if (DirectFhirReader.TryRead<Resource>(bundle, except: "entry") is { } direct)
        {
            return direct;
        }

        // Small: type, total, links, meta.
        var json = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            foreach (var property in bundle.EnumerateObject().Where(property => !property.NameEquals("entry")))
            {
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        var reader = new Utf8JsonReader(json.WrittenSpan, new JsonReaderOptions { MaxDepth = Options.MaxDepth });
        return JsonSerializer.Deserialize<Resource>(ref reader, Options);
    }

    /// <summary>
    /// The resource with its shapes repaired, or null when it is not an R4 resource or does not read back: without or
    /// with an unknown <c>resourceType</c> (a DSTU2 <c>MedicationOrder</c>, a login page's JSON) the SDK gives a
    /// DynamicResource.
    /// </summary>
    public static Resource? Readable(Resource? resource)
        => resource is null or DynamicResource ? null
            : RepairAndReadBack(resource) ? resource
            : null;

    /// <summary>
    /// One walk over the elements that are present. It wraps a single value where the model expects a list (SDK 6 keeps
    /// such a value as it came and the getter, <c>MedicationRequest.Category</c>, then throws; a list of one is what the
    /// client meant), and reads every other element back through the model's typed getter: Recoverable parsing keeps a
    /// value of the wrong JSON type (<c>"reference": 42</c>) without reporting it, and the getter would throw later,
    /// inside extraction. False when anything does not read back, or a list holds a null (not FHIR JSON).
    /// </summary>
    private static bool RepairAndReadBack(Base node)
    {
        if (ModelInfo.ModelInspector.FindOrImportClassMapping(node.GetType()) is not { } mapping
            || (mapping.PrimitiveValueProperty is { } primitive && !TryRead(primitive, node, out _)))
        {
            return false;
        }

        // Most nodes are primitives holding nothing but the value just read: nothing more to read. Not
        // PrimitiveType.HasElements, which creates an empty extension list on every primitive it asks.
        if (node is PrimitiveType { HasOverflow: false } && !node.TryGetValue("id", out _) && !node.TryGetValue("extension", out _))
        {
            return true;
        }

        return node.HasOverflow ? RepairAndReadBackElements(node, mapping) : ReadBackChildren(node, mapping);
    }

    /// <summary>
    /// A node without overflow: SDK 6 getters throw only for a value kept in overflow (a placeholder in the backing
    /// field), and a primitive's value is read where the primitive is walked, so only the children need reading back.
    /// <c>TryGetValue</c> reaches them without the iterator per ancestor class that <c>EnumerateElements</c> costs and
    /// without creating the empty lists the getters create (docs/adr/0011).
    /// </summary>
    private static bool ReadBackChildren(Base node, ClassMapping mapping)
    {
        foreach (var name in ElementNames.GetOrAdd(mapping, static m => [.. m.PropertyMappings.Select(p => p.Name)]))
        {
            if (!node.TryGetValue(name, out var value))
            {
                continue;
            }

            var readable = value switch
            {
                Base child => RepairAndReadBack(child),
                IList items => AllRead(items),
                _ => true,
            };
            if (!readable)
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllRead(IList items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not Base item || !RepairAndReadBack(item))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A node with overflow: every element present is read through its getter, and a single value where the model expects
    /// a list is wrapped in one.
    /// </summary>
    private static bool RepairAndReadBackElements(Base node, ClassMapping mapping)
    {
        List<(string Name, PropertyMapping Property, Base Single)>? repairs = null;
        foreach (var (name, value) in node.EnumerateElements())
        {
            // Elements the model does not map are never read by the rules.
            if (mapping.FindMappedElementByName(name) is not { } property)
            {
                continue;
            }

            if (value is Base single && property.IsCollection && property.ImplementingType.IsInstanceOfType(single))
            {
                // Repaired after the walk: the elements must not change while they are enumerated.
                (repairs ??= []).Add((name, property, single));
                if (!RepairAndReadBack(single))
                {
                    return false;
                }

                continue;
            }

            var readable = TryRead(property, node, out var typed) && typed switch
            {
                Base child => RepairAndReadBack(child),
                IEnumerable<Base?> items => items.All(item => item is not null && RepairAndReadBack(item)),
                _ => true,
            };
            if (!readable)
            {
                return false;
            }
        }

        // Not `repairs ?? []`: that would allocate an empty list for every node walked.
        if (repairs is not null)
        {
            foreach (var (name, property, single) in repairs)
            {
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(property.ImplementingType))!;
                list.Add(single);
                node.SetValue(name, list);
            }
        }

        return true;
    }

    private static bool TryRead(PropertyMapping property, Base node, out object? value)
    {
        try
        {
            value = property.NativeProperty?.GetValue(node);
            return true;
        }
        catch (TargetInvocationException)
        {
            value = null;
            return false;
        }
    }

    /// <summary>Search results come as a searchset Bundle; the sandbox omits the type and some clients send a collection.</summary>
    public static bool IsSearchResult(Bundle bundle)
        => bundle.Type is null or Bundle.BundleType.Searchset or Bundle.BundleType.Collection;

    /// <summary>
    /// The resources of a result page (already repaired with the page), without the server's informational
    /// OperationOutcome entries and without resources of types R4 does not know.
    /// </summary>
    public static IEnumerable<Resource> Entries(Bundle bundle)
        => bundle.Entry
            .Where(entry => !(entry.Resource is OperationOutcome && entry.Search?.Mode == Bundle.SearchEntryMode.Outcome))
            .Select(entry => entry.Resource)
            .Where(resource => resource is not null and not DynamicResource)
            .OfType<Resource>();

    /// <summary>The URL of a result page's <c>next</c> link, when it has one.</summary>
    public static string? NextLink(Bundle bundle)
        => bundle.Link.FirstOrDefault(link => string.Equals(link.Relation, "next", StringComparison.OrdinalIgnoreCase))?.Url;
}
