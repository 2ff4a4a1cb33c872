using System.Text.RegularExpressions;

namespace CxWarehouse.Etl.Configuration;

/// <summary>The <c>mail:</c> section: where <c>cxw report --mail</c> sends the weekly message.</summary>
public static partial class ConfigLoader
{
    private static readonly string[] s_loopback = ["localhost", "127.0.0.1", "::1", "[::1]"];

    private static MailSettings? ReadMail(YamlReader yaml)
    {
        if (yaml.Map("mail") is not { } mail)
        {
            return null;
        }
        mail.OnlyKeys("host", "port", "tls", "user", "password_env", "from", "to", "cc", "subject");
        var host = mail.RequiredString("host");
        if (!HostPattern().IsMatch(host))
        {
            throw mail.Error("host", $"'{host}' is not a host name or address");
        }
        var tls = mail.OneOf("tls", "starttls", "implicit", "none") ?? "starttls";
        var port = mail.Number<int>("port", 1, 65535) ?? (tls == "implicit" ? 465 : 587);
        var user = mail.String("user");
        var passwordEnv = mail.String("password_env");
        if (passwordEnv is not null && !EnvPattern().IsMatch(passwordEnv))
        {
            throw mail.Error("password_env", $"'{passwordEnv}' is not an environment variable name (A-Z, 0-9, _)");
        }
        if (passwordEnv is not null && user is null)
        {
            throw mail.Error("user", "password_env is set: name the login that goes with it");
        }
        if (tls == "none" && user is not null && !s_loopback.Contains(host, StringComparer.OrdinalIgnoreCase))
        {
            throw mail.Error("tls", "tls: none would send the password in clear: use starttls or implicit "
                + "(tls: none is for a relay on this machine, localhost)");
        }
        var to = Addresses(mail, "to");
        if (to.Count == 0)
        {
            throw mail.Error("to", "at least one recipient is needed");
        }
        var subject = mail.String("subject");
        if (subject is not null)
        {
            foreach (Match field in SubjectField().Matches(subject))
            {
                var name = field.Groups[1].Value;
                if (!MailSettings.SubjectFields.Contains(name, StringComparer.Ordinal))
                {
                    throw mail.Error("subject", $"unknown field {{{name}}} (known: {string.Join(", ", MailSettings.SubjectFields)})");
                }
            }
        }
        return new MailSettings
        {
            Host = host,
            Port = port,
            Tls = tls,
            User = user,
            PasswordEnv = passwordEnv,
            From = Addresses(mail, "from") is [var from] ? from : throw mail.Error("from", "one sender address is needed"),
            To = to,
            Cc = Addresses(mail, "cc"),
            Subject = subject,
        };
    }

    /// <summary>Addresses as <c>a@example.com</c> or <c>Name &lt;a@example.com&gt;</c>; one or a list.</summary>
    private static IReadOnlyList<string> Addresses(YamlReader mail, string key)
    {
        var list = mail.StringList(key);
        foreach (var address in list)
        {
            if (!AddressPattern().IsMatch(address))
            {
                throw mail.Error(key, $"'{address}' is not an email address (a@example.com or Name <a@example.com>)");
            }
        }
        return list;
    }

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9.-]{0,252}[A-Za-z0-9])?$|^\[?[0-9A-Fa-f:.]+\]?$")]
    private static partial Regex HostPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}$")]
    private static partial Regex EnvPattern();

    [GeneratedRegex(@"^([^<>@\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$")]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex SubjectField();
}
