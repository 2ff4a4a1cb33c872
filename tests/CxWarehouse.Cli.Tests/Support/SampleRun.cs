namespace CxWarehouse.Cli.Tests.Support;

/// <summary>
/// One real <c>cxw run</c> and <c>cxw report</c> of the committed sample config over data-sample/, into a
/// temporary lake, warehouse and output folder; shared by the end-to-end tests.
/// </summary>
public sealed class SampleRun : IDisposable
{
    public SampleRun()
    {
        Directory.CreateDirectory(Folder);
        Run = Cxw.Run(Cxw.RepoRoot, ["run", .. Globals]);
        Report = Cxw.Run(Cxw.RepoRoot, ["report", .. Globals]);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "cxw-e2e-" + Guid.NewGuid().ToString("N"));

    public string Warehouse => Path.Combine(Folder, "warehouse", "cx.duckdb");

    public string Output => Path.Combine(Folder, "out");

    public string[] Globals => ["--lake", Path.Combine(Folder, "lake"), "--warehouse", Warehouse, "--output", Output];

    public CxwResult Run { get; }

    public CxwResult Report { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
