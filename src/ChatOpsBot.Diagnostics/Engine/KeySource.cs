namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>Where a key came from; it changes what counts as a hygiene problem.</summary>
public enum KeySource
{
    /// <summary>No key was given.</summary>
    None,

    /// <summary>An environment variable (a trailing newline there is a real problem).</summary>
    Environment,

    /// <summary>Standard input (one trailing newline, as <c>echo</c> adds, is expected and removed).</summary>
    StandardInput,

    /// <summary>A file (a trailing newline is expected and removed, as editors add one).</summary>
    File,

    /// <summary>Typed or pasted by a person in a chat or modal.</summary>
    Chat,
}
