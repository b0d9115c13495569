namespace CrmKit.Customers;

/// <summary>A channel on which the shop and a customer communicate.</summary>
public enum ContactChannel
{
    /// <summary>Text message.</summary>
    Sms,

    /// <summary>Zalo message (Zalo OA / ZNS).</summary>
    Zalo,

    /// <summary>Email.</summary>
    Email,

    /// <summary>Voice call.</summary>
    PhoneCall,

    /// <summary>Chat on a social network or marketplace.</summary>
    Chat,

    /// <summary>Face to face in a store. Needs no consent.</summary>
    InPerson,
}
