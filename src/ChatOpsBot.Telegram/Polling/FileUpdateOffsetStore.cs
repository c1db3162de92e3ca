using System.Globalization;

namespace ChatOpsBot.Telegram.Polling;

/// <summary>
/// Keeps the offset in one small file (<c>telegram-offset</c> under <c>Storage:DataDirectory</c>), written to a
/// temporary file and moved into place so a crash never leaves half a number.
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

    public async ValueTask<int?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_path))
        {
            return null;
        }

        var text = await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false);
        return int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset) ? offset : null;
    }

    public async ValueTask SaveAsync(int offset, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            var temporary = _path + ".tmp";
            await File.WriteAllTextAsync(temporary, offset.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, _path, overwrite: true);
        }
        finally
        {
            _lock.Release();
        }
    }
}
