namespace CrmKit.Customers.Tests.Errors;

public class GuardTests
{
    // Every UTF-16 code unit, at the start, inside and at the end of a text longer than one vector, in ASCII and in
    // non-ASCII text: the range pre-check never hides a control character and never reports another one.
    [Theory]
    [InlineData(true, 'a')]
    [InlineData(false, 'a')]
    [InlineData(true, 'ộ')]
    [InlineData(false, 'ộ')]
    public void ControlAt_EveryCodeUnit_IsFoundExactlyWhenAControl(bool allowLineBreaks, char filler)
    {
        var text = new char[40];
        var checkedPlaces = 0;
        for (var c = 0; c <= 0xFFFF; c++)
        {
            var control = c < 0x20 || c is >= 0x7F and <= 0x9F;
            var lineBreak = c is 0x09 or 0x0A or 0x0D;
            foreach (var at in (int[])[0, 17, 39])
            {
                Array.Fill(text, filler);
                text[at] = (char)c;
                var expected = control && !(allowLineBreaks && lineBreak) ? at : -1;
                var found = Guard.ControlAt(text, allowLineBreaks);
                if (found != expected)
                {
                    Assert.Fail($"U+{c:X4} at {at}: found {found}, expected {expected}");
                }

                checkedPlaces++;
            }
        }

        Assert.Equal(3 * 0x10000, checkedPlaces);
    }
}
