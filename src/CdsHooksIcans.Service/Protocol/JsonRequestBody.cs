using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;
using Microsoft.Net.Http.Headers;

namespace CdsHooksIcans.Service.Protocol;

/// <summary>
/// Reads a request body as JSON without trusting it: JSON media type, a size limit enforced while reading,
/// valid UTF-8, bounded nesting, no duplicate property names.
/// </summary>
public static class JsonRequestBody
{
    public const int MaxDepth = 64;

    private static readonly string[] JsonMediaTypes = ["application/json", "application/fhir+json"];

    public static async Task<JsonDocument> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (!IsJsonContentType(request.ContentType))
        {
            throw new CdsRequestException(StatusCodes.Status415UnsupportedMediaType,
                [new ProtocolIssue(OperationOutcome.IssueType.NotSupported, "The body must be JSON: Content-Type application/json or application/fhir+json, UTF-8.")]);
        }

        var body = await ReadBoundedAsync(request, maxBytes, cancellationToken);
        if (!Utf8.IsValid(body.Span))
        {
            throw CdsRequestException.BadRequest(OperationOutcome.IssueType.Invalid, "The body is not valid UTF-8.");
        }

        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException) when (NestsDeeperThanMaxDepth(body.Span))
        {
            throw CdsRequestException.BadRequest(OperationOutcome.IssueType.TooCostly, $"The body nests JSON deeper than {MaxDepth} levels.");
        }
        catch (JsonException)
        {
            throw CdsRequestException.BadRequest(OperationOutcome.IssueType.Structure, "The body is not well-formed JSON (or repeats a property name).");
        }
    }

    internal static bool IsJsonContentType(string? contentType)
        => MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
           && JsonMediaTypes.Contains(mediaType.MediaType.Value, StringComparer.OrdinalIgnoreCase)
           && (!mediaType.Charset.HasValue || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static async Task<ReadOnlyMemory<byte>> ReadBoundedAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        // Content-Length lets us refuse early; the loop below enforces the limit for chunked or lying clients.
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        var body = new ArrayBufferWriter<byte>();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (body.WrittenCount + read > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }

                body.Write(chunk.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return body.WrittenMemory;
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
