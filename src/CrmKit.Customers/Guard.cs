using System.Collections.Immutable;

namespace CrmKit.Customers;

/// <summary>Argument checks shared by the model types; every failure is an <see cref="InvalidValueException"/>.</summary>
internal static class Guard
{
    public static string NotBlank(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidValueException(field, "must not be empty.");
        }

        return value.Trim();
    }

    public static string? TrimToNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static int InRange(int value, int min, int max, string field)
    {
        if (value < min || value > max)
        {
            throw new InvalidValueException(field, $"{value} is outside {min}..{max}.");
        }

        return value;
    }

    public static T Defined<T>(T value, string field)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new InvalidValueException(field, $"{value} is not a defined {typeof(T).Name}.");
        }

        return value;
    }

    public static T? Defined<T>(T? value, string field)
        where T : struct, Enum
        => value is { } v ? Defined(v, field) : null;

    public static TId Set<TId>(TId id, string field)
        where TId : struct, IIdentifier<TId>
    {
        if (id.Value is null)
        {
            throw new InvalidValueException(field, $"is the default {typeof(TId).Name}, which identifies nothing.");
        }

        return id;
    }

    public static ImmutableArray<T> OrEmpty<T>(ImmutableArray<T> value) => value.IsDefault ? [] : value;
}
