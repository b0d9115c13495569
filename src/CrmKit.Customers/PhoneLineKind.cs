using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace CrmKit.Customers;

/// <summary>What kind of line a Vietnamese number belongs to.</summary>
public enum PhoneLineKind
{
    /// <summary>Not known: a number outside Vietnam, whose numbering plan CrmKit does not check.</summary>
    Unknown,

    /// <summary>A mobile number (national significant number of 9 digits starting with an allocated network code: 03x, 05x, 07x, 08x, 09x).</summary>
    Mobile,

    /// <summary>A fixed line (national significant number of 10 digits starting with an allocated area code 02xx).</summary>
    Fixed,
}
