using System.Diagnostics.CodeAnalysis;

namespace CrmKit.Customers.Import;

/// <summary>
/// The outcome of reading one cell: the value, or why the text is not one. Reading a cell fails often and
/// expectedly (that is what an import report is made of), so failures are returned, not thrown;
/// <see cref="GetValueOrThrow"/> throws for callers that want an exception.
/// </summary>
/// <typeparam name="T">The type of the value read.</typeparam>
internal readonly struct ReadResult<T>
{
    private readonly T _value;
    private readonly string? _error;
    private readonly bool _read;

    private ReadResult(T value, string? error)
    {
        _value = value;
        _error = error;
        _read = error is null;
    }

    /// <summary>Whether the text was read. A <see langword="default"/> result is a failure.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => _read;

    /// <summary>
    /// Why the text is not a value, quoting it as written (e.g. <c>'31/02/2025' is not a date: February 2025 has
    /// 28 days</c>); <see langword="null"/> on success. A sentence without a final full stop, so that a caller can
    /// add the location in front and a hint behind.
    /// </summary>
    public string? Error => _read ? null : _error ?? "nothing was read";

    /// <summary>The value read.</summary>
    /// <exception cref="InvalidOperationException">The text was not read; see <see cref="Error"/>.</exception>
    public T Value => Success ? _value : throw new InvalidOperationException($"There is no value: {Error}.");

    /// <summary>A successful result.</summary>
    public static ReadResult<T> Ok(T value) => new(value, null);

    /// <summary>A failed result with its reason.</summary>
    public static ReadResult<T> Fail(string error) => new(default!, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>The value, or an <see cref="InvalidValueException"/> for <paramref name="field"/> carrying <see cref="Error"/>.</summary>
    /// <exception cref="InvalidValueException">The text was not read.</exception>
    public T GetValueOrThrow(string field) => Success ? _value : throw new InvalidValueException(field, Error + ".");

    /// <inheritdoc/>
    public override string ToString() => Success ? $"{_value}" : $"error: {Error}";
}
