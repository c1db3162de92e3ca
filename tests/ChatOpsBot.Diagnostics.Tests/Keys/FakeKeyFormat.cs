using ChatOpsBot.Diagnostics.Keys;
using CsCheck;

namespace ChatOpsBot.Diagnostics.Tests.Keys;

/// <summary>A fake key format: fakes have the real format's shape and are never real keys.</summary>
public sealed record FakeKeyFormat(string Name, KeyPlatform Platform, string Prefix, bool IsAdmin, Func<Random, string> Make)
{
    /// <summary>A CsCheck generator of fakes of this format.</summary>
    public Gen<string> Gen => CsCheck.Gen.Int.Select(seed => Make(new Random(seed)));

    public override string ToString() => Name;
}
