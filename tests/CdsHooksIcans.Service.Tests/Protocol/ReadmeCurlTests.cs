using System.Text;
using CdsHooksIcans.Service.Tests.Infrastructure;

namespace CdsHooksIcans.Service.Tests.Protocol;

/// <summary>
/// Replays every <c>curl</c> line of README.md that targets http://localhost:5080, so the README cannot go stale. A line
/// succeeds with a 2xx, or with the status its trailing comment names (<c># 404: …</c>).
/// </summary>
public sealed class ReadmeCurlTests
{
    private const string BaseUrl = "http://localhost:5080";

    [Fact]
    public async Task Readme_CurlLines_AllSucceed()
    {
        var commands = File.ReadAllLines(RepositoryRoot.File("README.md"))
            .Where(line => line.StartsWith("curl", StringComparison.Ordinal) && line.Contains(BaseUrl, StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(commands);

        using var factory = new CdsServiceFactory();
        var client = factory.CreateClient();
        var failures = new List<string>();
        foreach (var command in commands)
        {
            using var request = ToRequest(command);
            var response = await client.SendAsync(request);
            var expected = ExpectedStatus(command);
            if (expected is null ? !response.IsSuccessStatusCode : (int)response.StatusCode != expected)
            {
                failures.Add($"{command}\n  -> {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(failures.Count == 0, "README curl lines that fail:\n" + string.Join('\n', failures));
    }

    [Fact]
    public void ToRequest_ParsesMethodHeadersAndBodyFile()
    {
        using var request = ToRequest($"curl -s -X POST {BaseUrl}/cds-services/x -H 'Content-Type: application/json' -d @docs/requests/feedback-accepted.json");

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/cds-services/x", request.RequestUri!.OriginalString);
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
    }

    private static int? ExpectedStatus(string command)
        => System.Text.RegularExpressions.Regex.Match(command, @"#\s*(\d{3})\b") is { Success: true } match
            ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>The subset of curl the README uses: -X, -H, -d/--data (@file relative to the repo root or inline), quiet flags.</summary>
    internal static HttpRequestMessage ToRequest(string command)
    {
        var arguments = ShellWords(command).Skip(1).TakeWhile(word => word != "|" && !word.StartsWith('#')).ToList();
        string? method = null, url = null;
        byte[]? body = null;
        var headers = new List<(string Name, string Value)>();
        for (var i = 0; i < arguments.Count; i++)
        {
            switch (arguments[i])
            {
                case "-s" or "-S" or "-sS" or "-f" or "-i" or "-v" or "--silent" or "--show-error" or "--fail":
                    break;
                case "-X" or "--request":
                    method = arguments[++i];
                    break;
                case "-H" or "--header":
                    var header = arguments[++i];
                    var colon = header.IndexOf(':', StringComparison.Ordinal);
                    headers.Add((header[..colon].Trim(), header[(colon + 1)..].Trim()));
                    break;
                case "-d" or "--data" or "--data-binary" or "--data-raw":
                    var data = arguments[++i];
                    body = data.StartsWith('@') ? File.ReadAllBytes(RepositoryRoot.File(data[1..])) : Encoding.UTF8.GetBytes(data);
                    break;
                case var word when word.StartsWith(BaseUrl, StringComparison.Ordinal):
                    url = word[BaseUrl.Length..];
                    break;
                case var word:
                    throw new InvalidOperationException($"README curl option '{word}' is not understood by this test: {command}");
            }
        }

        var request = new HttpRequestMessage(new HttpMethod(method ?? (body is null ? "GET" : "POST")), url ?? throw new InvalidOperationException("No URL in: " + command));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
        }

        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    private static List<string> ShellWords(string line)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
