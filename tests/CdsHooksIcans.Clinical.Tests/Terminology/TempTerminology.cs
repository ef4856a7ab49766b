using System.Text.Json.Nodes;

namespace CdsHooksIcans.Clinical.Tests.Terminology;

/// <summary>A throw-away folder: a copy of the real terminology to break, or a deployment folder to add to it.</summary>
public sealed class TempTerminology : IDisposable
{
    private TempTerminology(string folder) => Folder = folder;

    public string Folder { get; }

    public static TempTerminology Empty() =>
        new(Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "icans-terminology-" + Guid.NewGuid().ToString("N"))).FullName);

    public static TempTerminology CopyOfReal()
    {
        var copy = Empty();
        foreach (var file in Directory.GetFiles(TerminologyFixture.TerminologyFolder, "*.json"))
        {
            File.Copy(file, Path.Combine(copy.Folder, Path.GetFileName(file)));
        }

        return copy;
    }

    /// <summary>Edits one artifact as JSON, the way a careless hand would.</summary>
    public void Edit(string fileName, Action<JsonObject> edit)
    {
        var path = Path.Combine(Folder, fileName);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
    }

    public void Write(string fileName, string json) => File.WriteAllText(Path.Combine(Folder, fileName), json);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
