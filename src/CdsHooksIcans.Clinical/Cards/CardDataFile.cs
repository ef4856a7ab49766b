using System.Text.Json;
using System.Text.Json.Nodes;

namespace CdsHooksIcans.Clinical.Cards;

/// <summary>A JSON data file of the cards folder (<c>cards/data/</c>), read for a loader that then validates its fields.</summary>
internal static class CardDataFile
{
    /// <summary>The file's root object; a missing file or invalid JSON fails start-up naming the file.</summary>
    /// <param name="cardsDirectory">The cards folder.</param>
    /// <param name="relativePath">The file, relative to the cards folder (for example <c>data/dose-ceilings.json</c>).</param>
    public static JsonObject Read(string cardsDirectory, string relativePath)
    {
        var path = Path.Combine(cardsDirectory, relativePath);
        if (!File.Exists(path))
        {
            throw new CardContentException(relativePath, "-", "-", "the file does not exist");
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })?.AsObject()
                ?? throw new JsonException("empty");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new CardContentException(relativePath, "-", "-", $"not valid JSON ({e.Message})");
        }
    }
}
