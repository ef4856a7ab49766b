using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace CdsHooksIcans.Service.Tests.Authentication;

/// <summary>
/// Every row of jwt-matrix-cases.json against the service with authentication Required: the token the row builds, the
/// status it gets, and for a refusal the debug line that says why (with iss and jti, never the token).
/// </summary>
public sealed class JwtMatrixTests
{
    private const string Discovery = "/cds-services";
    private const string Hook = "/cds-services/test-patient-view";
    private const string Feedback = Hook + "/feedback";

    private static readonly JsonObject Table = JsonNode.Parse(File.ReadAllText(
        RepositoryRoot.File(Path.Combine("tests", "CdsHooksIcans.Service.Tests", "Authentication", "jwt-matrix-cases.json"))))!.AsObject();

    private static readonly string[] FormReasons = ["not a signed compact JWT", "header or payload is not a base64url JSON object"];

    private static IEnumerable<JsonObject> Rows => Table["rows"]!.AsArray().Select(r => r!.AsObject());

    public static TheoryData<string> Keys() => [.. Rows.Select(r => (string)r["key"]!)];

    [Fact]
    public void Table_HasDistinctKeys_AndEveryRefusalSaysWhy()
    {
        var keys = Rows.Select(r => (string)r["key"]!).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(Rows.Where(r => (int)r["status"]! != 200), r => Assert.False(string.IsNullOrEmpty((string?)r["reason"]), (string)r["key"]!));
        Assert.Contains(Rows, r => (int)r["status"]! == 200);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Row_GetsItsStatus_AndARefusalLogsItsReason(string key)
    {
        var row = Rows.Single(r => (string)r["key"]! == key);
        using var service = new AuthenticatedService(configure: factory =>
        {
            factory.WithSetting("Logging:LogLevel:Default", "Debug");
            var tenants = row["tenants"]?.AsArray().Select(t => (string)t!).ToList() ?? [];
            for (var i = 0; i < tenants.Count; i++)
            {
                factory.WithSetting($"CdsHooks:Authentication:Clients:1:Tenants:{i}", tenants[i]);
            }
        });
        var (method, path, body) = Call(row);
        var claims = Claims(row, service, path);
        var token = Token(row, service, claims);

        if (row["sendTwice"] is not null)
        {
            Assert.Equal(HttpStatusCode.OK, (await service.SendAsync(method, path, token, body)).StatusCode);
        }

        var response = await service.SendAsync(method, path, token, body);

        var expected = (HttpStatusCode)(int)row["status"]!;
        Assert.True(expected == response.StatusCode, $"{key}: expected {(int)expected}, got {(int)response.StatusCode}");
        if (expected == HttpStatusCode.Unauthorized)
        {
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
            Assert.Empty(await response.Content.ReadAsStringAsync());
            AssertRefusalLogged(service, row, claims);
        }

        if (path == Hook)
        {
            Assert.Equal(expected == HttpStatusCode.OK, service.Factory.PatientView.LastRequest is not null);
        }

        foreach (var (fetched, count) in row["fetches"]?.AsObject() ?? [])
        {
            Assert.True((int)count! == service.RequestsTo(fetched), $"{key}: {service.RequestsTo(fetched)} requests to {fetched}, expected {count}");
        }

        if (token is not null && row["raw"] is null)
        {
            var logs = service.Factory.Logs.AllText();
            Assert.All(token.Split('.')[1..].Where(part => part.Length > 0), part => Assert.DoesNotContain(part, logs, StringComparison.Ordinal));
        }
    }

    private static void AssertRefusalLogged(AuthenticatedService service, JsonObject row, JsonObject? claims)
    {
        var key = (string)row["key"]!;
        var entry = Assert.Single(service.Factory.Logs.Entries, e => e.EventId.Id == 3000);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.True(entry.Message.Contains((string)row["reason"]!, StringComparison.Ordinal), $"{key}: logged '{entry.Message}', expected '{row["reason"]}'");
        // A token refused for its form is not read, so its iss and jti are not known.
        if (claims is not null && !FormReasons.Any(reason => entry.Message.Contains(reason, StringComparison.Ordinal)))
        {
            foreach (var claim in new[] { "iss", "jti" })
            {
                if (claims[claim] is JsonValue value && value.TryGetValue<string>(out var text))
                {
                    Assert.True(entry.Message.Contains(text, StringComparison.Ordinal), $"{key}: the refusal does not name {claim}: '{entry.Message}'");
                }
            }
        }
    }

    private static (HttpMethod Method, string Path, JsonNode? Body) Call(JsonObject row) => (string?)row["call"] switch
    {
        null or "discovery" => (HttpMethod.Get, Discovery, null),
        "hook" => (HttpMethod.Post, Hook, HookBody()),
        "feedback" => (HttpMethod.Post, Feedback, FeedbackBody()),
        var other => throw new ArgumentException("Unknown call " + other),
    };

    private static JsonObject HookBody()
    {
        var body = CdsHttp.PatientViewRequest();
        body.Remove("fhirServer");
        return body;
    }

    private static JsonObject FeedbackBody() => new()
    {
        ["feedback"] = new JsonArray(new JsonObject
        {
            ["card"] = "9368d37b-283f-44a0-93ea-547cebab93ef",
            ["outcome"] = "accepted",
            ["outcomeTimestamp"] = "2025-03-01T12:00:00Z",
            ["acceptedSuggestions"] = new JsonArray(new JsonObject { ["id"] = "e56e1945-20b3-4393-8503-a1a20fd73152" }),
        }),
    };

    private static JsonObject? Claims(JsonObject row, AuthenticatedService service, string path)
    {
        if (row["noToken"] is not null || row["raw"] is not null)
        {
            return null;
        }

        var claims = service.Claims(path);
        Change(claims, row["claims"]?.AsObject(), service);
        return claims;
    }

    private static string? Token(JsonObject row, AuthenticatedService service, JsonObject? claims)
    {
        if (row["raw"] is { } raw)
        {
            return (string)raw!;
        }

        if (claims is null)
        {
            return null;
        }

        var keys = service.Keys;
        var alg = (string?)row["alg"] ?? "ES384";
        var header = keys.Header(alg);
        Change(header, row["header"]?.AsObject(), service);
        // HMAC keyed with the public key material the client publishes: the classic key-confusion attack.
        var token = keys.Mint(header, claims, alg == "HS256" ? Encoding.UTF8.GetBytes(keys.EcPoint.X) : null);
        var parts = token.Split('.');
        switch ((string?)row["tamper"])
        {
            case "payload":
                var forged = claims.DeepClone().AsObject();
                forged["sub"] = "someone-else";
                return $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(forged.ToJsonString()))}.{parts[2]}";
            case "signature":
                var signature = Base64UrlEncoder.DecodeBytes(parts[2]);
                signature[10] ^= 0x01;
                return $"{parts[0]}.{parts[1]}.{Base64UrlEncoder.Encode(signature)}";
            default:
                return token;
        }
    }

    // Sets each field of the change (null removes it), with placeholders and times relative to the service's now.
    private static void Change(JsonObject target, JsonObject? change, AuthenticatedService service)
    {
        foreach (var (name, value) in change ?? [])
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else
            {
                target[name] = Resolve(value, service);
            }
        }
    }

    private static JsonNode Resolve(JsonNode value, AuthenticatedService service) => value switch
    {
        JsonObject time when time["now"] is { } offset => Time(service.Now, (string)offset!, (string?)time["as"] == "string"),
        JsonArray items => new JsonArray([.. items.Select(item => item is null ? null : Resolve(item, service))]),
        JsonValue text when text.TryGetValue<string>(out var s) => JsonValue.Create(s
            .Replace("{base}", AuthenticatedService.PublicBaseUrl, StringComparison.Ordinal)
            .Replace("{jwksUrl}", service.JwksUrl, StringComparison.Ordinal)
            .Replace("{upstream}", service.Upstream.Url, StringComparison.Ordinal)
            .Replace("{rsaKid}", service.Keys.RsaKid, StringComparison.Ordinal)
            .Replace("{ecKid}", service.Keys.EcKid, StringComparison.Ordinal)),
        _ => value.DeepClone(),
    };

    private static JsonValue Time(DateTimeOffset now, string offset, bool asText)
    {
        var seconds = now.AddSeconds(int.Parse(offset.TrimEnd('s'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)).ToUnixTimeSeconds();
        return asText ? JsonValue.Create(seconds.ToString(CultureInfo.InvariantCulture)) : JsonValue.Create(seconds);
    }
}
