using Scriban;
using Scriban.Functions;
using Scriban.Runtime;
using Scriban.Syntax;

namespace CxWarehouse.Reports.Html;

/// <summary>
/// Scriban's <c>include</c>, returning <see cref="RawHtml"/>: the partial's own values were already escaped
/// by <see cref="EscapingTemplateContext"/> while it rendered, so its output must not be escaped twice.
/// </summary>
internal sealed class TrustedIncludeFunction : IScriptCustomFunction
{
    private readonly IncludeFunction _inner = new();

    public int RequiredParameterCount => _inner.RequiredParameterCount;

    public int ParameterCount => _inner.ParameterCount;

    public ScriptVarParamKind VarParamKind => _inner.VarParamKind;

    public Type ReturnType => typeof(RawHtml);

    public ScriptParameterInfo GetParameterInfo(int index) => _inner.GetParameterInfo(index);

    public object? Invoke(
        TemplateContext context,
        ScriptNode? callerContext,
        ScriptArray arguments,
        ScriptBlockStatement? blockStatement) =>
        new RawHtml(context.ObjectToString(_inner.Invoke(context, callerContext, arguments, blockStatement)) ?? "");

    public ValueTask<object?> InvokeAsync(
        TemplateContext context,
        ScriptNode? callerContext,
        ScriptArray arguments,
        ScriptBlockStatement? blockStatement) =>
        ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));
}
