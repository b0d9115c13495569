using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

public class TextEncodingNameTests
{
    [Theory]
    [InlineData("utf-8", 65001)]
    [InlineData("UTF8", 65001)]
    [InlineData(" utf_8 ", 65001)]
    [InlineData("utf-16", 1200)]
    [InlineData("unicode", 1200)]
    [InlineData("utf-16be", 1201)]
    [InlineData("utf-32", 12000)]
    [InlineData("windows-1258", 1258)]
    [InlineData("cp1258", 1258)]
    [InlineData("1258", 1258)]
    [InlineData("Windows-1252", 1252)]
    [InlineData("cp1252", 1252)]
    [InlineData("latin1", 28591)]
    [InlineData("ISO-8859-1", 28591)]
    [InlineData("ascii", 20127)]
    [InlineData("shift_jis", 932)]
    [InlineData("874", 874)]
    public void Resolve_KnownName_GivesTheEncoding(string name, int codePage)
        => Assert.Equal(codePage, TextEncodingName.Resolve(name).CodePage);

    [Fact]
    public void Resolve_Utf8_WritesNoByteOrderMark()
        => Assert.Empty(TextEncodingName.Resolve("utf-8").GetPreamble());

    [Fact]
    public void Resolve_UnknownName_ListsTheAcceptedNames()
    {
        var ex = Assert.Throws<InvalidValueException>(() => TextEncodingName.Resolve("vni"));
        Assert.Equal(
            "Invalid encoding: 'vni' is not a text encoding CrmKit knows; use one of utf-8 (utf8), utf-16 (utf-16le, unicode), utf-16be, utf-32 (utf-32le), utf-32be, "
            + "windows-1258 (cp1258, 1258), windows-1252 (cp1252, 1252), latin1 (iso-8859-1), us-ascii (ascii), or another code page name or number known to .NET, such as shift_jis or 932.",
            ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("99999")]
    public void TryResolve_Nothing_Fails(string name)
        => Assert.False(TextEncodingName.TryResolve(name, out _, out _));

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16")]
    [InlineData("utf-16be")]
    [InlineData("utf-32")]
    [InlineData("utf-32be")]
    [InlineData("windows-1258")]
    [InlineData("windows-1252")]
    [InlineData("latin1")]
    [InlineData("us-ascii")]
    public void NameOf_ResolvesBackToTheSameCodePage(string name)
    {
        var encoding = TextEncodingName.Resolve(name);
        Assert.Equal(name, TextEncodingName.NameOf(encoding));
        Assert.Equal(encoding.CodePage, TextEncodingName.Resolve(TextEncodingName.NameOf(encoding)).CodePage);
    }

    [Fact]
    public void Windows1258_DecodesTheVietnameseLettersOfItsTable()
        => Assert.Equal("ĂăĐđƠơƯư₫", TextEncodingName.Windows1258.GetString([0xC3, 0xE3, 0xD0, 0xF0, 0xD5, 0xF5, 0xDD, 0xFD, 0xFE]));

}
