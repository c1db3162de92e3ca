namespace ChatOpsBot.Diagnostics.Revocation;

/// <summary>An admin API failed in a way the revokers do not expect. Its message never holds a secret.</summary>
public sealed class AdminApiException : Exception
{
    public AdminApiException()
    {
    }

    public AdminApiException(string message)
        : base(message)
    {
    }

    public AdminApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
