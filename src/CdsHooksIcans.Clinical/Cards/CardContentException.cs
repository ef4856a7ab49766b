namespace CdsHooksIcans.Clinical.Cards;

/// <summary>Card content that cannot be used: the message names the file, the card and the field.</summary>
public sealed class CardContentException(string file, string card, string field, string problem)
    : Exception($"cards/{file}: card '{card}', field '{field}': {problem}")
{
    public string File { get; } = file;
    public string Card { get; } = card;
    public string Field { get; } = field;
}
