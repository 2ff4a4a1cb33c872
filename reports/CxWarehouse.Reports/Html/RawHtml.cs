namespace CxWarehouse.Reports.Html;

/// <summary>
/// Markup built by this library from already-escaped parts (SVG charts, linkified quotes, rendered partials).
/// It is the only value <see cref="EscapingTemplateContext"/> writes without escaping.
/// </summary>
internal sealed class RawHtml(string value)
{
    public static readonly RawHtml Empty = new("");

    public string Value { get; } = value;

    public override string ToString() => Value;
}
