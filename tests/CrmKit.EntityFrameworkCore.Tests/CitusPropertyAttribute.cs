namespace CrmKit.EntityFrameworkCore.Tests;

/// <summary>A property that needs a Citus cluster; skipped, with the reason shown, when none is reachable.</summary>
public sealed class CitusPropertyAttribute : PropertyAttribute
{
    public CitusPropertyAttribute()
    {
        if (Citus.ConnectionString is null)
        {
            Skip = Citus.MissingReason;
        }
    }
}
