namespace ChatOpsBot.Http;

/// <summary>The <c>Http</c> configuration section: the worker's one HTTP listener.</summary>
public sealed class HttpOptions
{
    public const string SectionName = "Http";

    /// <summary>
    /// Where to listen, as ASP.NET Core URLs separated by <c>;</c> (<c>http://0.0.0.0:8080</c>). None: no listener at
    /// all. Serves <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>, <c>POST /discord/interactions</c> (with
    /// <c>Discord:PublicKey</c>) and the Telegram webhook (<c>Telegram:Mode=Webhook</c>).
    /// </summary>
    public string? Urls { get; set; }
}
