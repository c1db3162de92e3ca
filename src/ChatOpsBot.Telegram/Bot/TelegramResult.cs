using System.Diagnostics.CodeAnalysis;

namespace ChatOpsBot.Telegram.Bot;

/// <summary>The outcome of one Bot API call: a value, or a <see cref="TelegramError"/>. Expected failures are data, not exceptions.</summary>
public readonly record struct TelegramResult<T>
{
    private TelegramResult(T? value, TelegramError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public TelegramError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

#pragma warning disable CA1000 // factory methods on a generic result are the point
    public static TelegramResult<T> Success(T value) => new(value, null);

    public static TelegramResult<T> Failure(TelegramError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));
#pragma warning restore CA1000

    public override string ToString() => IsSuccess ? $"ok: {Value}" : $"error: {Error}";
}
