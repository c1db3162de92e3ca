using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsBot.Telegram.Polling;

/// <summary>
/// Keeps the offset in one small file (<c>telegram-offset</c> under <c>Storage:DataDirectory</c>), written to a
/// temporary file and moved into place so a crash never leaves half a number. The first line names the bot
/// (<c>bot &lt;id&gt;</c>, its getMe id: never the token's secret part after the colon), the second is the offset; a third line, when present, lists
/// the ids above it already taken (comma-separated). A file of another bot, or of an older version that named no bot
/// (its first line is the offset), is ignored with one Warning line: starting without an offset loses nothing, as
/// Telegram keeps every update not confirmed for 24 h; at worst the last batch of the old file is handled again once.
/// </summary>
public sealed partial class FileUpdateOffsetStore : IUpdateOffsetStore, IDisposable
{
    public const string FileName = "telegram-offset";

    private const string BotPrefix = "bot ";

    private readonly string _path;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private bool _warned;

    public FileUpdateOffsetStore(string directory, ILogger<FileUpdateOffsetStore>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _path = Path.Combine(directory, FileName);
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public string FilePath => _path;

    public void Dispose() => _lock.Dispose();

    public async ValueTask<UpdateCheckpoint?> LoadAsync(long botId, CancellationToken cancellationToken)
    {
        if (!File.Exists(_path))
        {
            return null;
        }

        var text = await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false);
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var firstLine = (end >= 0 ? text[..end] : text).Trim();
        if (!firstLine.StartsWith(BotPrefix, StringComparison.Ordinal))
        {
            if (int.TryParse(firstLine, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                Warn(() => Log.NoBot(_logger, _path));
            }

            return null;
        }

        if (!long.TryParse(firstLine.AsSpan(BotPrefix.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var savedBot)
            || end < 0
            || UpdateCheckpoint.Parse(text[(end + 1)..]) is not { } checkpoint)
        {
            return null;
        }

        if (savedBot != botId)
        {
            Warn(() => Log.OtherBot(_logger, _path));
            return null;
        }

        return checkpoint;
    }

    public async ValueTask SaveAsync(long botId, UpdateCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var text = BotPrefix + botId.ToString(CultureInfo.InvariantCulture) + "\n" + checkpoint.Format();

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            var temporary = _path + ".tmp";
            await File.WriteAllTextAsync(temporary, text, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, _path, overwrite: true);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>One Warning per process: the poller loads again after each restart until it saves its own.</summary>
    private void Warn(Action log)
    {
        if (!_warned)
        {
            _warned = true;
            log();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Telegram: the saved update offset ({Path}) belongs to another bot (Telegram:Token was changed): ignored. Telegram sends again every update this bot has not confirmed; nothing is lost.")]
        public static partial void OtherBot(ILogger logger, string path);

        [LoggerMessage(2, LogLevel.Warning, "Telegram: the saved update offset ({Path}) is from an older version that did not record the bot: ignored. Telegram sends again every update not yet confirmed, so the last few may be handled once more.")]
        public static partial void NoBot(ILogger logger, string path);
    }
}
