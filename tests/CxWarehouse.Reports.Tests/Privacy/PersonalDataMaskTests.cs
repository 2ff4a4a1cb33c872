using CxWarehouse.Reports.Privacy;

namespace CxWarehouse.Reports.Tests.Privacy;

public sealed class PersonalDataMaskTests
{
    [Theory]
    [InlineData("john.doe@example.com", "j***@e***.com")]
    [InlineData("  Ana@Mail.Example.PT ", "A***@M***.PT")]
    [InlineData("a@b", "a***@b***")]
    [InlineData("not-an-email", "n***")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Email_MasksMailboxAndDomain(string? email, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Email(email));

    [Theory]
    [InlineData("+351 912 345 678", "***78")]
    [InlineData("(555) 123-4567", "***67")]
    [InlineData("7", "***")]
    [InlineData("", "")]
    public void Phone_KeepsLastTwoDigits(string phone, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Phone(phone));

    [Theory]
    [InlineData("Maria Silva", "M***")]
    [InlineData("王小明", "王***")]
    [InlineData("😀 Smile", "😀***")]
    [InlineData("e\u0301lise", "e\u0301***")]
    public void Name_KeepsInitialTextElement(string name, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Name(name));

    [Fact]
    public void FreeText_MasksEmailsAndPhones_KeepsDates()
    {
        var masked = PersonalDataMask.FreeText("Call me on +44 20 7946 0958 or ana.silva@example.com by 2026-11-20");

        Assert.Equal("Call me on ***58 or a***@e***.com by 2026-11-20", masked);
    }

    [Fact]
    public void FreeText_HugeInput_Linear()
    {
        var text = new string('a', 200_000) + "@";

        var masked = PersonalDataMask.FreeText(text);

        Assert.Equal(text, masked);
    }
}
