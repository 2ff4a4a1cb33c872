using CxWarehouse.Etl.Configuration;

namespace CxWarehouse.Etl.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    private static CxConfig Parse(string yaml, string? root = null) =>
        ConfigLoader.Parse(Path.Combine(root ?? Path.GetTempPath(), "cxwarehouse.yml"), new StringReader(yaml), root);

    [Fact]
    public void Load_CommittedSampleConfig_ReadsEverySource()
    {
        var config = ConfigLoader.Load(Path.Combine(RepoPaths.Root, "cxwarehouse.yml"));

        Assert.Equal("Europe/London", config.Reporting.TimeZone);
        Assert.Equal(["salesforce", "ga4", "connect", "asterisk", "qualtrics", "google", "dianping",
                "brightframe_google", "brightframe_dianping", "snapshot_google", "snapshot_dianping"],
            config.Sources.Select(s => s.Name));
        Assert.Equal([null, null, null, null, null, null, null, "Brightframe Studios", "Brightframe Studios",
                "Snapshot Photo Co.", "Snapshot Photo Co."], config.Sources.Select(s => s.Competitor));
        Assert.All(config.Sources, s => Assert.StartsWith(Path.Combine(RepoPaths.Root, "data-sample"), s.Path));
        Assert.Equal(45, config.Targets["nps"]);
    }

    [Fact]
    public void Parse_UnknownKey_NamesKeyAndLine()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("project: x\nreporting:\n  time_zone: UTC\n  colour: red\n"));

        Assert.Contains("cxwarehouse.yml:4:", error.Message, StringComparison.Ordinal);
        Assert.Contains("reporting.colour", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeyIncludesCursor_OnAStreamWithoutACursor_NamesKeyAndLine()
    {
        // crm.agents has no cursor, so there is no span for its key to include.
        var error = Assert.Throws<ConfigException>(() => Parse("""
            sources:
              - name: team
                kind: crm
                path: exports
                streams:
                  crm.agents:
                    files: users.csv
                    key_includes_cursor: true
                    fields:
                      agent_id: Id
            """));

        Assert.Contains("cxwarehouse.yml:8:", error.Message, StringComparison.Ordinal);
        Assert.Contains("crm.agents has no cursor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadTimeZone_NamesKeyAndLine()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("reporting:\n  time_zone: Mars/Olympus\n"));

        Assert.Contains(":2:", error.Message, StringComparison.Ordinal);
        Assert.Contains("reporting.time_zone", error.Message, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownProfile_ListsTheBuiltInOnes()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("sources:\n  - name: x\n    profile: sap\n    path: crm\n"));

        Assert.Contains("sources[0].profile", error.Message, StringComparison.Ordinal);
        Assert.Contains("salesforce", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../secrets", "'..'")]
    [InlineData("/etc", "absolute path")]
    public void Parse_PathOutsideRoot_IsRejected(string path, string reason)
    {
        var error = Assert.Throws<ConfigException>(() =>
            Parse($"sources:\n  - name: crm\n    profile: salesforce\n    path: {path}\n"));

        Assert.Contains("sources[0].path", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SymlinkOutOfRoot_IsRejected()
    {
        using var folder = new TempFolder();
        using var outside = new TempFolder();
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "link"), outside.Path);

        var error = Assert.Throws<ConfigException>(() =>
            Parse("sources:\n  - name: crm\n    profile: salesforce\n    path: link\n", folder.Path));

        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadNumber_NamesKey()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("benchmark:\n  min_sample: lots\n"));

        Assert.Contains("benchmark.min_sample", error.Message, StringComparison.Ordinal);
        Assert.Contains(":2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InputRoot_ResolvesRelativePathsAgainstIt()
    {
        using var folder = new TempFolder();

        var config = Parse("sources:\n  - name: crm\n    profile: salesforce\n    path: exports\n", folder.Path);

        Assert.Equal(Path.Combine(folder.Path, "exports"), config.Sources[0].Path);
    }
}
