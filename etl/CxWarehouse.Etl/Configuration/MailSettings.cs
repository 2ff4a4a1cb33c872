namespace CxWarehouse.Etl.Configuration;

/// <summary>The <c>mail:</c> section: the SMTP server and the headers of the weekly message.</summary>
public sealed record MailSettings
{
    /// <summary>The subject's fields in braces (the report fills them; a test keeps the two lists equal).</summary>
    public static readonly IReadOnlyList<string> SubjectFields =
        ["title", "period", "range", "prior", "on_target", "near_target", "off_target", "without_data"];

    public required string Host { get; init; }

    public required int Port { get; init; }

    /// <summary>starttls (default), implicit or none (only to a server on this machine).</summary>
    public required string Tls { get; init; }

    /// <summary>The SMTP login, or null to send without authenticating.</summary>
    public string? User { get; init; }

    /// <summary>The environment variable holding the password (never the file itself).</summary>
    public string? PasswordEnv { get; init; }

    public required string From { get; init; }

    public required IReadOnlyList<string> To { get; init; }

    public IReadOnlyList<string> Cc { get; init; } = [];

    /// <summary>The subject template, or null for the report's default.</summary>
    public string? Subject { get; init; }
}
