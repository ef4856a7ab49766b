using CdsHooksIcans.Service.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CdsHooksIcans.Service.Authentication;

/// <summary>Refuses a <c>ConnectionStrings:Redis</c> that StackExchange.Redis cannot parse, at start-up rather than on the first token.</summary>
internal sealed class RedisConnectionValidator(IConfiguration configuration) : IValidateOptions<CdsAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, CdsAuthenticationOptions options)
    {
        var problems = new SettingProblems("ConnectionStrings");
        if (configuration.GetConnectionString(RedisJtiReplayCache.ConnectionStringName) is { Length: > 0 } redis)
        {
            try
            {
                _ = ConfigurationOptions.Parse(redis);
            }
            catch (ArgumentException exception)
            {
                problems.Add($"{RedisJtiReplayCache.ConnectionStringName} is not a StackExchange.Redis configuration string: {exception.Message}");
            }
        }

        return problems.Result;
    }
}
