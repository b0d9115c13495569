using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmKit.Customers.Serialization;

namespace CrmKit.Customers.Tests;

public class EnumNamesTests
{
    private static readonly Type[] CustomerEnums = [.. typeof(Customer).Assembly.GetTypes().Where(t => t.IsEnum && t.IsPublic)];

    [Fact]
    public void TryParse_EveryNameOfEveryCustomersEnum_InEveryAcceptedSpelling()
    {
        Assert.NotEmpty(CustomerEnums);
        foreach (var type in CustomerEnums)
        {
            foreach (var name in Enum.GetNames(type))
            {
                var expected = Enum.ToObject(type, Convert.ToInt64(type.GetField(name)!.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture));
                var snake = Regex.Replace(name, "(?<=.)([A-Z])", "_$1").ToLowerInvariant();
                foreach (var spelling in new[] { name, EnumNames.Camel(name), name.ToUpperInvariant(), snake, snake.Replace('_', '-'), snake.Replace('_', ' ') })
                {
                    Assert.True(EnumNames.TryParse(type, spelling, out var value), $"{type.Name}: '{spelling}'");
                    Assert.Equal(expected, value);
                }
            }
        }
    }

    [Theory]
    [InlineData("completed,returned")]
    [InlineData("completed, returned")]
    [InlineData("Completed|Returned")]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData(" 1 ")]
    [InlineData("")]
    [InlineData("complete")]
    [InlineData("completed.")]
    public void TryParse_ListNumberOrOtherText_IsRejected(string text)
    {
        Assert.False(EnumNames.TryParse<OrderStatus>(text, out _));
        Assert.False(EnumNames.TryParse(typeof(OrderStatus), text, out _));
    }

    [Fact]
    public void TryParse_ACombinationOfAnyTwoNames_IsRejectedForEveryCustomersEnum()
    {
        foreach (var type in CustomerEnums.Where(t => Enum.GetNames(t).Length > 1))
        {
            var names = Enum.GetNames(type);
            foreach (var separator in new[] { ",", ", " })
            {
                var text = names[0] + separator + names[^1];
                Assert.False(EnumNames.TryParse(type, text, out _), $"{type.Name}: '{text}'");
                Assert.False(EnumNames.TryParse(type, "1", out _), $"{type.Name}: '1'");
            }
        }
    }

    [Fact]
    public void Json_EnumListOrNumberString_FailsWithPathAndNames()
    {
        var ex = Assert.Throws<JsonException>(() => CrmKitJson.Deserialize<OrderLineProbe>("""{"status":"completed,returned"}"""));
        Assert.Equal("expected one of completed, returned, cancelled, pending; found 'completed,returned'. Path: $.status | LineNumber: 0 | BytePositionInLine: 30.", ex.Message);
        Assert.Equal("$.status", ex.Path);

        var number = Assert.Throws<JsonException>(() => CrmKitJson.Deserialize<OrderLineProbe>("""{"status":"1"}"""));
        Assert.StartsWith("expected one of completed, returned, cancelled, pending; found '1'.", number.Message, StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => CrmKitJson.Deserialize<OrderLineProbe>("""{"status":1}"""));
        Assert.Equal(OrderStatus.Returned, CrmKitJson.Deserialize<OrderLineProbe>("""{"status":"returned"}""").Status);
        Assert.Equal("""{"status":"returned"}""", CrmKitJson.Serialize(new OrderLineProbe(OrderStatus.Returned)));
    }

    [Fact]
    public void Json_EveryCustomersEnum_ReadsEachNameAndRejectsACombination()
    {
        foreach (var type in CustomerEnums)
        {
            var names = Enum.GetNames(type);
            foreach (var name in names)
            {
                Assert.Equal(name, JsonSerializer.Deserialize($"\"{EnumNames.Camel(name)}\"", type, CrmKitJson.Options)!.ToString());
                Assert.Equal($"\"{EnumNames.Camel(name)}\"", JsonSerializer.Serialize(Enum.ToObject(type, type.GetField(name)!.GetRawConstantValue()!), type, CrmKitJson.Options));
            }

            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize($"\"{names[0]},{names[^1]}\"", type, CrmKitJson.Options));
            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("\"0\"", type, CrmKitJson.Options));
        }
    }

    /// <summary>
    /// The entry points by which enum text enters CrmKit: a new one must go through EnumNames. The compiler bans
    /// Enum.Parse/TryParse and JsonStringEnumConverter (src/BannedSymbols.Parsing.txt, checked below against every overload .NET
    /// has); this scan also catches what the compiler cannot ban: configuration binding and command-line options of an
    /// enum type, which the binder and System.CommandLine convert with Enum.Parse.
    /// </summary>
    [Fact]
    public void Source_EveryEnumTextEntryPoint_GoesThroughEnumNames()
    {
        var offenders = new List<string>();
        var allowedOptionTypes = new HashSet<string>(StringComparer.Ordinal) { "string", "int", "long", "bool", "double", "decimal", "FileInfo", "DirectoryInfo" };
        foreach (var file in Directory.EnumerateFiles(RepositoryRoot.Path("src"), "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                var where = $"{Path.GetRelativePath(RepositoryRoot.Path(), file)}:{i + 1}";
                if (line.TrimStart().StartsWith("///", StringComparison.Ordinal))
                {
                    continue;
                }

                if (Regex.IsMatch(line, @"\bEnum\s*\.\s*(Try)?Parse\b|JsonStringEnumConverter|\bEnumConverter\b|TypeDescriptor\s*\.\s*GetConverter"))
                {
                    offenders.Add($"{where}: {line.Trim()}");
                }

                foreach (Match m in Regex.Matches(line, @"\b(?:Option|Argument)<\s*([\w.]+)\??\s*>"))
                {
                    if (!allowedOptionTypes.Contains(m.Groups[1].Value))
                    {
                        offenders.Add($"{where}: a command-line {m.Value} (System.CommandLine parses enums with Enum.TryParse; take a string and read it with EnumNames)");
                    }
                }

                if (Regex.IsMatch(line, @"(?<!EnumSettingBinding)\.(Bind|Get|GetValue)(<[^>]+>)?\(") && Regex.IsMatch(line, @"(section|configuration|IConfiguration)", RegexOptions.IgnoreCase)
                    && !file.EndsWith("EnumSettingBinding.cs", StringComparison.Ordinal))
                {
                    offenders.Add($"{where}: configuration binding outside EnumSettingBinding: {line.Trim()}");
                }
            }
        }

        Assert.True(offenders.Count == 0, string.Join(Environment.NewLine, offenders));
    }

    [Fact]
    public void BannedSymbols_BanEveryEnumParseOverloadAndJsonStringEnumConverter()
    {
        var banned = File.ReadAllLines(RepositoryRoot.Path("src", "BannedSymbols.Parsing.txt")).Select(l => l.Split(';')[0].Trim()).ToHashSet(StringComparer.Ordinal);
        var overloads = typeof(Enum).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name is "Parse" or "TryParse").ToList();
        Assert.Equal(16, overloads.Count); // .NET 10: Parse and TryParse × (Type or generic) × (string or span) × (ignoreCase or not)
        foreach (var method in overloads)
        {
            Assert.Contains(DocumentationId(method), banned);
        }

        Assert.Contains("T:System.Text.Json.Serialization.JsonStringEnumConverter", banned);
        Assert.Contains("T:System.Text.Json.Serialization.JsonStringEnumConverter`1", banned);
    }

    /// <summary>The documentation comment ID of a method (the format BannedApiAnalyzers reads).</summary>
    private static string DocumentationId(MethodInfo method)
    {
        static string TypeId(Type t) => t switch
        {
            { IsByRef: true } => TypeId(t.GetElementType()!) + "@",
            { IsGenericMethodParameter: true } => "``" + t.GenericParameterPosition,
            { IsGenericType: true } => $"{t.Namespace}.{t.Name[..t.Name.IndexOf('`', StringComparison.Ordinal)]}{{{string.Join(",", t.GetGenericArguments().Select(TypeId))}}}",
            _ => t.FullName!,
        };

        var generic = method.IsGenericMethodDefinition ? "``" + method.GetGenericArguments().Length : string.Empty;
        return $"M:{method.DeclaringType!.FullName}.{method.Name}{generic}({string.Join(",", method.GetParameters().Select(p => TypeId(p.ParameterType)))})";
    }

    private sealed record OrderLineProbe(OrderStatus Status);
}
