using System.Reflection;
using CrmKit.Customers;
using Microsoft.Extensions.Configuration;

namespace CrmKit.DependencyInjection;

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
                options.BindingProblems.Add($"{CrmKitOptions.SectionName}:{path}: '{text}' is not one of {string.Join(", ", Enum.GetNames(type))}.");
            }
        }

        // Everything else goes through the configuration binder, without the enum keys handled above.
        var rest = new ConfigurationBuilder()
            .AddInMemoryCollection(section.AsEnumerable(makePathsRelative: true).Where(p => p.Value is not null && !enumKeys.Contains(p.Key)))
            .Build();
        rest.Bind(options);
    }

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
