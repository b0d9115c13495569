namespace CrmKit.Customers.Import;

/// <summary>What a bad or missing value of a field does to its row.</summary>
internal enum FieldUse
{
    /// <summary>The row needs the field: an empty or bad value rejects the row.</summary>
    Required,

    /// <summary>The field may be empty; a bad value rejects the row because reading on without it would change the row's meaning (a status, a currency).</summary>
    Significant,

    /// <summary>The field may be empty; a bad value is a warning, the field is left unset and the row kept.</summary>
    Optional,
}
