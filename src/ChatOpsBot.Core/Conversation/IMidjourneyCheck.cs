using ChatOpsBot.Diagnostics.Engine;
using ChatOpsBot.Diagnostics.Reports;

namespace ChatOpsBot.Core.Conversation;

/// <summary>
/// Checks why Midjourney does not work in the place a message came from (the Discord adapter implements it: is the
/// Midjourney Bot in this server, may it post here, may the user use its commands). Reports
/// <see cref="StageStarted"/> and <see cref="FindingAdded"/> events for <see cref="Diagnostics.ProviderId.Midjourney"/>
/// as it goes, so the live checklist moves; never throws for what the platform answers (that is a finding).
/// </summary>
public interface IMidjourneyCheck
{
    /// <summary>The platform whose places this check understands.</summary>
    ChatPlatform Platform { get; }

    /// <summary>Reads what it can of <paramref name="message"/>'s place and judges it.</summary>
    Task<ProviderReport> RunAsync(IncomingMessage message, IProgress<DiagnosisEvent> progress, CancellationToken cancellationToken);
}
