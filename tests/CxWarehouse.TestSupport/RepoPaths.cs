namespace CxWarehouse.TestSupport;

/// <summary>Finds the repository root (the folder holding CxWarehouse.sln) from the test's output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CxWarehouse.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("CxWarehouse.sln not found above the test folder");
    }
}
