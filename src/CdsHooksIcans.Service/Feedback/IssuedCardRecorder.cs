using System.Threading.Channels;
using CdsHooksIcans.Service.Hosting;
using CdsHooksIcans.Service.Protocol;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Feedback;

/// <summary>
/// Records the cards the service answers with, off the hook call's path: a hook hands its cards over and returns; one
/// writer stores them in batches, keeps a batch through a short database outage, and deletes records past retention.
/// A queue full during a long outage drops new records (feedback on those cards is then answered 404), never the answer.
/// </summary>
public sealed partial class IssuedCardRecorder(
    IFeedbackStore store, IOptions<FeedbackOptions> options, TimeProvider time, ILogger<IssuedCardRecorder> logger) : BackgroundService
{
    public const int Capacity = 20_000;
    private const int MaxBatch = 500;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan FailureLogInterval = TimeSpan.FromMinutes(1);

    private readonly Channel<IssuedCard> _queue = Channel.CreateBounded<IssuedCard>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private long _enqueued;
    private long _written;
    private TaskCompletionSource _writtenSignal = NewSignal();
    private long _nextPruneTicks;
    private readonly LogThrottle _failures = new(time, FailureLogInterval);

    /// <summary>Queues the cards of one answer; never waits.</summary>
    public void Record(string serviceId, IReadOnlyList<Card> cards)
    {
        var issuedAt = time.GetUtcNow();
        foreach (var card in cards)
        {
            if (card.Uuid is null)
            {
                continue;
            }

            var origin = card.Origin;
            var issued = new IssuedCard(serviceId, card.Uuid, origin?.TemplateId ?? "unknown", origin?.Kind ?? "unknown", origin?.Grade, origin?.Status, issuedAt);
            // A full queue drops the record (DropWrite); only what was queued is waited for by FlushAsync.
            if (_queue.Writer.TryWrite(issued))
            {
                Interlocked.Increment(ref _enqueued);
            }
        }
    }

    /// <summary>Waits (up to <paramref name="timeout"/>) until every card queued before this call is stored.</summary>
    /// <returns>Whether they were.</returns>
    public async Task<bool> FlushAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _enqueued);
        var started = time.GetTimestamp();
        while (true)
        {
            var written = Volatile.Read(ref _writtenSignal);
            if (Interlocked.Read(ref _written) >= target)
            {
                return true;
            }

            var remaining = timeout - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            try
            {
                await written.Task.WaitAsync(remaining, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<IssuedCard>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                // One transaction per window, not per card: at a thousand chart openings a second, a commit per answer
                // cost a tenth of the service's throughput. Wall-clock time: a machine's batching, not the domain's clock.
                await Task.Delay(BatchWindow, stoppingToken);
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var card))
                {
                    batch.Add(card);
                }

                await WriteAsync(batch, stoppingToken);
                batch.Clear();
                await PruneIfDueAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: StopAsync stores what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // A graceful stop (a rolling update) stores what hooks answered in its last moments.
        var rest = new List<IssuedCard>();
        while (_queue.Reader.TryRead(out var card))
        {
            rest.Add(card);
        }

        if (rest.Count > 0)
        {
            try
            {
                await store.RecordIssuedAsync(rest, cancellationToken);
                Interlocked.Add(ref _written, rest.Count);
            }
            catch (DependencyUnavailableException exception)
            {
                LogRecordingFailed(logger, rest.Count, exception.Message);
            }
        }
    }

    private async Task WriteAsync(List<IssuedCard> batch, CancellationToken stoppingToken)
    {
        // A batch is kept through an outage; meanwhile new cards wait in the queue, up to its capacity.
        while (true)
        {
            try
            {
                await store.RecordIssuedAsync(batch, stoppingToken);
                Interlocked.Add(ref _written, batch.Count);
                Interlocked.Exchange(ref _writtenSignal, NewSignal()).TrySetResult();
                return;
            }
            catch (DependencyUnavailableException exception)
            {
                var key = "issued cards";
                if (_failures.ShouldLog(ref key, out _))
                {
                    LogRecordingFailed(logger, batch.Count, exception.Message);
                }

                await Task.Delay(RetryDelay, time, stoppingToken);
            }
        }
    }

    private async Task PruneIfDueAsync(CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        if (now.UtcTicks < _nextPruneTicks)
        {
            return;
        }

        _nextPruneTicks = (now + PruneInterval).UtcTicks;
        try
        {
            var deleted = await store.PruneIssuedAsync(now - options.Value.IssuedCardRetention, stoppingToken);
            if (deleted > 0)
            {
                LogPruned(logger, deleted);
            }
        }
        catch (DependencyUnavailableException exception)
        {
            LogRecordingFailed(logger, 0, exception.Message);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Warning, Message = "Issued cards not recorded yet ({Count} waiting): {Reason} Retrying every second.")]
    private static partial void LogRecordingFailed(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Information, Message = "Deleted {Count} issued-card record(s) past retention")]
    private static partial void LogPruned(ILogger logger, int count);
}
