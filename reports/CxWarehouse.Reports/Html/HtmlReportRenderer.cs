using Scriban;
using Scriban.Runtime;

namespace CxWarehouse.Reports.Html;

/// <summary>Renders <c>report.sbn-html</c> inside <c>_layout.sbn-html</c> with an escaping context.</summary>
internal sealed class HtmlReportRenderer
{
    public const string LayoutTemplate = "_layout.sbn-html";
    public const string ReportTemplate = "report.sbn-html";
    public const string MailTemplate = "mail.sbn-html";

    private readonly ConfinedTemplateLoader _loader;

    public HtmlReportRenderer(string templatesDirectory)
    {
        var root = Path.GetFullPath(templatesDirectory);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Templates directory not found: {root}");
        }

        _loader = new ConfinedTemplateLoader(root);
    }

    public string Render(HtmlReportView view)
    {
        var body = RenderTemplate(ReportTemplate, view, RawHtml.Empty);
        return RenderTemplate(LayoutTemplate, view, new RawHtml(body));
    }

    /// <summary>The weekly message's body: <c>mail.sbn-html</c> inside the layout.</summary>
    public string RenderMail(MailView view)
    {
        var body = RenderTemplate(MailTemplate, view, RawHtml.Empty);
        return RenderTemplate(LayoutTemplate, view, new RawHtml(body));
    }

    /// <summary>Renders one template; exposed for tests of the escaping and the loader.</summary>
    public string RenderTemplate(string name, object view, RawHtml content)
    {
        var path = _loader.Resolve(name);
        var template = Template.Parse(File.ReadAllText(path), path);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"Template {name} has errors: {string.Join("; ", template.Messages)}");
        }

        var context = new EscapingTemplateContext { TemplateLoader = _loader };

        // Partials render through this same context, so their output is already escaped: see TrustedIncludeFunction.
        context.BuiltinObject.Remove("include");
        context.BuiltinObject.SetValue("include", new TrustedIncludeFunction(), true);
        var globals = new ScriptObject();
        globals.SetValue("report", view, true);
        globals.SetValue("content", content, true);
        context.PushGlobal(globals);
        return template.Render(context);
    }
}
