namespace CrmKit.Customers.Tests;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("0912345678")]
    [InlineData("0912 345 678")]
    [InlineData("0912.345.678")]
    [InlineData("091-234-5678")]
    [InlineData("+84912345678")]
    [InlineData("+84 912 345 678")]
    [InlineData("(+84) 912-345-678")]
    [InlineData("0084912345678")]
    [InlineData("84912345678")]
    [InlineData("912345678")]
    [InlineData("+84 0912 345 678")]
    [InlineData(" 0912\u00A0345\u00A0678 ")]
    public void Parse_VietnameseMobileInAnyCommonForm_IsTheSameNumber(string text)
    {
        var phone = PhoneNumber.Parse(text);
        Assert.Equal("+84912345678", phone.E164);
        Assert.Equal(PhoneLineKind.Mobile, phone.LineKind);
        Assert.Equal(PhoneNumber.Parse("0912345678"), phone);
    }

    [Fact]
    public void Parse_FixedLine_IsFixed()
    {
        var phone = PhoneNumber.Parse("024 3826 1234");
        Assert.Equal("+842438261234", phone.E164);
        Assert.Equal(PhoneLineKind.Fixed, phone.LineKind);
        Assert.Equal("024 3826 1234", phone.Format(PhoneNumberFormat.National));
        Assert.Equal("+84 236 382 1234", PhoneNumber.Parse("02363821234").Format(PhoneNumberFormat.International));
    }

    [Fact]
    public void Format_Vietnamese_AllFormats()
    {
        var phone = PhoneNumber.Parse("0912345678");
        Assert.Equal("+84912345678", phone.Format(PhoneNumberFormat.E164));
        Assert.Equal("+84 912 345 678", phone.Format(PhoneNumberFormat.International));
        Assert.Equal("0912 345 678", phone.Format(PhoneNumberFormat.National));
        Assert.Equal("+84 9** *** *78", phone.Format(PhoneNumberFormat.Masked));
    }

    [Fact]
    public void ToString_IsMasked()
    {
        var phone = PhoneNumber.Parse("0912345678");
        Assert.Equal("+84 9** *** *78", phone.ToString());
        Assert.DoesNotContain("345", $"{phone}", StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ForeignInternational_KeepsE164()
    {
        var phone = PhoneNumber.Parse("+65 9123 4567");
        Assert.Equal("+6591234567", phone.E164);
        Assert.False(phone.IsVietnamese);
        Assert.Equal(PhoneLineKind.Unknown, phone.LineKind);
    }

    [Fact]
    public void Parse_NationalNumberWithOtherDefaultCountry_UsesThatCode()
    {
        var options = new PhoneNumberParseOptions { DefaultCallingCode = 49 };
        Assert.Equal("+4930123456", PhoneNumber.Parse("030 123456", options).E164);
    }

    [Theory]
    [InlineData("", "Invalid phone number: the number is empty.")]
    [InlineData("abc", "Invalid phone number: character 'a' at position 1 is not allowed in a phone number. Write digits, spaces, dots, dashes or brackets only, with an optional leading '+'.")]
    [InlineData("091234567", "Invalid phone number: '09*****67' is too short for a Vietnamese number (9 digits with the leading 0).")]
    [InlineData("091234567890", "Invalid phone number: '09********90' is too long for a Vietnamese number (12 digits with the leading 0).")]
    [InlineData("09123456789", "Invalid phone number: '09*******89' is neither a Vietnamese mobile number (10 digits: 03, 05, 07, 08, 09…) nor a fixed line (11 digits: 02…).")]
    [InlineData("0112345678", "Invalid phone number: '01******78' is neither a Vietnamese mobile number (10 digits: 03, 05, 07, 08, 09…) nor a fixed line (11 digits: 02…).")]
    [InlineData("12345", "Invalid phone number: '1**45' has neither a country code ('+…' or '00…') nor the trunk prefix 0. Write it as 0xxx… or +cc xxx….")]
    public void Parse_Invalid_SaysWhyWithoutRevealingTheNumber(string text, string message)
        => Assert.Equal(message, Assert.Throws<InvalidValueException>(() => PhoneNumber.Parse(text)).Message);

    [Fact]
    public void Parse_LegacyMobilePrefix_RejectedWithHintByDefault()
    {
        var ex = Assert.Throws<InvalidValueException>(() => PhoneNumber.Parse("01689123456"));
        Assert.Equal("Invalid phone number: '01*******56' is a pre-2018 11-digit mobile number. Since 2018 the prefix 0168 is 038: write 03******56, or set ConvertLegacyVietnameseMobilePrefixes.", ex.Message);
    }

    [Theory]
    [InlineData("01689123456", "+84389123456")]
    [InlineData("0122 912 3456", "+84779123456")]
    [InlineData("+84 1299123456", "+84829123456")]
    [InlineData("0199 912 3456", "+84599123456")]
    public void Parse_LegacyMobilePrefix_ConvertedWhenAsked(string text, string e164)
        => Assert.Equal(e164, PhoneNumber.Parse(text, new PhoneNumberParseOptions { ConvertLegacyVietnameseMobilePrefixes = true }).E164);

    [Fact]
    public void Parse_MissingTrunkPrefixWhenNotAccepted_IsRejected()
        => Assert.False(PhoneNumber.TryParse("912345678", new PhoneNumberParseOptions { AcceptMissingTrunkPrefix = false }, out _, out _));

    [Fact]
    public void TryParse_Invalid_GivesReason()
    {
        Assert.False(PhoneNumber.TryParse("+1 23", PhoneNumberParseOptions.Default, out _, out var error));
        Assert.Equal("'+***' is not an E.164 number (a country code and 8 to 15 digits in all).", error);
    }
}
