using Polly;
using Polly.Retry;

namespace ChatOpsBot.Telegram.Bot;

/// <summary>
/// The Bot API call and its retry, a Polly pipeline on the injected <see cref="TimeProvider"/>: a 429 is waited out for
/// its <c>retry_after</c> (at most <c>Telegram:MaxRetryAfter</c>, at most <c>Telegram:MaxRetries</c> times); a 400
/// carrying <c>migrate_to_chat_id</c> is recorded and sent once more, at once, to the new chat. Nothing else is retried.
/// One attempt count serves both, as each attempt is one call.
/// </summary>
public sealed partial class TelegramBot
{
    private static readonly ResiliencePropertyKey<Call> CallKey = new("ChatOpsBot.Telegram.Call");

    private ResiliencePipeline<TelegramError?> RetryPipeline() =>
        new ResiliencePipelineBuilder<TelegramError?> { TimeProvider = _timeProvider }
            .AddRetry(new RetryStrategyOptions<TelegramError?>
            {
                MaxRetryAttempts = int.MaxValue, // bounded by ShouldHandle: Telegram:MaxRetries, and one migration
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(Decide(args.Outcome, args.Context, args.AttemptNumber) != RetryKind.None),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    Decide(args.Outcome, args.Context, args.AttemptNumber) == RetryKind.RateLimited ? args.Outcome.Result!.RetryAfter : TimeSpan.Zero),
                OnRetry = OnRetryAsync,
            })
            .Build();

    /// <summary>
    /// One call with the 429 retry and migration follow-up. <paramref name="chatId"/> (null for chat-less methods) is
    /// resolved through known migrations; a 400 carrying migrate_to_chat_id is recorded and retried once at the new id.
    /// </summary>
    private async Task<TelegramResult<T>> CallAsync<T>(string method, long? chatId, Func<long?, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var state = new Call(method, chatId is long c ? _migrations.Resolve(c) : null);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, state);
        try
        {
            T value = default!;
            var error = await _retry.ExecuteAsync(
                async ctx =>
                {
                    using var inFlight = Track(); // one request out, until its result is recorded
                    try
                    {
                        value = await call(state.Target, ctx.CancellationToken).ConfigureAwait(false);
                        return null;
                    }
                    catch (OperationCanceledException) when (ctx.CancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }
                    catch (Exception ex) when (TelegramErrors.TryMap(ex, _clientFactory.Scrubber, out var mapped))
                    {
                        return mapped;
                    }
                },
                context).ConfigureAwait(false);
            if (error is null)
            {
                return TelegramResult<T>.Success(value);
            }

            Log.CallFailed(_logger, method, error.ErrorCode, error.Description);
            return TelegramResult<T>.Failure(error);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private RetryKind Decide(Outcome<TelegramError?> outcome, ResilienceContext context, int attempt)
    {
        if (outcome.Result is not { } error)
        {
            return RetryKind.None; // a success, or an exception: it surfaces as it is
        }

        var call = context.Properties.GetValue(CallKey, null!);
        if (error.MigrateToChatId is long moved && call.Target is long from && moved != from && attempt == 0)
        {
            return RetryKind.Migrated;
        }

        return error.ErrorCode == 429 && error.RetryAfter is { } wait && wait <= _options.MaxRetryAfter && attempt < _options.MaxRetries
            ? RetryKind.RateLimited
            : RetryKind.None;
    }

    private async ValueTask OnRetryAsync(OnRetryArguments<TelegramError?> args)
    {
        var call = args.Context.Properties.GetValue(CallKey, null!);
        var error = args.Outcome.Result!;
        if (Decide(args.Outcome, args.Context, args.AttemptNumber) == RetryKind.Migrated)
        {
            var moved = error.MigrateToChatId!.Value;
            Log.ChatMigrated(_logger, call.Method, call.Target!.Value, moved);
            await _migrations.RecordAsync(call.Target.Value, moved, args.Context.CancellationToken).ConfigureAwait(false);
            call.Target = moved;
            return;
        }

        Log.RateLimited(_logger, call.Method, (int)error.RetryAfter!.Value.TotalSeconds, args.AttemptNumber + 1);
    }

    private enum RetryKind
    {
        None,
        Migrated,
        RateLimited,
    }

    /// <summary>One call's method name and the chat it goes to (the new one after a migration).</summary>
    private sealed class Call(string method, long? target)
    {
        public string Method { get; } = method;

        public long? Target { get; set; } = target;
    }
}
