using System.Collections.Frozen;
using System.Collections.Immutable;

namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>A ValueSet expanded at load: members for O(1) tests, codings (sorted by system and code) for prefetch and display.</summary>
internal sealed record ExpandedValueSet(FrozenSet<CodeKey> Members, ImmutableArray<(CodeKey Key, string? Display)> Codings);
