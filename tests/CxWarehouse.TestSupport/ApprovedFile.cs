using Xunit;

namespace CxWarehouse.TestSupport;

/// <summary>Approved-file snapshots (Verify is not available from the package source here).</summary>
/// <remarks>
/// Compares text with <c>&lt;directory&gt;/&lt;name&gt;.approved.&lt;ext&gt;</c> after normalising line endings. On
/// a mismatch or a missing approved file it writes <c>&lt;name&gt;.received.&lt;ext&gt;</c> next to it and fails
/// with the first differing line. To accept a change, review the received file and rename it over the approved
/// one, or run the tests with <c>CXW_APPROVE=1</c>, which writes the approved file instead of failing (then
/// review the change with <c>git diff</c>). A matching run deletes any stale received file.
/// </remarks>
public static class ApprovedFile
{
    /// <summary>The environment variable that, set to 1, accepts every received snapshot as approved.</summary>
    public const string ApproveVariable = "CXW_APPROVE";

    public static void Verify(string received, string directory, string name, string extension)
    {
        var approvedPath = Path.Combine(directory, $"{name}.approved.{extension}");
        var receivedPath = Path.Combine(directory, $"{name}.received.{extension}");
        var actual = Normalise(received);
        var expected = File.Exists(approvedPath) ? Normalise(File.ReadAllText(approvedPath)) : null;
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(directory);
        if (Environment.GetEnvironmentVariable(ApproveVariable) == "1")
        {
            File.WriteAllText(approvedPath, actual);
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        if (expected is null)
        {
            Assert.Fail(
                $"No approved snapshot {approvedPath}. Received output written to {receivedPath}; review it and rename "
                + $"it to the .approved file (or run the tests with {ApproveVariable}=1).");
            return;
        }

        Assert.Fail(
            $"Snapshot {name} differs from {approvedPath}.\n"
            + $"Received output written to {receivedPath}. If the change is intended, review it and rename it "
            + $"to the .approved file (or run the tests with {ApproveVariable}=1).\n"
            + $"First difference at {FirstDifference(expected, actual)}");
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                return $"line {i + 1}:\n  approved: {Shorten(e)}\n  received: {Shorten(a)}";
            }
        }

        return "an unknown position";
    }

    private static string Shorten(string line) => line.Length <= 200 ? line : line[..200] + "…";
}
