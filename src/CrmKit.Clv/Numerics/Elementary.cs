namespace CrmKit.Clv.Numerics;

/// <summary>
/// e^x − 1 and ln(1 + x) accurate to a few ulps for small x. .NET's <c>double.ExpM1</c> and <c>double.LogP1</c> are
/// computed as <c>Math.Exp(x) - 1</c> and <c>Math.Log(x + 1)</c> (see the runtime's Double.cs), whose relative error is
/// ~1e-16/|x|: near a removable singularity that error is divided by the distance to it. These use Kahan's
/// correction (W. Kahan, "Further remarks on reducing truncation errors", 1965; Goldberg 1991, theorem 4): the rounding
/// error of 1 + x (or of e^x) is cancelled by dividing by the logarithm of the rounded value.
/// </summary>
internal static class Elementary
{
    /// <summary>e^x − 1.</summary>
    public static double ExpM1(double x)
    {
        if (Math.Abs(x) >= 0.5 || double.IsNaN(x))
        {
            return Math.Exp(x) - 1;
        }

        var u = Math.Exp(x);
        if (u == 1)
        {
            return x;
        }

        var um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }

    /// <summary>ln(1 + x) for x ≥ −1.</summary>
    public static double LogP1(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}
