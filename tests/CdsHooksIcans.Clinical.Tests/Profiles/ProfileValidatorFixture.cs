using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace CdsHooksIcans.Clinical.Tests.Profiles;

/// <summary>
/// One Firely validator over the core R4 spec (specification.zip) plus our fhir-profiles/ artifacts, offline.
/// Shared by the test class because the first validation unzips the spec and takes seconds.
/// </summary>
public sealed class ProfileValidatorFixture
{
    private readonly Validator _validator;

    public ProfileValidatorFixture()
    {
        // Snapshots are generated from our differentials on demand, against the same resolver.
        var artifacts = new MultiResolver(new InMemoryResourceResolver(FhirProfilesFolder.ConformanceResources()), ZipSource.CreateValidationSource());
        Resolver = new CachedResolver(new SnapshotSource(artifacts));
        _validator = new Validator(Resolver, LocalTerminologyService.CreateDefaultForCore(Resolver));
    }

    /// <summary>What the validator resolves canonicals against: fhir-profiles/ and the core spec.</summary>
    public IAsyncResourceResolver Resolver { get; }

    /// <summary>Validates against <paramref name="profile"/>, or against meta.profile (or core) when none is given.</summary>
    public OperationOutcome Validate(Resource resource, string? profile = null) => _validator.Validate(resource, profile);
}

public static class OperationOutcomeExtensions
{
    public static IReadOnlyList<OperationOutcome.IssueComponent> Errors(this OperationOutcome outcome) =>
        outcome.Issue.Where(issue => issue.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal).ToList();

    public static string Describe(this IEnumerable<OperationOutcome.IssueComponent> issues) =>
        string.Join(Environment.NewLine, issues.Select(issue => $"{issue.Severity} {issue.Code} at {string.Join(",", issue.Expression)}: {issue.Details?.Text ?? issue.Diagnostics}"));
}
