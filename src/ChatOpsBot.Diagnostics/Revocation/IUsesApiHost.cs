namespace ChatOpsBot.Diagnostics.Revocation;

/// <summary>
/// A revoker that asks the provider's inference API about the leaked key on another host than its admin API (xAI's
/// <c>api.x.ai</c> beside <c>management-api.x.ai</c>): that call goes where diagnoses go (<c>Providers:&lt;Name&gt;:BaseUrl</c>,
/// else <see cref="DefaultApiBaseUrl"/>). Other revokers ask their admin host, which is also their API host.
/// </summary>
public interface IUsesApiHost
{
    Uri DefaultApiBaseUrl { get; }
}
