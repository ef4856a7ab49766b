using System.Net;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Gathering;
using CdsHooksIcans.Service.Security;
using CdsHooksIcans.Service.Tests.Authentication;
using CdsHooksIcans.Service.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CdsHooksIcans.Service.Tests.Security;

public sealed class SsrfTests : IDisposable
{
    private const string Path = "/cds-services/icans-patient-view";

    // Real time: the real patient-view handler reads the FHIR server under its deadline.
    private readonly AuthenticatedService _service = new(fakeTime: false);

    public void Dispose() => _service.Dispose();

    private int FhirRequests => _service.Upstream.LogEntries.Count(entry => entry.RequestMessage?.Path != "/jwks.json");

    // No prefetch, so the service must read everything from fhirServer.
    private Task<HttpResponseMessage> CallAsync(string fhirServer)
    {
        var body = CdsHttp.PatientViewRequest();
        body["fhirServer"] = fhirServer;
        body["fhirAuthorization"] = CdsHttp.FhirAuthorization();
        body.Remove("prefetch");
        return _service.SendAsync(HttpMethod.Post, Path, _service.ValidToken(Path), body);
    }

    [Theory]
    [InlineData("/other-fhir")]
    [InlineData("/fhir-evil")]
    [InlineData("/fhir/../admin")]
    public async Task HookCall_FhirServerOutsideClientBases_Is400WithZeroOutboundRequests(string path)
    {
        var response = await CallAsync(_service.Upstream.Url + path);

        await response.AssertRejectedAsync("security", "fhirServer");
        Assert.Equal(0, FhirRequests);
    }

    [Fact]
    public async Task HookCall_FhirServerOfAnotherHost_Is400()
    {
        var response = await CallAsync("https://attacker.example.org/fhir");

        await response.AssertRejectedAsync("security", "fhirServer");
    }

    [Fact]
    public async Task HookCall_AllowedFhirServer_IsReadWithTheToken()
    {
        // The control that makes the zero above meaningful: the same call to an allowed base does go out.
        var response = await CallAsync(_service.Upstream.Url + "/fhir");

        Assert.NotEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(FhirRequests > 0, "no FHIR request was made");
        Assert.All(_service.Upstream.LogEntries.Where(e => e.RequestMessage?.Path?.StartsWith("/fhir/", StringComparison.Ordinal) == true),
            entry => Assert.Equal("Bearer secret-access-token-4711", entry.RequestMessage!.Headers!["Authorization"].Single()));
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1")]
    [InlineData("http://[fe80::1]/fhir")]
    [InlineData("http://[fd00:ec2::254]/fhir")]
    public async Task HookCall_MetadataFhirServer_Is400EvenWithAuthenticationDisabled(string fhirServer)
    {
        using var factory = new CdsServiceFactory();
        using var client = factory.CreateClient();
        var body = CdsHttp.PatientViewRequest();
        body["fhirServer"] = fhirServer;
        body.Remove("prefetch");

        var response = await client.PostJsonAsync(Path, body);

        await response.AssertRejectedAsync("security", "fhirServer");
    }

    [Fact]
    public void FhirHttpClient_PrimaryHandler_HasAddressGuardAndNoRedirects()
    {
        var handler = _service.Factory.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(FhirSession.HttpClientName);
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        var sockets = Assert.IsType<SocketsHttpHandler>(handler);
        Assert.NotNull(sockets.ConnectCallback);
        Assert.False(sockets.AllowAutoRedirect);
    }

    [Theory]
    [InlineData("169.254.169.254", true)]
    [InlineData("169.254.0.1", true)]
    [InlineData("100.100.100.200", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00:ec2::254", true)]
    [InlineData("::ffff:169.254.169.254", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("::1", false)]
    [InlineData("93.184.216.34", false)]
    public void AddressGuard_ClassifiesAddresses(string address, bool blocked)
        => Assert.Equal(blocked, OutboundAddressGuard.IsBlocked(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[fe80::1]/")]
    [InlineData("http://metadata.google.internal/")]
    public async Task AddressGuard_ConnectToMetadata_FailsWithoutConnecting(string url)
    {
        using var http = new HttpClient(OutboundAddressGuard.Apply(new SocketsHttpHandler()));

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(url));

        Assert.Contains("refused", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddressGuard_Loopback_IsReachable()
    {
        using var http = new HttpClient(OutboundAddressGuard.Apply(new SocketsHttpHandler()));

        var response = await http.GetAsync(_service.JwksUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("https://ehr.example.org/fhir", "https://ehr.example.org/fhir", true)]
    [InlineData("https://EHR.example.org:443/fhir/", "https://ehr.example.org/fhir", true)]
    [InlineData("https://ehr.example.org/fhir/tenant-1", "https://ehr.example.org/fhir", true)]
    [InlineData("https://ehr.example.org/fhir-evil", "https://ehr.example.org/fhir", false)]
    [InlineData("https://ehr.example.org.attacker.org/fhir", "https://ehr.example.org/fhir", false)]
    [InlineData("http://ehr.example.org/fhir", "https://ehr.example.org/fhir", false)]
    [InlineData("https://ehr.example.org/FHIR", "https://ehr.example.org/fhir", false)]
    public void FhirServerPolicy_MatchesWholeBases(string url, string allowedBase, bool expected)
        => Assert.Equal(expected, FhirServerPolicy.IsUnder(new Uri(url), new Uri(allowedBase)));
}
