namespace ChatOpsBot.Cli;

/// <summary>Bad command-line usage: printed with the usage text, exit status 2. Never holds a secret.</summary>
public sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
