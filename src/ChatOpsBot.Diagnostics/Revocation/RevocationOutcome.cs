namespace ChatOpsBot.Diagnostics.Revocation;

/// <summary>What a revocation attempt came to.</summary>
public enum RevocationOutcome
{
    /// <summary>The key is deleted: it no longer works and cannot be restored.</summary>
    Revoked,

    /// <summary>The key is deactivated: it no longer works, and an admin can turn it back on.</summary>
    Deactivated,

    /// <summary>Dry run: the key was identified; nothing was changed.</summary>
    WouldRevoke,

    /// <summary>More than one key fits what the admin API shows of a key: nothing was changed.</summary>
    Ambiguous,

    /// <summary>No key of the organisation fits: nothing was changed.</summary>
    NotFound,

    /// <summary>The key is already refused by the provider (or was deleted meanwhile): nothing to do.</summary>
    AlreadyInvalid,

    /// <summary>The key belongs to another organisation than the admin key: nothing was changed.</summary>
    OtherOrganization,

    /// <summary>The admin key was refused (not an admin key, revoked, or lacking a permission).</summary>
    AdminKeyRejected,

    /// <summary>The admin key is configured but could not be read (unset variable, missing file).</summary>
    AdminKeyMissing,

    /// <summary>The admin API did not answer in time.</summary>
    TimedOut,

    /// <summary>The admin API failed or answered something unexpected.</summary>
    Failed,

    /// <summary>Revocation is off for this provider (no admin key configured, or a key we cannot revoke).</summary>
    NotConfigured,
}
