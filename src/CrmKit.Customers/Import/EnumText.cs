namespace CrmKit.Customers.Import;

/// <summary>Enum values in files: read by <see cref="EnumNames"/> (surrounding blanks trimmed), written in snake case (<c>phone_call</c>).</summary>
internal static class EnumText
{
    /// <summary>Reads a value by its name (see <see cref="EnumNames"/>): never by number, never a combination.</summary>
    public static bool TryParse<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
        => EnumNames.TryParse(text.AsSpan().Trim(), out value);

    /// <summary>The accepted names, comma-separated: <c>female, male, other</c>.</summary>
    public static string Names<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", System.Enum.GetValues<TEnum>().Select(Format));

    /// <summary><c>PhoneCall</c> → <c>phone_call</c>.</summary>
    public static string Format<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
