namespace CdsHooksIcans.Service.Hooks;

/// <summary>The services this host offers, keyed by id; discovery and routing both read it.</summary>
public sealed class ServiceCatalog(IEnumerable<IHookHandler> handlers)
{
    private readonly Dictionary<string, IHookHandler> _byId = handlers.ToDictionary(h => h.Definition.Id, StringComparer.Ordinal);

    public IEnumerable<CdsServiceDefinition> Services => _byId.Values.Select(h => h.Definition).OrderBy(d => d.Id, StringComparer.Ordinal);

    public IHookHandler? Find(string id) => _byId.GetValueOrDefault(id);
}
