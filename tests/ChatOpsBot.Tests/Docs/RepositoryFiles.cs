namespace ChatOpsBot.Tests.Docs;

/// <summary>Finds the repository's files from a test's output folder (the folder holding <c>ChatOpsBot.sln</c>).</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatOpsBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ChatOpsBot.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => RootPath.Value;

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    /// <summary>The C# sources and project files under <paramref name="folder"/>, without build output.</summary>
    public static IEnumerable<string> Sources(string folder, string pattern = "*.cs") =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), pattern, SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
}
