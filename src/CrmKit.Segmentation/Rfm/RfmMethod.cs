using System.Globalization;
using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>How RFM scores are given.</summary>
public enum RfmMethod
{
    /// <summary>Quintiles of the scored population, with a tie rule that does not depend on input order.</summary>
    Quintiles,

    /// <summary>Fixed thresholds chosen by the shop.</summary>
    Fixed,
}
