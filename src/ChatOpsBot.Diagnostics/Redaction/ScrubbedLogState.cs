using System.Collections;

namespace ChatOpsBot.Diagnostics.Redaction;

/// <summary>Log state after scrubbing: the scrubbed message plus the structured values, scrubbed.</summary>
internal sealed class ScrubbedLogState(string message, IReadOnlyList<KeyValuePair<string, object?>> values)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => values.Count;

    public KeyValuePair<string, object?> this[int index] => values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => message;
}
