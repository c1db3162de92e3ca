using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ChatOpsBot.Diagnostics;

namespace ChatOpsBot.Tests.Docs;

/// <summary>
/// The project's own docs stay true to the code: the architecture page's reference table is the projects' real
/// references, every verdict code is in the contract, and nothing points at documents outside the repository.
/// </summary>
public sealed partial class DocsTests
{
    [Fact]
    public void The_architecture_page_lists_exactly_the_project_references()
    {
        var documented = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (Match row in ReferenceRow().Matches(RepositoryFiles.Read("docs/architecture.md")))
        {
            var project = row.Groups["project"].Value;
            var refs = ProjectName().Matches(row.Groups["refs"].Value).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
            documented[project] = string.Join(", ", refs);
        }

        var actual = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var csproj in RepositoryFiles.Sources("src", "*.csproj").Concat(RepositoryFiles.Sources("tests", "*.csproj")))
        {
            var relative = Path.GetRelativePath(RepositoryFiles.Root, Path.GetDirectoryName(csproj)!).Replace('\\', '/');
            var refs = XDocument.Load(csproj).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                .Order(StringComparer.Ordinal);
            actual[relative] = string.Join(", ", refs);
        }

        Assert.Equal(actual, documented);
    }

    [Fact]
    public void Every_verdict_code_is_in_the_contract()
    {
        var contract = RepositoryFiles.Read("docs/contract.md");
        var codes = typeof(VerdictCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.NotEmpty(codes);
        Assert.All(codes, code => Assert.Contains($"| `{code}`", contract, StringComparison.Ordinal));
    }

    [Fact]
    public void No_source_cites_a_document_outside_the_repository()
    {
        var outside = new Regex(@"(?<![\w/])(shared/|\.\./shared|(?<!docs/)\b(design|diagnosis|platforms|style)\.md)", RegexOptions.CultureInvariant);
        var offenders = RepositoryFiles.Sources("src").Concat(RepositoryFiles.Sources("tests"))
            .Concat(RepositoryFiles.Sources("src", "*.md")).Concat(RepositoryFiles.Sources("tests", "*.md"))
            .Concat(RepositoryFiles.Sources("docs", "*.md"))
            .Append(Path.Combine(RepositoryFiles.Root, "README.md"))
            .Where(path => !path.EndsWith("DocsTests.cs", StringComparison.Ordinal))
            .SelectMany(path => File.ReadLines(path).Select((line, i) => (path, line, number: i + 1)))
            .Where(x => outside.IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(RepositoryFiles.Root, x.path)}:{x.number}: {x.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "These point outside the repository; point them at docs/ instead:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Every_docs_page_a_source_names_exists()
    {
        var missing = RepositoryFiles.Sources("src").Concat(RepositoryFiles.Sources("tests"))
            .Append(Path.Combine(RepositoryFiles.Root, "README.md"))
            .SelectMany(path => DocsPath().Matches(File.ReadAllText(path)).Select(m => (path, page: m.Value)))
            .Where(x => !File.Exists(Path.Combine(RepositoryFiles.Root, x.page)))
            .Select(x => $"{Path.GetRelativePath(RepositoryFiles.Root, x.path)} names {x.page}")
            .Distinct()
            .ToList();

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [GeneratedRegex(@"^\| `(?<project>(src|tests)/[\w.]+)` \|[^|]*\| (?<refs>[^|]*) \|$", RegexOptions.Multiline)]
    private static partial Regex ReferenceRow();

    [GeneratedRegex(@"`(ChatOpsBot[\w.]*)`")]
    private static partial Regex ProjectName();

    [GeneratedRegex(@"docs/[\w/.-]+\.md")]
    private static partial Regex DocsPath();
}
