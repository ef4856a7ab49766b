using System.Globalization;
using CdsHooksIcans.Service.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CdsHooksIcans.Service.Feedback;

/// <summary>Refuses a store that would fail on its first call: no SQLite file, or PostgreSQL without a usable connection string.</summary>
internal sealed class FeedbackOptionsValidator(IConfiguration configuration) : IValidateOptions<FeedbackOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedbackOptions options)
    {
        var problems = new SettingProblems(FeedbackOptions.Section);
        problems.Require(Enum.IsDefined(options.Provider), "Provider must be Sqlite or PostgreSql.");
        problems.Require(!string.IsNullOrWhiteSpace(options.DatabasePath), "DatabasePath must name a file.");
        problems.Require(options.IssuedCardRetention >= TimeSpan.FromHours(1) && options.IssuedCardRetention <= TimeSpan.FromDays(3660),
            "IssuedCardRetention must be between 1 hour and 3660 days.");
        problems.Require(options.MaxItemsPerRequest is >= 1 and <= 1000, "MaxItemsPerRequest must be between 1 and 1000.");
        for (var i = 0; i < options.OperatorKeySha256.Count; i++)
        {
            problems.Require(IsSha256Hex(options.OperatorKeySha256[i]),
                string.Create(CultureInfo.InvariantCulture, $"OperatorKeySha256:{i} must be 64 hex digits (the SHA-256 of a key, e.g. from sha256sum)."));
        }

        if (options.Provider == FeedbackProvider.PostgreSql)
        {
            var connectionString = configuration.GetConnectionString(FeedbackOptions.ConnectionStringName);
            problems.Require(!string.IsNullOrWhiteSpace(connectionString),
                "Provider is PostgreSql, so ConnectionStrings:Feedback must be an Npgsql connection string.");
            if (!string.IsNullOrWhiteSpace(connectionString) && ParseProblem(connectionString) is { } problem)
            {
                problems.Add($"Provider is PostgreSql, but ConnectionStrings:Feedback cannot be used: {problem}");
            }
        }

        return problems.Result;
    }

    private static bool IsSha256Hex(string? value) => value is { Length: 64 } && value.All(char.IsAsciiHexDigit);

    // The message names the keyword that is wrong, never the password.
    private static string? ParseProblem(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException exception)
        {
            return exception.Message;
        }
    }
}
