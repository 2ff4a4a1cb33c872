namespace CxWarehouse.Reports.Mail;

/// <summary>The headers of the weekly message (<c>mail:</c> in cxwarehouse.yml).</summary>
public sealed record MessageOptions
{
    /// <summary>The subject when none is configured.</summary>
    public const string DefaultSubject = "{title} {period}: {off_target} off target, {near_target} near, {on_target} on target";

    /// <summary>The fields a subject template may name in braces.</summary>
    public static readonly IReadOnlyList<string> SubjectFields =
        ["title", "period", "range", "prior", "on_target", "near_target", "off_target", "without_data"];

    /// <summary>The sender, as <c>Name &lt;address&gt;</c> or an address; null leaves From out (a draft).</summary>
    public string? From { get; init; }

    public IReadOnlyList<string> To { get; init; } = [];

    public IReadOnlyList<string> Cc { get; init; } = [];

    /// <summary>The subject, with <see cref="SubjectFields"/> in braces.</summary>
    public string Subject { get; init; } = DefaultSubject;
}
