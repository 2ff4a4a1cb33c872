using Xunit.Sdk;

namespace CxWarehouse.Reports.Tests.Support;

public sealed class ApprovedFileTests
{
    [Fact]
    public void Verify_Mismatch_WritesReceivedAndFails()
    {
        var name = "ApprovedFileSelfTest-" + Guid.NewGuid().ToString("N");
        var approved = Path.Combine(TestPaths.ApprovedDirectory, name + ".approved.txt");
        var received = Path.Combine(TestPaths.ApprovedDirectory, name + ".received.txt");
        try
        {
            File.WriteAllText(approved, "line 1\nline 2\n");

            var ex = Assert.Throws<FailException>(() => ApprovedFile.Verify("line 1\r\nline two\r\n", TestPaths.ApprovedDirectory, name, "txt"));

            Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
            Assert.Contains("line two", ex.Message, StringComparison.Ordinal);
            Assert.Equal("line 1\nline two\n", File.ReadAllText(received));
            ApprovedFile.Verify("line 1\r\nline 2\r\n", TestPaths.ApprovedDirectory, name, "txt"); // CRLF is normalised
            Assert.False(File.Exists(received));
        }
        finally
        {
            File.Delete(approved);
            File.Delete(received);
        }
    }
}
