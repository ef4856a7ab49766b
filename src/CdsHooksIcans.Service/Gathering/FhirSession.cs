using System.Net.Http.Headers;
using CdsHooksIcans.Clinical.Reading;
using CdsHooksIcans.Service.Protocol;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace CdsHooksIcans.Service.Gathering;

/// <summary>
/// Reads from the CDS client's FHIR server for one hook call, with that call's token. Only URLs under the server's base
/// are ever requested, so the token cannot reach another host (redirects are off in the HTTP handler too).
/// </summary>
internal sealed class FhirSession : IDisposable
{
    /// <summary>The IHttpClientFactory client that carries the resilience pipeline.</summary>
    public const string HttpClientName = "CdsHooksIcans.Fhir";

    private readonly HttpClient _http;
    private readonly Uri _baseUrl;

    public FhirSession(HttpClient http, Uri fhirServer, FhirAuthorization? authorization)
    {
        _http = http;
        _baseUrl = fhirServer.AbsoluteUri.EndsWith('/') ? fhirServer : new Uri(fhirServer.AbsoluteUri + "/");
        if (authorization is not null)
        {
            // Only the token the client gave for this server; without one the request stays anonymous (sandbox open mode).
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", authorization.AccessToken);
        }
    }

    /// <summary>An absolute URL for a relative one, or null when the URL leaves the FHIR server's base.</summary>
    public Uri? Resolve(string url)
    {
        if (!Uri.TryCreate(_baseUrl, url, out var absolute))
        {
            return null;
        }

        return absolute.Scheme == _baseUrl.Scheme
            && absolute.Authority.Equals(_baseUrl.Authority, StringComparison.OrdinalIgnoreCase)
            && absolute.AbsolutePath.StartsWith(_baseUrl.AbsolutePath, StringComparison.Ordinal)
                ? absolute
                : null;
    }

    /// <summary>GETs one URL from <see cref="Resolve"/>; throws as the FhirClient does on a non-2xx answer, null when the answer is no R4 resource.</summary>
    public async Task<Resource?> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        // A FhirClient per request: it keeps the last request and response as state, and keys are read in parallel.
        using var client = new FhirClient(_baseUrl, _http, new FhirClientSettings
        {
            PreferredFormat = ResourceFormat.Json,
            VerifyFhirVersion = false,
            SerializationEngine = FhirJson.Engine,
        });
        return FhirJson.Readable(await client.GetAsync(url, cancellationToken));
    }

    public void Dispose() => _http.Dispose();
}
