using System.Collections.Immutable;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Clv.Models;

/// <summary>The count models <see cref="ValueAnalysis"/> can fit.</summary>
public enum CountModelKind
{
    /// <summary>BG/NBD (Fader, Hardie and Lee 2005).</summary>
    BetaGeo,

    /// <summary>MBG/NBD (Batislam, Denizel and Filiztekin 2007).</summary>
    ModifiedBetaGeo,

    /// <summary>Pareto/NBD (Schmittlein, Morrison and Colombo 1987).</summary>
    ParetoNbd,
}
