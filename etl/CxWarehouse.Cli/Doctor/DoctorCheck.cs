namespace CxWarehouse.Cli.Doctor;

/// <summary>One finding of <c>cxw doctor</c>: ok, warn or fail, what was checked, what was found and the fix.</summary>
internal sealed record DoctorCheck(string Status, string Check, string Detail, string? Fix = null)
{
    public const string Ok = "ok";
    public const string Warn = "warn";
    public const string Fail = "fail";

    /// <summary>The plain line: <c>status  check  detail; fix: what to do</c>.</summary>
    public override string ToString() =>
        $"{Status,-4}  {Check}  {Detail}" + (Fix is null ? "" : "; fix: " + Fix);
}
