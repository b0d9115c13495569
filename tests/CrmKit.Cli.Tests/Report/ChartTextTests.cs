using CrmKit.Cli.Report.Charts;

namespace CrmKit.Cli.Tests.Report;

// References: DejaVu Sans Book advance widths in units per 1000 em, read from /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
// with Chromium's canvas measureText at 1000 px ('0' 636, 'T' 611, 'e' 615, 't' 392, ' ' 318, '%' 950), and its
// ascent 928 + descent 236 (fontBoundingBoxAscent/Descent). Liberation Sans, Chromium's sans-serif on Debian, measured
// the same way ('0' 556, 'T' 611, 'e' 556, 't' 278), is narrower, so the measure reserves enough for it.
public class ChartTextTests
{
    [Theory]
    [InlineData("0", 10, 6.36)]
    [InlineData("100 %", 12, ((3 * 636) + 318 + 950) * 12 / 1000.0)]
    [InlineData("Tet", 10, (611 + 615 + 392) / 100.0)]
    public void Width_Ascii_DejaVuSansAdvances(string text, double fontSize, double expected)
        => Assert.Equal(expected, ChartText.Width(text, fontSize), 9);

    [Fact]
    public void Width_VietnameseDiacritics_TheBaseLettersWidth()
        // DejaVu Sans draws Tết with the widths of Tet (ế = e + circumflex + acute, marks of zero advance).
        => Assert.Equal(ChartText.Width("Tet", 10), ChartText.Width("Tết", 10), 9);

    [Fact]
    public void Width_SeveralLines_TheLongest()
        => Assert.Equal(ChartText.Width("000", 10), ChartText.Width("0\n000\n00", 10), 9);

    [Fact]
    public void Width_LiberationSansText_NeverNarrowerThanLiberationDraws()
    {
        // Liberation Sans (Arial metrics): digits 556, 'a'..'z' at most 833 ('m'), space 278 — all ≤ DejaVu's.
        Assert.True(ChartText.Width("1234567890", 12) >= 10 * 556 * 12 / 1000.0);
        Assert.True(ChartText.Width("m", 12) >= 833 * 12 / 1000.0);
    }

    [Fact]
    public void Height_Lines_AscentPlusDescentEach()
    {
        Assert.Equal(1.164 * 12, ChartText.Height("x", 12), 9);
        Assert.Equal(2 * 1.164 * 12, ChartText.Height("x\ny", 12), 9);
    }
}
