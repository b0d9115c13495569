using System.Collections.Immutable;
using NodaTime;

namespace CrmKit.Customers.Privacy;

/// <summary>What a retention policy does with a customer inactive past its period.</summary>
public enum RetentionAction
{
    /// <summary>Report the customer, change nothing (the host decides).</summary>
    Flag,

    /// <summary>Erase the customer's personal data (<see cref="PersonalDataEraser"/>, basis <see cref="ErasureBasis.RetentionPolicy"/>).</summary>
    Erase,
}
