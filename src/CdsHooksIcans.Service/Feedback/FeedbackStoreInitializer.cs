using CdsHooksIcans.Service.Protocol;

namespace CdsHooksIcans.Service.Feedback;

/// <summary>
/// Migrates the feedback schema at start-up. A database that cannot be reached yet does not stop the service: hooks
/// answer without it, feedback answers 503, and the store migrates on its first successful use.
/// </summary>
internal sealed partial class FeedbackStoreInitializer(IFeedbackStore store, ILogger<FeedbackStoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.MigrateAsync(cancellationToken);
        }
        catch (DependencyUnavailableException exception)
        {
            LogNotMigrated(logger, exception.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1032, Level = LogLevel.Warning, Message = "Feedback schema not migrated at start-up: {Reason} Hooks answer; feedback answers 503 until the database is reachable.")]
    private static partial void LogNotMigrated(ILogger logger, string reason);
}
