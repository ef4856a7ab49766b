namespace CdsHooksIcans.Clinical.Cards;

/// <summary>How a placeholder's value enters a template.</summary>
public enum PlaceholderKind
{
    /// <summary>Text from data: escaped before it enters markdown.</summary>
    Text,
    /// <summary>Markdown the service builds itself from escaped parts.</summary>
    Markdown,
    /// <summary>A number; inside a resource template a string that is only the placeholder becomes a JSON number.</summary>
    Number,
    /// <summary>A JSON value (object or array) for resource templates, e.g. a list of references.</summary>
    Json,
}
