namespace CdsHooksIcans.Service.Tests.Gathering;

/// <summary>An HTTP handler that never answers and, once cancelled, takes <paramref name="unwinding"/> to end.</summary>
internal sealed class SlowToCancelHandler(TimeSpan unwinding) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await Task.Delay(unwinding, CancellationToken.None);
            throw;
        }

        throw new InvalidOperationException("unreachable");
    }
}
