using System.Collections.Immutable;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>Whether the customer can be reached: an email address (for <see cref="ContactChannel.Email"/>) and a phone number (for SMS, Zalo and calls).</summary>
/// <param name="Email">The profile has at least one email address.</param>
/// <param name="Phone">The profile has at least one phone number.</param>
public sealed record ContactAddresses(bool Email, bool Phone)
{
    /// <summary>The addresses of a profile.</summary>
    /// <param name="customer">The profile.</param>
    public static ContactAddresses Of(Customer customer) => new(!(customer ?? throw new ArgumentNullException(nameof(customer))).Emails.IsDefaultOrEmpty, !customer.Phones.IsDefaultOrEmpty);

    /// <summary>Why a message on <paramref name="channel"/> cannot be delivered (<c>no email address</c>, <c>no phone number</c>), else none (in person and chat need no address).</summary>
    /// <param name="channel">The channel.</param>
    public string? Missing(ContactChannel channel) => channel switch
    {
        ContactChannel.Email when !Email => "no email address",
        ContactChannel.Sms or ContactChannel.Zalo or ContactChannel.PhoneCall when !Phone => "no phone number",
        _ => null,
    };
}
