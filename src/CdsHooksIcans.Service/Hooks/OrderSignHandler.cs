using CdsHooksIcans.Clinical.Extraction;
using CdsHooksIcans.Service.Gathering;
using CdsHooksIcans.Service.Protocol;

namespace CdsHooksIcans.Service.Hooks;

/// <summary>
/// order-sign: reads the patient's IEC therapy and ICANS state before checking draft orders. The corticosteroid and
/// tocilizumab checks arrive with the management content (issue 4); until then, signing never raises a card.
/// </summary>
public sealed class OrderSignHandler(IcansContent content, ClinicalDataGatherer gatherer, FindingsExtractor extractor, TimeProvider clock) : IHookHandler
{
    public CdsServiceDefinition Definition { get; } = ServiceDefinitions.OrderSign(content.Terminology);

    public async Task<CdsResponse> HandleAsync(HookRequest request, CancellationToken cancellationToken)
    {
        // Gathering still runs so that unobtainable required data answers 412 the same way patient-view does.
        await ClinicalData.GatherFindingsAsync(gatherer, extractor, clock, request, Definition.Prefetch, cancellationToken);
        return CdsResponse.Empty;
    }
}
