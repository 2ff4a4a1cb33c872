using System.Text.RegularExpressions;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace CxWarehouse.Reports.Html;

/// <summary>Loads <c>include</c>d templates from one folder only.</summary>
/// <remarks>
/// A name must be a relative path of plain segments ending in <c>.sbn-html</c> (for example
/// <c>partials/headline.sbn-html</c>): <c>..</c>, absolute paths, drive letters and backslashes are refused,
/// the resolved full path must stay under the root, and symbolic links are refused.
/// </remarks>
internal sealed partial class ConfinedTemplateLoader : ITemplateLoader
{
    private readonly string _root;

    public ConfinedTemplateLoader(string root)
    {
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
    }

    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) =>
        Resolve(templateName, callerSpan);

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        File.ReadAllText(Resolve(Path.GetRelativePath(_root, templatePath).Replace('\\', '/'), callerSpan));

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));

    /// <summary>The full path of <paramref name="templateName"/> under the root, or an exception.</summary>
    public string Resolve(string templateName, SourceSpan span = default)
    {
        if (string.IsNullOrEmpty(templateName) || !SafeName().IsMatch(templateName))
        {
            throw new ScriptRuntimeException(
                span, $"Template name '{templateName}' is not allowed: use a relative path ending in .sbn-html.");
        }

        var fullPath = Path.GetFullPath(Path.Combine(_root, templateName));
        if (!fullPath.StartsWith(_root, StringComparison.Ordinal))
        {
            throw new ScriptRuntimeException(span, $"Template '{templateName}' is outside the templates folder.");
        }

        // Refuse links anywhere between the root and the file: they could point outside it.
        for (var path = fullPath; path.Length > _root.Length; path = Path.GetDirectoryName(path)!)
        {
            FileSystemInfo info = path == fullPath ? new FileInfo(path) : new DirectoryInfo(path);
            if (info.LinkTarget is not null)
            {
                throw new ScriptRuntimeException(span, $"Template '{templateName}' is a symbolic link.");
            }
        }

        if (!File.Exists(fullPath))
        {
            throw new ScriptRuntimeException(span, $"Template '{templateName}' not found in {_root}.");
        }

        return fullPath;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_\-]+(/[A-Za-z0-9_\-]+)*\.sbn-html$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeName();
}
