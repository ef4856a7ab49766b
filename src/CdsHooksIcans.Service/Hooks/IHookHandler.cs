using CdsHooksIcans.Service.Protocol;

namespace CdsHooksIcans.Service.Hooks;

/// <summary>Runs one CDS service: gather, extract, grade, recommend, render.</summary>
public interface IHookHandler
{
    /// <summary>The service this handler executes, as discovery advertises it.</summary>
    CdsServiceDefinition Definition { get; }

    Task<CdsResponse> HandleAsync(HookRequest request, CancellationToken cancellationToken);
}
