using CrmKit.Clv.Numerics;

namespace CrmKit.Clv.Tests;

/// <summary>e^x − 1 and ln(1 + x) against mpmath's expm1 and log1p (40 digits), 5e-16 relative (a few ulps).</summary>
public class ElementaryTests
{
    [Theory]
    [InlineData(1e-10, 1.00000000005e-10, 9.9999999995e-11)]
    [InlineData(-3e-7, -2.999999550000045e-7, -3.00000045000009e-7)]
    [InlineData(0.3, 0.3498588075760031, 0.26236426446749105)]
    [InlineData(-0.49, -0.38737360581558393, -0.6733445532637656)]
    public void ExpM1AndLogP1_SmallArguments_AreAccurate(double x, double expM1, double logP1)
    {
        Assert.Equal(expM1, Elementary.ExpM1(x), Math.Abs(expM1) * 5e-16);
        Assert.Equal(logP1, Elementary.LogP1(x), Math.Abs(logP1) * 5e-16);
    }
}
