using System.Globalization;
using System.Reflection;
using CrmKit.Customers;
using Microsoft.Extensions.Configuration;

namespace CrmKit.Extensions.DependencyInjection;

/// <summary>
/// Binds CrmKit's settings from configuration with enum settings read by <see cref="EnumNames"/>: the configuration
/// binder converts enum text with <c>Enum.Parse</c>, which ORs comma-separated names (<c>Flag,Erase</c> becomes
/// <c>Erase</c>) and reads numbers. Every enum setting is found by reflection, so a new one cannot skip the rule.
/// </summary>
internal static class EnumSettingBinding
{
    /// <summary>Binds <paramref name="section"/> onto <paramref name="options"/>; a bad enum text is kept as a problem for validation.</summary>
    public static void Bind(IConfiguration section, CrmKitOptions options)
    {
        var enumKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, owner, property) in EnumSettings(options))
        {
            enumKeys.Add(path);
            if (section[path] is not { } text)
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (EnumNames.TryParse(type, text.Trim(), out var value))
            {
                property.SetValue(owner, value);
            }
            else
            {
                options.BindingProblems.Add(CrmKitOptionsValidator.At(path, $"'{text}' is not one of {string.Join(", ", Enum.GetNames(type))}."));
            }
        }

        // Everything else goes through the configuration binder, without the enum keys handled above and without the
        // keys that name no setting or hold a value of the wrong type: those become problems with their full key, listed
        // with every other problem at start (the binder would throw on the first bad value, naming it without CrmKit:).
        var checkedKeys = section.AsEnumerable(makePathsRelative: true)
            .Where(p => p.Value is not null && !enumKeys.Contains(p.Key))
            .Where(p => Check(options, p.Key, p.Value!) is not { } problem || Report(options, problem))
            .ToList();
        var rest = new ConfigurationBuilder().AddInMemoryCollection(checkedKeys).Build();
        rest.Bind(options);
    }

    private static bool Report(CrmKitOptions options, Problem problem)
    {
        options.BindingProblems.Add(problem);
        return false;
    }

    /// <summary>
    /// Why the value at <paramref name="key"/> (relative to the CrmKit section) cannot be bound — no setting of that name,
    /// or text the setting's type does not convert — as a problem at <c>CrmKit:key</c>; <see langword="null"/> when it binds.
    /// </summary>
    internal static Problem? Check(object options, string key, string text)
    {
        var parts = key.Split(':');
        var owner = options.GetType();
        for (var i = 0; i < parts.Length; i++)
        {
            var property = owner.GetProperty(parts[i], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            var known = owner.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name);
            if (property is null || !property.CanWrite)
            {
                var under = string.Join(":", parts[..i].Prepend(CrmKitOptions.SectionName));
                return CrmKitOptionsValidator.At(key, $"there is no setting '{parts[i]}' under {under} (settings: {string.Join(", ", known.Order(StringComparer.Ordinal))}).");
            }

            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type == typeof(string) || type.IsPrimitive || type.IsValueType)
            {
                if (i < parts.Length - 1)
                {
                    return CrmKitOptionsValidator.At(key, $"{property.Name} is a single value, not a section.");
                }

                return Converts(type, text.Trim()) ? null : CrmKitOptionsValidator.At(key, $"'{text}' is not {Describe(type)}.");
            }

            if (!type.IsClass || typeof(System.Collections.IEnumerable).IsAssignableFrom(type) || type.Assembly != typeof(CrmKitOptions).Assembly && type.Namespace?.StartsWith("CrmKit.Engine", StringComparison.Ordinal) != true)
            {
                return null;   // a list or an object set in code (plans, policy, journeys): left to the binder
            }

            owner = type;
        }

        return null;
    }

    /// <summary>
    /// Whether the binder can turn <paramref name="text"/> into <paramref name="type"/> (the value types CrmKit's settings
    /// use; enums are read by <see cref="EnumNames"/> above, other types are left to the binder). Parsed here, not through
    /// a TypeConverter, so no enum text can take the binder's Enum.Parse path.
    /// </summary>
    private static bool Converts(Type type, string text)
    {
        var inv = CultureInfo.InvariantCulture;
        return type switch
        {
            _ when type == typeof(string) || type.IsEnum => true,
            _ when type == typeof(bool) => bool.TryParse(text, out _),
            _ when type == typeof(int) => int.TryParse(text, NumberStyles.Integer, inv, out _),
            _ when type == typeof(long) => long.TryParse(text, NumberStyles.Integer, inv, out _),
            _ when type == typeof(double) => double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, inv, out _),
            _ when type == typeof(float) => float.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, inv, out _),
            _ when type == typeof(decimal) => decimal.TryParse(text, NumberStyles.Number, inv, out _),
            _ when type == typeof(TimeSpan) => TimeSpan.TryParse(text, inv, out _),
            _ => true,
        };
    }

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(TimeSpan) => "a time span ([d.]hh:mm:ss, e.g. 00:00:10)",
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "a number (invariant culture, e.g. 0.01)",
        _ => $"a {type.Name}",
    };

    /// <summary>Every enum setting reachable from <paramref name="options"/>: its configuration path, the object holding it, the property.</summary>
    internal static IEnumerable<(string Path, object Owner, PropertyInfo Property)> EnumSettings(object options)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type.IsEnum && property.CanWrite)
            {
                yield return (property.Name, options, property);
            }
            else if (type.Assembly == typeof(CrmKitOptions).Assembly && type.IsClass && property.GetValue(options) is { } settings)
            {
                foreach (var (path, owner, inner) in EnumSettings(settings))
                {
                    yield return ($"{property.Name}:{path}", owner, inner);
                }
            }
        }
    }
}
