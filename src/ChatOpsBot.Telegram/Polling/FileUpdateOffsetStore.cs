using System.Globalization;

namespace ChatOpsBot.Telegram.Polling;

/// <summary>
/// Keeps the offset in one small file (<c>telegram-offset</c> under <c>Storage:DataDirectory</c>), written to a
/// temporary file and moved into place so a crash never leaves half a number. The first line is the offset; a second
/// line, when present, lists the ids above it already taken (comma-separated).
/// </summary>
public sealed class FileUpdateOffsetStore : IUpdateOffsetStore, IDisposable
{
    public const string FileName = "telegram-offset";

    private readonly string _path;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public FileUpdateOffsetStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _path = Path.Combine(directory, FileName);
    }

    public string FilePath => _path;

    public void Dispose() => _lock.Dispose();

    public async ValueTask<UpdateCheckpoint?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_path))
        {
            return null;
        }

        var lines = (await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false)).Split('\n', StringSplitOptions.TrimEntries);
        if (!int.TryParse(lines[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset))
        {
            return null;
        }

        var taken = lines.Length > 1
            ? lines[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                      .Select(t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : (int?)null)
                      .OfType<int>().Where(id => id >= offset).Distinct().Order().ToList()
            : [];
        return new UpdateCheckpoint(offset, taken);
    }

    public async ValueTask SaveAsync(UpdateCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var text = checkpoint.Offset.ToString(CultureInfo.InvariantCulture);
        if (checkpoint.TakenAbove.Count > 0)
        {
            text += "\n" + string.Join(",", checkpoint.TakenAbove.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        }

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
}
