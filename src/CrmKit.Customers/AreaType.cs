namespace CrmKit.Customers;

/// <summary>The kind of area a customer lives in.</summary>
public enum AreaType
{
    /// <summary>A city or town centre.</summary>
    Urban,

    /// <summary>The outskirts of a city.</summary>
    Suburban,

    /// <summary>The countryside.</summary>
    Rural,
}
