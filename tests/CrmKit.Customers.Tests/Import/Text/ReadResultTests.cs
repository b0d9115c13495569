using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

public class ReadResultTests
{
    [Fact]
    public void Default_IsAFailure()
    {
        var result = default(ReadResult<int>);
        Assert.False(result.Success);
        Assert.Equal("nothing was read", result.Error);
        Assert.Throws<InvalidOperationException>(() => result.Value);
    }

    [Fact]
    public void GetValueOrThrow_Failure_ThrowsForTheFieldWithTheError()
    {
        var ex = Assert.Throws<InvalidValueException>(() => ReadResult<LocalDate>.Fail("'31/02/2025' is not a date: February 2025 has 28 days").GetValueOrThrow("birth_date"));
        Assert.Equal("Invalid birth_date: '31/02/2025' is not a date: February 2025 has 28 days.", ex.Message);
    }

    [Fact]
    public void Ok_HasTheValueAndNoError()
    {
        var result = ReadResult<int>.Ok(7);
        Assert.True(result.Success);
        Assert.Null(result.Error);
        Assert.Equal(7, result.GetValueOrThrow("quantity"));
    }
}
