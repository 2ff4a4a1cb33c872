using System.Runtime.CompilerServices;

namespace CxWarehouse.Reports.Tests.Support;

/// <summary>Locations in the source tree, found from this file's compile-time path.</summary>
internal static class TestPaths
{
    public static string TestProjectDirectory { get; } = Path.GetDirectoryName(Path.GetDirectoryName(ThisFile()))!;

    public static string RepositoryRoot => RepoPaths.Root;

    public static string TemplatesDirectory { get; } = Path.Combine(RepositoryRoot, "templates", "html");

    public static string ApprovedDirectory { get; } = Path.Combine(TestProjectDirectory, "Approved");

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
