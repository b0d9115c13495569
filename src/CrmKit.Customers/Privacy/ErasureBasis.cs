using System.Globalization;
using System.Text;
using NodaTime;

namespace CrmKit.Customers.Privacy;

/// <summary>Why a customer was erased.</summary>
public enum ErasureBasis
{
    /// <summary>The customer asked to be forgotten (GDPR art. 17; the right to deletion of Vietnam's Decree 13/2023).</summary>
    DataSubjectRequest,

    /// <summary>The retention policy: the customer was inactive for longer than the shop keeps personal data.</summary>
    RetentionPolicy,

    /// <summary>Another legal ground recorded by the host (see <see cref="ErasureRecord.Reference"/>).</summary>
    Other,
}
