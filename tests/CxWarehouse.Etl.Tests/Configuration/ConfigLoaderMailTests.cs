using CxWarehouse.Etl.Configuration;

namespace CxWarehouse.Etl.Tests.Configuration;

public sealed class ConfigLoaderMailTests
{
    private const string Valid = """
        mail:
          host: smtp.example.com
          user: reports@example.com
          password_env: CXW_SMTP_PASSWORD
          from: "CX reports <reports@example.com>"
          to: [ana@example.com, "Bo Li <bo@example.com>"]
          cc: ops@example.com
          subject: "{title} {period}: {off_target} off target"

        """;

    private static CxConfig Parse(string yaml) =>
        ConfigLoader.Parse(Path.Combine(Path.GetTempPath(), "cxwarehouse.yml"), new StringReader(yaml));

    [Fact]
    public void Mail_Absent_IsNull()
    {
        Assert.Null(Parse("project: x\n").Mail);
    }

    [Fact]
    public void Mail_Section_IsRead_WithStartTlsOn587ByDefault()
    {
        var mail = Parse(Valid).Mail!;

        Assert.Equal("smtp.example.com", mail.Host);
        Assert.Equal(587, mail.Port);
        Assert.Equal("starttls", mail.Tls);
        Assert.Equal("reports@example.com", mail.User);
        Assert.Equal("CXW_SMTP_PASSWORD", mail.PasswordEnv);
        Assert.Equal("CX reports <reports@example.com>", mail.From);
        Assert.Equal(["ana@example.com", "Bo Li <bo@example.com>"], mail.To);
        Assert.Equal(["ops@example.com"], mail.Cc);
        Assert.Equal("{title} {period}: {off_target} off target", mail.Subject);
    }

    [Fact]
    public void Mail_ImplicitTls_DefaultsToPort465()
    {
        Assert.Equal(465, Parse(Valid.Replace("  host:", "  tls: implicit\n  host:")).Mail!.Port);
    }

    [Fact]
    public void Mail_NoTls_IsAllowedToThisMachine()
    {
        var mail = Parse(Valid.Replace("smtp.example.com", "localhost").Replace("  host:", "  tls: none\n  host:")).Mail!;

        Assert.Equal("none", mail.Tls);
    }

    [Theory]
    [InlineData("smtp.example.com", "tls: none", "mail.tls: tls: none would send the password in clear")]
    [InlineData("smtp.example.com", "tls: ssl", "mail.tls: 'ssl' is not one of starttls, implicit, none")]
    [InlineData("smtp.example.com", "port: 0", "mail.port: 0 is out of range")]
    [InlineData("smtp.example.com", "password: hunter2", "unknown key 'mail.password'")]
    [InlineData("smtp.example.com", "bcc: x@example.com", "unknown key 'mail.bcc'")]
    [InlineData("smtp example.com", "port: 25", "mail.host: 'smtp example.com' is not a host name")]
    public void Mail_BadSettings_NameTheKey(string host, string extra, string expected)
    {
        var yaml = Valid.Replace("smtp.example.com", host).Replace("  host:", $"  {extra}\n  host:");

        var ex = Assert.Throws<ConfigException>(() => Parse(yaml));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("cxwarehouse.yml:", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  to: [ana@example.com, \"Bo Li <bo@example.com>\"]", "  to: []", "mail.to: at least one recipient is needed")]
    [InlineData("  to: [ana@example.com, \"Bo Li <bo@example.com>\"]", "  to: ana", "mail.to: 'ana' is not an email address")]
    [InlineData("  from: \"CX reports <reports@example.com>\"", "  from: [a@example.com, b@example.com]", "mail.from: one sender address is needed")]
    [InlineData("{off_target} off target", "{red} off target", "mail.subject: unknown field {red}")]
    [InlineData("password_env: CXW_SMTP_PASSWORD", "password_env: $SMTP", "mail.password_env: '$SMTP' is not an environment variable name")]
    [InlineData("  user: reports@example.com\n", "", "mail.user: password_env is set: name the login that goes with it")]
    public void Mail_BadAddressesFieldsAndSecrets_AreRefused(string from, string to, string expected)
    {
        var ex = Assert.Throws<ConfigException>(() => Parse(Valid.Replace(from, to)));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
