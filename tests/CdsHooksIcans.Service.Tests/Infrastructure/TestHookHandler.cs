using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Protocol;

namespace CdsHooksIcans.Service.Tests.Infrastructure;

/// <summary>A CDS service for protocol tests: records what it was called with and answers as told.</summary>
public sealed class TestHookHandler(CdsServiceDefinition definition) : IHookHandler
{
    public static CdsServiceDefinition PatientViewDefinition { get; } = new(
        "test-patient-view", "patient-view", "Test patient view", "A patient-view service for protocol tests.", "Any patient.",
        [new PrefetchQuery("patient", "Patient/{{context.patientId}}", Required: true),
         new PrefetchQuery("conditions", "Condition?patient={{context.patientId}}", Required: false)]);

    public static CdsServiceDefinition OrderSignDefinition { get; } = new(
        "test-order-sign", "order-sign", "Test order sign", "An order-sign service for protocol tests.", "",
        []);

    public CdsServiceDefinition Definition { get; } = definition;

    /// <summary>What the service answers; by default no guidance.</summary>
    public Func<HookRequest, CancellationToken, Task<CdsResponse>> Behaviour { get; set; } = (_, _) => Task.FromResult(CdsResponse.Empty);

    public HookRequest? LastRequest { get; private set; }

    public Task<CdsResponse> HandleAsync(HookRequest request, CancellationToken cancellationToken)
    {
        // The request's JSON is a view of the body, which the controller disposes after the call.
        LastRequest = request with
        {
            Context = request.Context.Clone(),
            Prefetch = request.Prefetch.ToDictionary(p => p.Key, p => p.Value.Clone()),
        };
        return Behaviour(request, cancellationToken);
    }
}
