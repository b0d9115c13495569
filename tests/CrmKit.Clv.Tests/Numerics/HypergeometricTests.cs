using CrmKit.Clv.Numerics;

namespace CrmKit.Clv.Tests;

public class HypergeometricTests
{
    // References from mpmath 1.3.0 at 40 digits: python3 -c "import mpmath as m; m.mp.dps=40; print(m.hyp2f1(a, b, c, z))".
    // These arise in MBG/NBD predictions after a degenerate fit (r in the millions, a and b near 0): the first term
    // ab·z/c is huge, yet the terms shrink right after it.
    [Theory]
    [InlineData(14_000_000.0, 1.00000001, 2e-8, 2.6e-8, 26191152.634803262445)]
    [InlineData(3_500_000.0, 2.5, 0.001, 1e-6, 1243871.6669334301823)]
    [InlineData(14453076.761116222, 1.0000000090727317, 9.07e-9, 2.6e-8, 60328923.046326338105)]
    public void F21_TinyC_MatchesTheReference(double a, double b, double c, double z, double expected)
        => Assert.Equal(expected, Hypergeometric.F21(a, b, c, z), expected * 1e-12);
}
