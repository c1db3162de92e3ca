namespace ChatOpsBot.Core.Replies;

/// <summary>What a reply is, so an adapter can choose a colour or a layout.</summary>
public enum ReplyKind
{
    Help,
    Info,
    Refusal,
    Progress,
    Diagnosis,
    Details,

    /// <summary>A key was posted where others can see it: rotate it.</summary>
    Exposure,

    /// <summary>A monitored team key broke (or is still broken, or broke differently): red or amber by severity.</summary>
    Alert,

    /// <summary>A monitored team key works again (<c>code: ok</c>): green.</summary>
    Recovery,

    /// <summary>The <c>/alerts test</c> message: an alert that says nothing is broken (<c>code: ok</c>), green.</summary>
    AlertTest,
}
