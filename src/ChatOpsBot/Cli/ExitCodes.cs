namespace ChatOpsBot.Cli;

/// <summary>The process's exit statuses, for every verb (README §Exit codes).</summary>
public static class ExitCodes
{
    /// <summary><c>diagnose</c>: every provider ok. <c>chat</c>: the session ended. Worker: stopped on request (Ctrl-C, SIGTERM).</summary>
    public const int Ok = 0;

    /// <summary><c>diagnose</c>: a verdict is an error. Worker: a fatal failure (Discord refused the bot, a service crashed, the store is unusable).</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or configuration, for every verb: nothing ran.</summary>
    public const int Usage = 2;
}
