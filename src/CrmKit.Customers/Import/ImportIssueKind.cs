namespace CrmKit.Customers.Import;

/// <summary>
/// What kind of problem an <see cref="ImportIssue"/> is, so that its text can be written in the reader's language
/// (<see cref="ImportIssue.Describe"/>) from the kind and its <see cref="ImportIssue.Arguments"/>. The English
/// <see cref="ImportIssue.Reason"/> stays the machine-facing text in every language.
/// </summary>
/// <remarks>
/// Kinds are added as messages are translated; an issue of kind <see cref="Other"/> is described by its English reason.
/// Each kind documents its arguments in order; they are written as the reason quotes them (personal data masked).
/// </remarks>
public enum ImportIssueKind
{
    /// <summary>No translated message: the English <see cref="ImportIssue.Reason"/> is shown in every language.</summary>
    Other = 0,

    /// <summary>The file has no header row. No arguments.</summary>
    EmptyFile,

    /// <summary>A required field has no column. Arguments: the field; the names looked for; the header's names.</summary>
    MissingColumn,

    /// <summary>A column appears more than once in the header; the first is read. No arguments.</summary>
    RepeatedColumn,

    /// <summary>A column is not read and its name is close to a known one. Arguments: the known names it may mean.</summary>
    UnreadColumn,

    /// <summary>A required value is empty; the row is rejected. No arguments.</summary>
    RequiredValueEmpty,

    /// <summary>A consent cell is not a yes/no answer; no consent recorded. Arguments: the value; the yes words; the no words.</summary>
    NotYesNo,

    /// <summary>An order names no customer id (read without <see cref="CustomerDataSet"/>). No arguments.</summary>
    OrderWithoutCustomerId,

    /// <summary>An order's customer is not among the imported customers. Arguments: the customer id.</summary>
    UnknownCustomer,

    /// <summary>An order's customer is not in the customers file and was created from the order. Arguments: the customer id; the customers file.</summary>
    CustomerCreatedFromOrder,

    /// <summary>An order in another currency than its customer's first order was not imported. Arguments: the order id; its currency; the customer id; the customer's currency.</summary>
    CurrencyMismatch,

    /// <summary>A negative order amount was read as a return. Arguments: the order id; the amount; the amount returned; the currency code.</summary>
    NegativeAmountReturn,

    /// <summary>
    /// The file is not UTF-8 and its encoding could only be guessed, so it was not read. Arguments: the line of the
    /// first byte that is not UTF-8; the encoding it looks like, as <c>--encoding</c> takes it (<c>windows-1258</c>,
    /// <c>windows-1252</c>, <c>utf-16</c> …, or <c>utf-8</c> for a file that mixes encodings).
    /// </summary>
    NotUtf8,

    /// <summary>
    /// The file's bytes prove another encoding than the one given (a byte order mark, or valid UTF-8 beyond ASCII), so it
    /// was read as what it is. Arguments: the encoding found; the encoding given.
    /// </summary>
    EncodingOverridden,
}
