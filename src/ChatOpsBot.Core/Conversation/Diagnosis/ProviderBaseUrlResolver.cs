using ChatOpsBot.Diagnostics;
using ChatOpsBot.Diagnostics.Engine;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core.Conversation.Diagnosis;

/// <summary>A provider's base URL for a chat diagnosis: its environment variable when set to an absolute URL, else the configured one.</summary>
public sealed class ProviderBaseUrlResolver(EnvironmentVariables environment, IOptions<ProviderBaseUrls> baseUrls)
{
    public Uri? For(ProviderId provider)
    {
        var variable = provider.BaseUrlEnvironmentVariable();
        if (environment.Get(variable) is { Length: > 0 } value && Uri.TryCreate(value, UriKind.Absolute, out var fromEnv))
        {
            return fromEnv;
        }

        return baseUrls.Value.For(provider);
    }
}
