using CxWarehouse.Etl.Configuration;
using CxWarehouse.Reports.Mail;

namespace CxWarehouse.Cli.Tests;

public sealed class MailSubjectFieldsTests
{
    /// <summary>The configuration accepts exactly the subject fields the report fills in.</summary>
    [Fact]
    public void SubjectFields_ConfigurationAndReport_AreTheSame()
    {
        Assert.Equal(MessageOptions.SubjectFields, MailSettings.SubjectFields);
    }
}
