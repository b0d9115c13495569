namespace CrmKit.Customers.Tests;

public class EmailAddressTests
{
    [Theory]
    [InlineData("An.Nguyen@Gmail.COM", "an.nguyen@gmail.com")]
    [InlineData("  mai+shop@yahoo.com.vn ", "mai+shop@yahoo.com.vn")]
    [InlineData("hoa@công-ty.vn", "hoa@xn--cng-ty-ixa.vn")]
    public void Parse_Valid_Normalises(string text, string expected)
        => Assert.Equal(expected, EmailAddress.Parse(text).Value);

    [Theory]
    [InlineData("", "Invalid email: the address is empty.")]
    [InlineData("an.gmail.com", "Invalid email: the address has no '@'.")]
    [InlineData("a@b@c.com", "Invalid email: the address has more than one '@'.")]
    [InlineData("an nguyen@gmail.com", "Invalid email: the part before '@' contains a space.")]
    [InlineData(".an@gmail.com", "Invalid email: the part before '@' starts or ends with a dot, or has two dots in a row.")]
    [InlineData("an@localhost", "Invalid email: the domain 'localhost' has no dot; a domain such as 'gmail.com' is needed.")]
    [InlineData("an@gmail..com", "Invalid email: the domain 'gmail..com' is not a valid domain name.")]
    [InlineData("an@gmail.c0m", "Invalid email: the domain 'gmail.c0m' does not end in a top-level domain such as '.com' or '.vn'.")]
    public void Parse_Invalid_SaysWhy(string text, string message)
        => Assert.Equal(message, Assert.Throws<InvalidValueException>(() => EmailAddress.Parse(text)).Message);

    [Fact]
    public void ToString_IsMasked()
        => Assert.Equal("a***@gmail.com", EmailAddress.Parse("an.nguyen@gmail.com").ToString());

    [Fact]
    public void Equality_IgnoresCase()
        => Assert.Equal(EmailAddress.Parse("AN@GMAIL.COM"), EmailAddress.Parse("an@gmail.com"));
}

/// <summary>
/// The ASCII fast path of the domain (no ICU call) against ICU itself: the reference is .NET's
/// <see cref="System.Globalization.IdnMapping.GetAscii(string)"/> (ICU's UTS #46 ToASCII), lower-cased as
/// <see cref="EmailAddress"/> stores it.
/// </summary>
public class EmailDomainFastPathTests
{
    private static readonly System.Globalization.IdnMapping Icu = new();

    private static string? IcuAscii(string domain)
    {
        try
        {
            return Icu.GetAscii(domain).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [Theory]
    [InlineData("gmail.com", "gmail.com")]
    [InlineData("Yahoo.COM.vn", "yahoo.com.vn")]
    [InlineData("cong-ty.vn", "cong-ty.vn")]
    [InlineData("a1.b2.c3", "a1.b2.c3")]
    public void PlainDomains_TakeTheFastPath_AsIcuReadsThem(string domain, string expected)
    {
        Assert.Equal(expected, EmailAddress.PlainAsciiDomain(domain));
        Assert.Equal(expected, IcuAscii(domain));
    }

    [Theory]
    [InlineData("công-ty.vn")]          // not ASCII: punycode by ICU
    [InlineData("xn--cng-ty-ixa.vn")]    // an A-label: ICU validates its punycode
    [InlineData("ab--cd.com")]           // hyphens in the third and fourth places: reserved, ICU rejects
    [InlineData("-shop.vn")]
    [InlineData("shop-.vn")]
    [InlineData("a..com")]
    [InlineData("shop_vn.com")]          // '_' is not a host-name character
    [InlineData("")]
    public void OtherDomains_AreLeftToIcu(string domain)
        => Assert.Null(EmailAddress.PlainAsciiDomain(domain));

    [Fact]
    public void LongLabels_AndNames_AreLeftToIcu()
    {
        Assert.Equal(new string('a', 63) + ".com", EmailAddress.PlainAsciiDomain(new string('a', 63) + ".com"));
        Assert.Null(EmailAddress.PlainAsciiDomain(new string('a', 64) + ".com"));
        var longest = string.Join('.', Enumerable.Repeat(new string('b', 62), 4)) + ".c"; // 4 × 62 + 3 dots + 2 = 253
        Assert.Equal(253, longest.Length);
        Assert.Equal(longest, EmailAddress.PlainAsciiDomain(longest));
        Assert.Null(EmailAddress.PlainAsciiDomain(longest + "c"));
    }

    // Every text of up to five characters over letters of both cases, a digit, '-', '.', 'x', 'n' and '_', each
    // followed by ".com": where the fast path accepts, it reads the domain exactly as ICU does (and never accepts one
    // ICU rejects); hyphen places, empty labels and A-label prefixes are all among them.
    [Fact]
    public void FastPath_AgreesWithIcu_OnEveryShortDomain()
    {
        const string Alphabet = "aZ0-.xn_";
        var accepted = 0;
        var texts = new List<string> { string.Empty };
        for (var length = 1; length <= 5; length++)
        {
            texts = [.. texts.Where(t => t.Length == length - 1).SelectMany(t => Alphabet.Select(c => t + c)), .. texts];
        }

        foreach (var domain in texts.Select(t => t + ".com"))
        {
            if (EmailAddress.PlainAsciiDomain(domain) is { } fast)
            {
                Assert.Equal(IcuAscii(domain), fast);
                accepted++;
            }
        }

        Assert.True(accepted > 1000, $"only {accepted} of {texts.Count} domains took the fast path");
    }

    // The same over longer random labels of host-name characters.
    [Property(MaxTest = 2000)]
    public Property FastPath_AgreesWithIcu()
    {
        var label = Gen.Choose(1, 20).SelectMany(n => Gen.ListOf(Gen.Elements("abZ09-xn".ToCharArray()), n)).Select(cs => new string([.. cs]));
        var domains = Gen.Choose(1, 4).SelectMany(n => Gen.ListOf(label, n)).Select(labels => string.Join('.', labels) + ".vn");
        return Prop.ForAll(domains.ToArbitrary(), domain =>
            EmailAddress.PlainAsciiDomain(domain) is not { } fast || fast == IcuAscii(domain));
    }

    [Fact]
    public void TheSeedsDomains_AndTheirCase_ParseAsBefore()
    {
        foreach (var (text, expected) in new[] { ("An@Gmail.Com", "an@gmail.com"), ("b@shop.com.vn", "b@shop.com.vn"), ("c@hoa-mai.vn.", "c@hoa-mai.vn") })
        {
            Assert.Equal(expected, EmailAddress.Parse(text).Value);
        }
    }
}
