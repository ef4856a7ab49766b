namespace CdsHooksIcans.Service.Feedback;

/// <summary>Creates the feedback schema before the first request can need it.</summary>
internal sealed class FeedbackStoreInitializer(IFeedbackStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
