using CdsHooksIcans.Service.Authentication;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace CdsHooksIcans.Service.Tests.Authentication;

public sealed class AuthenticationOptionsTests
{
    private static CdsClientOptions Client() => new()
    {
        Issuer = "https://ehr.example.org",
        JwksUrl = new Uri("https://ehr.example.org/jwks.json"),
        Algorithms = ["ES384", "RS384"],
        FhirServers = [new Uri("https://ehr.example.org/fhir")],
    };

    private static IReadOnlyList<string> Errors(string environment, CdsAuthenticationOptions options)
    {
        var result = new CdsAuthenticationOptionsValidator(new Environment(environment)).Validate(null, options);
        return result.Failed ? [.. result.Failures] : [];
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Disabled_OutsideDevelopment_IsRefusedAtStart(string environment)
        => Assert.Contains(Errors(environment, new() { Mode = CdsAuthenticationMode.Disabled, Clients = [Client()] }),
            error => error.Contains("Disabled is allowed in Development only", StringComparison.Ordinal));

    [Fact]
    public void Disabled_InDevelopment_IsAllowed()
        => Assert.Empty(Errors("Development", new() { Mode = CdsAuthenticationMode.Disabled }));

    [Fact]
    public void Required_WithAConfiguredClient_IsValid()
        => Assert.Empty(Errors("Production", new() { Clients = [Client()] }));

    [Fact]
    public void Default_IsRequired() => Assert.Equal(CdsAuthenticationMode.Required, new CdsAuthenticationOptions().Mode);

    [Theory]
    [InlineData("HS256")]
    [InlineData("none")]
    [InlineData("es384")]
    public void Client_SymmetricNoneOrUnknownAlgorithm_IsRefused(string algorithm)
    {
        var client = Client();
        client.Algorithms = ["ES384", algorithm];

        Assert.NotEmpty(Errors("Production", new() { Clients = [client] }));
    }

    [Fact]
    public void Client_HttpKeySetOutsideDevelopment_IsRefused()
    {
        var client = Client();
        client.JwksUrl = new Uri("http://ehr.example.org/jwks.json");

        Assert.NotEmpty(Errors("Production", new() { Clients = [client] }));
    }

    [Fact]
    public void Client_WithoutKeySet_IsRefused()
    {
        var client = Client();
        client.JwksUrl = null;

        Assert.NotEmpty(Errors("Production", new() { Clients = [client] }));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Client_LoopbackFhirServersOutsideDevelopment_IsRefused(string environment)
    {
        var client = Client();
        client.AllowLoopbackFhirServers = true;

        Assert.Contains(Errors(environment, new() { Clients = [client] }),
            error => error.StartsWith("CdsHooks:Authentication:Clients:0:AllowLoopbackFhirServers is allowed in Development only", StringComparison.Ordinal));
    }

    [Fact]
    public void Client_LoopbackFhirServersInDevelopment_IsAllowed()
    {
        var client = Client();
        client.AllowLoopbackFhirServers = true;

        Assert.Empty(Errors("Development", new() { Clients = [client] }));
    }

    [Fact]
    public void Required_WithoutClients_IsRefused()
        => Assert.NotEmpty(Errors("Production", new()));

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "CdsHooksIcans.Service";

        public string ContentRootPath { get; set; } = "/";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
