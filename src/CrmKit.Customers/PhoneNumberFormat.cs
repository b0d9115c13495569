using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace CrmKit.Customers;

/// <summary>How a <see cref="PhoneNumber"/> is written out.</summary>
public enum PhoneNumberFormat
{
    /// <summary>E.164: <c>+84912345678</c>. The canonical, stored form.</summary>
    E164,

    /// <summary>International with groups: <c>+84 912 345 678</c>.</summary>
    International,

    /// <summary>National with the trunk prefix: <c>0912 345 678</c> (Vietnamese numbers only; others fall back to international).</summary>
    National,

    /// <summary>Masked for logs and messages: <c>+84 9** *** *78</c>.</summary>
    Masked,
}
