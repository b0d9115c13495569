namespace CrmKit.Customers;

/// <summary>A customer's gender, as the customer stated it.</summary>
public enum Gender
{
    /// <summary>Female.</summary>
    Female,

    /// <summary>Male.</summary>
    Male,

    /// <summary>Another gender.</summary>
    Other,
}
