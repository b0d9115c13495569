namespace CrmKit.Customers;

internal static class Identifier
{
    public const int MaxLength = 128;

    public static string Check(string? value, string kind)
    {
        var trimmed = Guard.NoControls(Guard.NotBlank(value, kind), kind, allowLineBreaks: false);
        if (trimmed.Length > MaxLength)
        {
            throw new InvalidValueException(kind, $"is {trimmed.Length} characters long; at most {MaxLength} are allowed.");
        }

        return trimmed;
    }

    public static int Compare(string? x, string? y) => string.CompareOrdinal(x, y);
}
