using CdsHooksIcans.Service.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CdsHooksIcans.Service.Tests.Authentication;

public sealed class ClientAuthenticationRegistrationTests
{
    private static bool LoadsKeyRingAtStart(IServiceCollection services) => services.Any(d =>
        d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly == typeof(DataProtectionOptions).Assembly);

    [Fact]
    public void AddCdsClientAuthentication_LeavesOutTheDataProtectionKeyRingLoader()
    {
        // What is left out: AddAuthentication on its own registers it.
        Assert.True(LoadsKeyRingAtStart(new ServiceCollection().AddAuthentication().Services));

        Assert.False(LoadsKeyRingAtStart(new ServiceCollection().AddCdsClientAuthentication()));
    }
}
