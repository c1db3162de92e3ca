namespace ChatOpsBot.Bench;

/// <summary>
/// A fresh directory under the system's temporary folder, deleted on dispose. A benchmark that runs the worker's
/// pieces gives them one as <c>Storage:DataDirectory</c>, so nothing a run writes (the Telegram poller's offset, the
/// monitor's store) is read by the next run.
/// </summary>
internal sealed class TemporaryDirectory(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a file still open by a stopping host: the temporary folder is cleaned by the system
        }
    }
}
