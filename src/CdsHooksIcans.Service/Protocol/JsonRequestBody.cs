using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;
using Microsoft.Net.Http.Headers;

namespace CdsHooksIcans.Service.Protocol;

/// <summary>
/// Reads a request body as JSON without trusting it: JSON media type, a size limit enforced while reading,
/// valid UTF-8, bounded nesting. Repeated property names are refused by the readers of each body where they matter
/// (<see cref="RejectRepeatedNames"/>; docs/adr/0009-repeated-names-refused-in-the-envelope.md).
/// </summary>
public static class JsonRequestBody
{
    public const int MaxDepth = 64;

    private static readonly string[] JsonMediaTypes = ["application/json", "application/fhir+json"];

    /// <returns>The parsed body; dispose it when the call is done with every element read from it.</returns>
    public static async Task<JsonBody> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (!IsJsonContentType(request.ContentType))
        {
            throw new CdsRequestException(StatusCodes.Status415UnsupportedMediaType,
                [new ProtocolIssue(OperationOutcome.IssueType.NotSupported, "The body must be JSON: Content-Type application/json or application/fhir+json, UTF-8.")]);
        }

        var (buffer, length) = await ReadBoundedAsync(request, maxBytes, cancellationToken);
        try
        {
            var body = buffer.AsMemory(0, length);
            if (!Utf8.IsValid(body.Span))
            {
                throw CdsRequestException.BadRequest(OperationOutcome.IssueType.Invalid, "The body is not valid UTF-8.");
            }

            return new JsonBody(Parse(body), buffer);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException) when (NestsDeeperThanMaxDepth(body.Span))
        {
            throw CdsRequestException.BadRequest(OperationOutcome.IssueType.TooCostly, $"The body nests JSON deeper than {MaxDepth} levels.");
        }
        catch (JsonException)
        {
            throw CdsRequestException.BadRequest(OperationOutcome.IssueType.Structure, "The body is not well-formed JSON.");
        }
    }

    /// <summary>
    /// Refuses (400) an object that repeats a property name, or with <paramref name="nested"/> any object inside it:
    /// parsers disagree on which copy wins, so a gateway could read one value and this service another.
    /// </summary>
    public static void RejectRepeatedNames(JsonElement element, bool nested = false)
    {
        if (element.ValueKind == JsonValueKind.Array && nested)
        {
            foreach (var item in element.EnumerateArray())
            {
                RejectRepeatedNames(item, nested);
            }
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                throw CdsRequestException.BadRequest(OperationOutcome.IssueType.Structure, $"The body repeats the property name '{Bounded(property.Name)}'.");
            }

            if (nested)
            {
                RejectRepeatedNames(property.Value, nested);
            }
        }
    }

    // The name is the client's text: bounded, so an error message cannot carry a whole payload.
    private static string Bounded(string name) => name.Length <= 64 ? name : name[..64] + "…";

    internal static bool IsJsonContentType(string? contentType)
        => MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
           && JsonMediaTypes.Contains(mediaType.MediaType.Value, StringComparer.OrdinalIgnoreCase)
           && (!mediaType.Charset.HasValue || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>The body in a pooled buffer (the caller returns it), sized from Content-Length when the client sends one.</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBoundedAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        // Content-Length lets us refuse early; the loop below enforces the limit for chunked or lying clients.
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        // One byte more than announced, so a body of the announced length ends without growing the buffer.
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min((request.ContentLength ?? 16 * 1024) + 1, maxBytes + 1));
        var length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }

                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return (buffer, length);
    }

    private static CdsRequestException TooLarge(long maxBytes)
        => new(StatusCodes.Status413PayloadTooLarge,
            [new ProtocolIssue(OperationOutcome.IssueType.TooCostly, $"The body is larger than {maxBytes} bytes.")]);

    // Only called once parsing failed, to tell "too deep" from "not JSON" without matching exception messages.
    private static bool NestsDeeperThanMaxDepth(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = json.Length + 1 });
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth >= MaxDepth)
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed before it got too deep.
        }

        return false;
    }
}
