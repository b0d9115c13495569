using System.Text;

namespace CrmKit.Customers.Tests;

public class TextFoldTests
{
    [Theory]
    [InlineData("Nguyễn Văn An", "nguyen van an")]
    [InlineData("Nguyen van an", "nguyen van an")]
    [InlineData("  NGUYỄN   VĂN  AN ", "nguyen van an")]
    [InlineData("Đặng Thị Hường", "dang thi huong")]
    [InlineData("Trương Mỹ Lệ", "truong my le")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void ForMatching_FoldsDiacriticsCaseAndSpaces(string? text, string expected)
        => Assert.Equal(expected, TextFold.ForMatching(text));

    [Fact]
    public void ForMatching_NfcAndNfd_FoldTheSame()
    {
        const string name = "Nguyễn Thị Ánh Hồng";
        Assert.NotEqual(name.Normalize(NormalizationForm.FormC), name.Normalize(NormalizationForm.FormD));
        Assert.Equal(TextFold.ForMatching(name.Normalize(NormalizationForm.FormC)), TextFold.ForMatching(name.Normalize(NormalizationForm.FormD)));
    }

    [Fact]
    public void EqualsFolded_AccentVariants_AreEqual()
        => Assert.True(TextFold.EqualsFolded("Nguyễn Văn An", "nguyen VAN an"));

    [Fact]
    public void MaskName_KeepsInitialsOnly()
        => Assert.Equal("N***** V** A*", PersonalData.MaskName("Nguyễn Văn An"));
}
