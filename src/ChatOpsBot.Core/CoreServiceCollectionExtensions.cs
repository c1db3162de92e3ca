using ChatOpsBot.Core.Access;
using ChatOpsBot.Core.Conversation;
using ChatOpsBot.Core.Conversation.Diagnosis;
using ChatOpsBot.Core.Conversation.Handlers.Midjourney;
using ChatOpsBot.Core.Conversation.Handlers.Monitor;
using ChatOpsBot.Core.Conversation.Handlers.TeamKeys;
using ChatOpsBot.Core.Conversation.Handlers.UserKeys;
using ChatOpsBot.Core.Revocation;
using ChatOpsBot.Core.TeamKeys;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the conversation layer: team keys (validated at start), access rules, the per-user limit and
    /// <see cref="ConversationService"/> with its intent handlers, and <see cref="ReplyPrivacy"/> for the adapters. Needs the engine (<c>AddDiagnostics</c>) registered too.
    /// </summary>
    public static IServiceCollection AddConversation(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptionsWithValidateOnStart<TeamKeysOptions>()
            .Configure<IConfiguration>((options, configuration) => options.Bind(configuration));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamKeysOptions>, TeamKeysOptionsValidator>());
        services.AddOptionsWithValidateOnStart<AccessOptions, AccessOptionsValidator>().BindConfiguration(AccessOptions.SectionName);
        services.AddOptionsWithValidateOnStart<ConversationOptions, ConversationOptionsValidator>().BindConfiguration(ConversationOptions.SectionName);

        services.TryAddSingleton<TeamKeyRegistry>();
        services.TryAddSingleton<AccessPolicy>();
        services.TryAddSingleton<UserKeyLimiter>();
        services.TryAddSingleton<ReplyPrivacy>();

        services.TryAddSingleton<ResultStore>();
        services.TryAddSingleton<ProviderBaseUrlResolver>();
        services.TryAddSingleton<DiagnosisRunner>();
        services.TryAddSingleton<UserKeyQuota>();
        services.TryAddSingleton<UserKeyHandler>();
        services.TryAddSingleton<TeamKeyHandler>();
        services.TryAddSingleton<ResultButtonHandler>();
        services.TryAddSingleton<MonitorHandler>();
        services.TryAddSingleton<MidjourneyHandler>();
        services.TryAddSingleton<ConversationHandlers>();
        services.TryAddSingleton<RevokedKeyNotes>();
        services.TryAddSingleton<LeakRevocation>();
        services.TryAddSingleton<ConversationService>();
        return services;
    }
}
