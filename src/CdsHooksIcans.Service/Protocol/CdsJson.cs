using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CdsHooksIcans.Service.Protocol;

/// <summary>JSON settings of the wire format.</summary>
public static class CdsJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            MaxDepth = 64,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyOptionalCollections } },
        };
        options.MakeReadOnly();
        return options;
    }

    // The wire format forbids [] and {} except where the spec requires them (`cards`, `services`), which are
    // declared non-nullable; every nullable list or dictionary is optional and is dropped when empty.
    private static void OmitEmptyOptionalCollections(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (property.IsGetNullable && property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                property.ShouldSerialize = static (_, value) => value switch
                {
                    null => false,
                    ICollection collection => collection.Count > 0,
                    IEnumerable items => items.Cast<object?>().Any(),
                    _ => true,
                };
            }
        }
    }
}
