namespace CrmKit.Customers;

/// <summary>Why the shop contacts a customer; consent is given per channel and purpose.</summary>
public enum ContactPurpose
{
    /// <summary>Service messages about an order, a ticket or the account.</summary>
    Transactional,

    /// <summary>Advertising, promotions, newsletters.</summary>
    Marketing,
}
