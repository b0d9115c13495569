namespace CrmKit.Customers;

/// <summary>Whether a customer is a person or a business.</summary>
public enum CustomerKind
{
    /// <summary>A person buying for themselves.</summary>
    Individual,

    /// <summary>A company, shop or organisation.</summary>
    Business,
}
