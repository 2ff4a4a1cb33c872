namespace CxWarehouse.Reports.Tests.Support;

/// <summary>Approved-file snapshots (Verify is not available from the package source here).</summary>
/// <remarks>
/// Compares text with <c>Approved/&lt;name&gt;.approved.&lt;ext&gt;</c> after normalising line endings. On a
/// mismatch or a missing approved file it writes <c>&lt;name&gt;.received.&lt;ext&gt;</c> next to it and fails
/// with the first differing line. To accept a change, review the received file and rename it over the
/// approved one. A matching run deletes any stale received file.
/// </remarks>
internal static class ApprovedFile
{
    public static void Verify(string received, string name, string extension)
    {
        var approvedPath = Path.Combine(TestPaths.ApprovedDirectory, $"{name}.approved.{extension}");
        var receivedPath = Path.Combine(TestPaths.ApprovedDirectory, $"{name}.received.{extension}");
        var actual = Normalise(received);
        if (File.Exists(approvedPath))
        {
            var expected = Normalise(File.ReadAllText(approvedPath));
            if (expected == actual)
            {
                File.Delete(receivedPath);
                return;
            }

            Directory.CreateDirectory(TestPaths.ApprovedDirectory);
            File.WriteAllText(receivedPath, actual);
            Assert.Fail(
                $"Snapshot {name} differs from {approvedPath}.\n"
                + $"Received output written to {receivedPath}. If the change is intended, review it and rename it "
                + $"to the .approved file.\nFirst difference at {FirstDifference(expected, actual)}");
        }

        Directory.CreateDirectory(TestPaths.ApprovedDirectory);
        File.WriteAllText(receivedPath, actual);
        Assert.Fail(
            $"No approved snapshot {approvedPath}. Received output written to {receivedPath}; review it and rename "
            + "it to the .approved file.");
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
