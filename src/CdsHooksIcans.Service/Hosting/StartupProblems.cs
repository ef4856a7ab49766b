using System.Globalization;
using System.Text.RegularExpressions;
using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Clinical.Terminology;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Hosting;

/// <summary>What an exception at start-up means for the operator: one line per problem, naming the setting.</summary>
internal sealed partial record StartupProblems(IReadOnlyList<string> Lines, bool IsConfiguration)
{
    private const string Prefix = "configuration error: ";
    private const string Urls = "urls (ASPNETCORE_URLS, --urls): ";

    public static StartupProblems Describe(Exception failure)
    {
        var failures = Flatten(failure).ToList();
        var lines = failures.Select(Configuration).ToList();
        if (lines.All(line => line is not null))
        {
            return new StartupProblems([.. lines.SelectMany(line => line!)], IsConfiguration: true);
        }

        // Not a configuration problem the service knows: the type and message, still one line, never a stack trace.
        return new StartupProblems([.. failures.Select(f => "start-up failed: " + OneLine(f))], IsConfiguration: false);
    }

    private static IEnumerable<Exception> Flatten(Exception failure) => failure switch
    {
        // ValidateOnStart reports several options types at once as an AggregateException.
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Flatten),
        System.Reflection.TargetInvocationException { InnerException: { } inner } => Flatten(inner),
        _ => [failure],
    };

    /// <returns>The lines for a configuration problem, or null when <paramref name="failure"/> is not one.</returns>
    private static IEnumerable<string>? Configuration(Exception failure) => failure switch
    {
        // The validators name the setting first (SettingProblems).
        OptionsValidationException options => options.Failures.Select(f => Prefix + Single(f)),
        InvalidOperationException binder when BinderFailure().Match(binder.Message) is { Success: true } match
            => [Prefix + Conversion(match.Groups["path"].Value, match.Groups["type"].Value, match.Groups["value"])],
        CardContentException content => [Prefix + "CdsHooks:Content:CardsPath: " + Single(content.Message)],
        TerminologyException terminology => [Prefix + "CdsHooks:Content:TerminologyPaths or MedicationPaths: " + Single(terminology.Message)],
        // A settings file that is not valid JSON: the file, and where in it.
        InvalidDataException { InnerException: { } inner } file when file.Message.StartsWith("Failed to load configuration from file", StringComparison.Ordinal)
            => [Prefix + Single(file.Message) + " " + Single(inner.Message)],
        // Kestrel's own words for an address it cannot listen on (in use, not permitted) or cannot read.
        IOException bind when bind.Message.StartsWith("Failed to bind to address", StringComparison.Ordinal)
            => [Prefix + Urls + Single(bind.Message)],
        InvalidOperationException scheme when scheme.Message.StartsWith("Unrecognized scheme in server address", StringComparison.Ordinal)
            => [Prefix + Urls + Single(scheme.Message)],
        _ => null,
    };

    /// <summary>A value the binder could not convert, with the form it takes. Only simple values are repeated: no secret is one.</summary>
    private static string Conversion(string path, string typeName, Group value)
    {
        var type = Type.GetType(typeName) ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName)).FirstOrDefault(t => t is not null);
        var underlying = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        var expected = underlying switch
        {
            { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(underlying)),
            _ when underlying == typeof(TimeSpan) => "a time span such as 00:00:02 (hh:mm:ss) or 1.00:00:00 (d.hh:mm:ss)",
            _ when underlying == typeof(bool) => "true or false",
            _ when underlying == typeof(int) || underlying == typeof(long) => "a whole number",
            _ when underlying == typeof(double) || underlying == typeof(decimal) => "a number such as 0.5",
            _ when underlying == typeof(Uri) => "an absolute URL",
            _ => "a " + (underlying?.Name ?? typeName),
        };
        var shown = value.Success && underlying is not null && (underlying.IsEnum || underlying.IsPrimitive || underlying == typeof(TimeSpan) || underlying == typeof(decimal))
            ? string.Create(CultureInfo.InvariantCulture, $"'{Bounded(value.Value)}' is not valid: ")
            : "not valid: ";
        return $"{path}: {shown}expected {expected}";
    }

    private static string OneLine(Exception failure)
        => $"{failure.GetType().FullName}: {Single(failure.Message)}"
           + (failure.InnerException is { } inner ? $" ({inner.GetType().FullName}: {Single(inner.Message)})" : "");

    private static string Single(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Bounded(string text) => text.Length <= 64 ? text : text[..64] + "…";

    // Microsoft.Extensions.Configuration.Binder's message, with or without the value.
    [GeneratedRegex(@"^Failed to convert configuration value (?:'(?<value>.*)' )?at '(?<path>[^']+)' to type '(?<type>[^']+)'\.$", RegexOptions.Singleline)]
    private static partial Regex BinderFailure();
}
