using System.Text.RegularExpressions;

namespace ChatOpsBot.Tests.Docs;

/// <summary>
/// House rules a reader relies on to find things (docs/architecture.md): no source file over 400 lines, and one public
/// type per file, named after it.
/// </summary>
public sealed partial class CodeShapeTests
{
    private const int MaxLines = 400;

    [Fact]
    public void No_source_file_is_longer_than_400_lines()
    {
        var tooLong = RepositoryFiles.Sources("src")
            .Select(path => (path, lines: File.ReadLines(path).Count()))
            .Where(x => x.lines > MaxLines)
            .Select(x => $"{Path.GetRelativePath(RepositoryFiles.Root, x.path)}: {x.lines} lines")
            .ToList();

        Assert.True(tooLong.Count == 0, "Split these by concern:\n" + string.Join("\n", tooLong));
    }

    [Fact]
    public void Each_source_file_holds_at_most_one_public_type_named_like_the_file()
    {
        var offenders = new List<string>();
        foreach (var path in RepositoryFiles.Sources("src"))
        {
            var types = File.ReadLines(path).Select(line => TopLevelPublicType().Match(line)).Where(m => m.Success).Select(m => m.Groups["name"].Value).ToList();
            var file = Path.GetFileNameWithoutExtension(path).Split('.')[0];
            if (types.Count > 1 || (types.Count == 1 && types[0] != file))
            {
                offenders.Add($"{Path.GetRelativePath(RepositoryFiles.Root, path)}: {string.Join(", ", types)}");
            }
        }

        Assert.True(offenders.Count == 0, "One public type per file, named after it:\n" + string.Join("\n", offenders));
    }

    [GeneratedRegex(@"^public (?:(?:sealed|static|abstract|readonly|partial|record|unsafe)\s+)*(?:class|record struct|record|struct|enum|interface)\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex TopLevelPublicType();
}
