namespace ChatOpsBot.Diagnostics.Providers.Gateways;

/// <summary>What the gateway step of <see cref="AnswerReader"/> found in an answer.</summary>
/// <param name="Gateway">The gateway recognised (one of <see cref="GatewayNames.All"/>).</param>
/// <param name="Finding">The gateway's own reading of the answer, or null when the provider's reading should go on.</param>
public sealed record GatewayReading(string Gateway, Finding? Finding);
