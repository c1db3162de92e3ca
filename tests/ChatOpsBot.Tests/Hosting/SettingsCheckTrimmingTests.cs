using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using ChatOpsBot.Hosting;

namespace ChatOpsBot.Tests.Hosting;

/// <summary>
/// The settings check walks the option types by reflection; the native build keeps their properties only for the
/// types <see cref="SettingsCheck.Check"/> names in its DynamicDependency attributes. This walks the same types (JIT,
/// where reflection sees everything) and fails when a class a setting can land on is missing from that list.
/// </summary>
public sealed class SettingsCheckTrimmingTests
{
    [Fact]
    public void EveryOptionClassTheCheckWalks_IsKeptForTheNativeBuild()
    {
        var sections = (Array)typeof(SettingsCheck).GetField("Sections", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        var roots = sections.Cast<object>().Select(s => (Type)s.GetType().GetField("Item2")!.GetValue(s)!);
        var kept = typeof(SettingsCheck).GetMethod(nameof(SettingsCheck.Check))!.GetCustomAttributes<DynamicDependencyAttribute>()
            .Where(a => a.MemberTypes.HasFlag(DynamicallyAccessedMemberTypes.PublicProperties)).Select(a => a.Type!).ToHashSet();

        var walked = new HashSet<Type>();
        foreach (var root in roots)
        {
            Walk(root, walked);
        }

        Assert.Empty(walked.Where(t => !kept.Contains(t)).Select(t => t.FullName));
    }

    /// <summary>Collects the classes whose properties the check reads: not collections, not values it converts.</summary>
    private static void Walk(Type type, HashSet<Type> classes)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Uri)
            || type == typeof(Guid) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeOnly) || type == typeof(DateOnly))
        {
            return;
        }

        if (type.IsArray)
        {
            Walk(type.GetElementType()!, classes);
            return;
        }

        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.Namespace == "System.Collections.Generic")
            {
                Walk(t.GetGenericArguments()[^1], classes);
                return;
            }
        }

        if (!classes.Add(type))
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetMethod is { IsPublic: true }))
        {
            Walk(property.PropertyType, classes);
        }
    }
}
