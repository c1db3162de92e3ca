using System.Globalization;

namespace ChatOpsBot.Diagnostics.Keys;

/// <summary>White space and invisible characters that end up in pasted keys, with names people recognise.</summary>
internal static class InvisibleChars
{
    public static bool IsInvisible(char c) =>
        char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' or '\u180E';

    /// <summary>"a newline", "2 spaces"...</summary>
    public static string Describe(char c, int count)
    {
        var (one, many) = c switch
        {
            ' ' => ("a space", "spaces"),
            '\t' => ("a tab", "tabs"),
            '\n' => ("a newline", "newlines"),
            '\r' => ("a carriage return (CR)", "carriage returns (CR)"),
            '\u00A0' => ("a non-breaking space", "non-breaking spaces"),
            '\u200B' => ("a zero-width space", "zero-width spaces"),
            '\u200C' => ("a zero-width non-joiner", "zero-width non-joiners"),
            '\u200D' => ("a zero-width joiner", "zero-width joiners"),
            '\u2060' => ("a word joiner (invisible)", "word joiners (invisible)"),
            '\uFEFF' => ("a byte order mark (BOM)", "byte order marks (BOM)"),
            '\u00AD' => ("a soft hyphen (invisible)", "soft hyphens (invisible)"),
            _ => ($"an invisible {CodePoint(c)} character", $"invisible {CodePoint(c)} characters"),
        };
        return count == 1 ? one : $"{count.ToString(CultureInfo.InvariantCulture)} {many}";
    }

    /// <summary>"U+200B".</summary>
    public static string CodePoint(char c) => $"U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)}";
}
