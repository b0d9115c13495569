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
