using System.Text;
using CrmKit.Customers.Import.Tabular;

namespace CrmKit.Customers.Tests.Import;

public class CellTests
{
    // The characters Cell.IsComposedAlready accepts without asking ICU.
    private static readonly char[] FastPath = [.. Enumerable.Range(0, 0x300).Concat(Enumerable.Range(0x1E00, 0x100)).Select(c => (char)c)];

    [Fact]
    public void IsComposedAlready_EveryAcceptedCharacterAndPair_IsNfc()
    {
        // Composition acts on adjacent characters, so single characters and every ordered pair decide the claim.
        var pair = new char[2];
        foreach (var first in FastPath)
        {
            Assert.True(first.ToString().IsNormalized(NormalizationForm.FormC), $"U+{(int)first:X4}");
            pair[0] = first;
            foreach (var second in FastPath)
            {
                pair[1] = second;
                var text = new string(pair);
                if (!text.IsNormalized(NormalizationForm.FormC))
                {
                    Assert.Fail($"U+{(int)first:X4} U+{(int)second:X4} is not NFC");
                }
            }
        }
    }

    // Every UTF-16 code unit (lone surrogates included), at the start, inside and at the end of a text longer than one
    // vector: the vectorised range check says what the per-character definition says.
    [Fact]
    public void IsComposedAlready_EveryCodeUnit_AgreesWithTheDefinition()
    {
        var text = new char[40];
        var disagreements = new List<string>();
        for (var c = 0; c <= 0xFFFF; c++)
        {
            var accepted = c < 0x300 || c is >= 0x1E00 and <= 0x1EFF;
            foreach (var at in (int[])[0, 17, 39])
            {
                Array.Fill(text, 'ạ');
                text[at] = (char)c;
                if (Cell.IsComposedAlready(new string(text)) != accepted)
                {
                    disagreements.Add($"U+{c:X4} at {at}");
                }
            }
        }

        Assert.Empty(disagreements);
    }

    [Theory]
    [InlineData("Nguyễn Thị Hà", true)]
    [InlineData("Đà Nẵng", true)]
    [InlineData("Nguye\u0302\u0303n", false)]
    [InlineData("\u1F71", false)]
    public void IsComposedAlready_VietnameseAndOthers(string text, bool expected)
        => Assert.Equal(expected, Cell.IsComposedAlready(text));

    [Fact]
    public void Clean_DecomposedVietnamese_IsComposed()
        => Assert.Equal("Hà Nội", Cell.Clean(" Ha\u0300 No\u0323\u0302i\u00A0"));

    [Theory]
    [InlineData("=\"0912345678\"", "0912345678")]      // an export keeping a phone's leading zero
    [InlineData("=\"00123\"", "00123")]
    [InlineData("'=\"x\"", "=\"x\"")]                  // text written by SpreadsheetSafety: stays as it was
    [InlineData("=\"a\"\"b\"", "=\"a\"\"b\"")]          // more quotes: not that form
    [InlineData("=\" \"", null)]
    public void Clean_ExcelTextForcingForm_IsUnwrapped(string text, string? expected)
        => Assert.Equal(expected, Cell.Clean(text));
}
