namespace ChatOpsBot.Core.Store;

/// <summary>The store cannot be opened or written. The message names the file and says what to do; it holds no secret.</summary>
public sealed class MonitorStoreException : Exception
{
    public MonitorStoreException()
    {
    }

    public MonitorStoreException(string message)
        : base(message)
    {
    }

    public MonitorStoreException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
