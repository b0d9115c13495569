using System.Text.Json.Serialization;

namespace CrmKit.Customers;

/// <summary>Where a customer lives: province (or state), optional city or district, and the kind of area.</summary>
public sealed record Location
{
    /// <summary>Creates a location.</summary>
    /// <param name="province">The province or state, e.g. <c>Hà Nội</c>, <c>TP. Hồ Chí Minh</c>.</param>
    /// <param name="city">The city or district, if known.</param>
    /// <param name="area">Urban, suburban or rural, if known.</param>
    public Location(string province, string? city = null, AreaType? area = null)
    {
        Province = province;
        City = city;
        Area = area;
    }

    // Used by System.Text.Json, which then sets each property through its validating init accessor.
#pragma warning disable CS8618, CS9264
    [JsonConstructor]
    private Location()
    {
    }
#pragma warning restore CS8618, CS9264

    /// <summary>The province or state.</summary>
    [JsonRequired]
    public string Province { get; init => field = Guard.NotBlank(value, "province"); }

    /// <summary>The city or district, if known.</summary>
    public string? City { get; init => field = Guard.TrimToNull(value); }

    /// <summary>Urban, suburban or rural, if known.</summary>
    public AreaType? Area { get; init => field = Guard.Defined(value, "area"); }
}
