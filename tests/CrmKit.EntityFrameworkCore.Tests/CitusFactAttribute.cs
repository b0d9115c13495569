namespace CrmKit.EntityFrameworkCore.Tests;

/// <summary>A fact that needs a Citus cluster; skipped, with the reason shown, when none is reachable.</summary>
public sealed class CitusFactAttribute : FactAttribute
{
    public CitusFactAttribute()
    {
        if (Citus.ConnectionString is null)
        {
            Skip = Citus.MissingReason;
        }
    }
}
