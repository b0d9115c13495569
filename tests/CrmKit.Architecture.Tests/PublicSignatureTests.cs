using System.Reflection;

namespace CrmKit.Architecture.Tests;

/// <summary>
/// No <see cref="DateTime"/> or <see cref="DateTimeOffset"/> in a public signature of a shipped assembly: moments are
/// NodaTime <c>Instant</c>s and calendar facts <c>LocalDate</c>s (conventions: "No DateTime in any public signature").
/// </summary>
public class PublicSignatureTests
{
    private static readonly Type[] Banned = [typeof(DateTime), typeof(DateTimeOffset)];

    [Fact]
    public void PublicSignatures_OfShippedAssemblies_UseNoDateTime()
    {
        var problems = Shipped.Assemblies.SelectMany(a => a.GetExportedTypes()).SelectMany(Problems).Order(StringComparer.Ordinal).ToList();

        Assert.True(problems.Count == 0, "DateTime or DateTimeOffset in public signatures:\n" + string.Join("\n", problems));
    }

    /// <summary>The check sees a DateTime nested in a generic argument, a nullable, an array and a delegate's signature.</summary>
    [Fact]
    public void Problems_DateTimeHiddenInGenerics_Reported()
    {
        Assert.Equal(
            [
                "CrmKit.Architecture.Tests.PublicSignatureTests+Leaky.At: DateTimeOffset",
                "CrmKit.Architecture.Tests.PublicSignatureTests+Leaky.Days: DateTime[]",
                "CrmKit.Architecture.Tests.PublicSignatureTests+Leaky.Find(IReadOnlyList`1): Nullable`1",
                "CrmKit.Architecture.Tests.PublicSignatureTests+Leaky.Find(IReadOnlyList`1): parameter IReadOnlyList`1",
            ],
            Problems(typeof(Leaky)).Order(StringComparer.Ordinal));
        Assert.Empty(Problems(typeof(Clean)));
    }

    internal static IEnumerable<string> Problems(Type type)
    {
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is { } baseType && Mentions(baseType))
        {
            yield return $"{type.FullName}: base type {baseType.Name}";
        }

        foreach (var member in type.GetMembers(Declared).Where(Visible))
        {
            var name = $"{type.FullName}.{member.Name}";
            switch (member)
            {
                case FieldInfo f when Mentions(f.FieldType):
                    yield return $"{name}: {f.FieldType.Name}";
                    break;
                case PropertyInfo p when Mentions(p.PropertyType):
                    yield return $"{name}: {p.PropertyType.Name}";
                    break;
                case EventInfo e when e.EventHandlerType is { } handler && Mentions(handler):
                    yield return $"{name}: {handler.Name}";
                    break;
                case MethodBase m:
                    var signature = $"{name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name))})";
                    if (m is MethodInfo method && Mentions(method.ReturnType))
                    {
                        yield return $"{signature}: {method.ReturnType.Name}";
                    }

                    foreach (var parameter in m.GetParameters().Where(p => Mentions(p.ParameterType)))
                    {
                        yield return $"{signature}: parameter {parameter.ParameterType.Name}";
                    }

                    break;
                default:
                    break;   // nested types are checked as exported types of their own; other members carry no signature
            }
        }
    }

    private static bool Visible(MemberInfo member) => member switch
    {
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        PropertyInfo p => p.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
        EventInfo e => e.AddMethod is { } add && (add.IsPublic || add.IsFamily || add.IsFamilyOrAssembly),
        MethodBase m => (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly) && !(m.IsSpecialName && (m.Name.StartsWith("get_", StringComparison.Ordinal) || m.Name.StartsWith("set_", StringComparison.Ordinal) || m.Name.StartsWith("add_", StringComparison.Ordinal) || m.Name.StartsWith("remove_", StringComparison.Ordinal))),
        _ => false,
    };

    private static bool Mentions(Type type)
    {
        if (type.IsByRef || type.IsArray || type.IsPointer)
        {
            return Mentions(type.GetElementType()!);
        }

        return Banned.Contains(type) || (type.IsGenericType && type.GetGenericArguments().Any(Mentions));
    }

#pragma warning disable CA1034, CA1822, CA1051, CA1819 // test doubles: a nested type with a public field, an array property and an instance method with no state
    public sealed class Leaky
    {
        public DateTimeOffset At;

        public DateTime[] Days { get; } = [];

        public DateTime? Find(IReadOnlyList<DateTime> days) => days.Count > 0 ? days[0] : null;
    }

    public sealed class Clean
    {
        public NodaTime.Instant At { get; }

        internal DateTime Hidden => DateTime.UnixEpoch;
    }
#pragma warning restore CA1034, CA1822, CA1051, CA1819
}
