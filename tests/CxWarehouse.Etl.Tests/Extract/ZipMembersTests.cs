using System.IO.Compression;
using System.Text;
using CxWarehouse.Etl.Extract;

namespace CxWarehouse.Etl.Tests.Extract;

/// <summary>A .zip archive read as a folder of its files (the end-to-end runs are in the CLI's RealExportTests).</summary>
public sealed class ZipMembersTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Archive(string name, params (string Name, string Text)[] entries)
    {
        var path = Path.Combine(_folder.Path, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entryName, text) in entries)
        {
            using var writer = new StreamWriter(zip.CreateEntry(entryName).Open(), new UTF8Encoding(false));
            writer.Write(text);
        }
        return path;
    }

    [Fact]
    public void Members_AreItsFiles_InNameOrder_WithoutFoldersHiddenFilesOrMacMetadata()
    {
        var archive = Archive("WE_00D_1.zip", ("Opportunity.csv", "Id\n1\n"), ("Contact.csv", "Id\n2\n"), ("attachments/", ""),
            ("__MACOSX/._Contact.csv", "x"), (".DS_Store", "x"), ("sub/Case.csv", "Id\n"));

        Assert.True(ZipMembers.IsArchive(archive));
        Assert.Equal([archive + "/Contact.csv", archive + "/Opportunity.csv", archive + "/sub/Case.csv"], ZipMembers.Members(archive));
        Assert.True(ZipMembers.TrySplit(archive + "/sub/Case.csv", out var found, out var member));
        Assert.Equal((archive, "sub/Case.csv"), (found, member));
        Assert.Equal(5L, ZipMembers.Info(archive + "/Contact.csv").Length);
        Assert.Equal(File.GetLastWriteTimeUtc(archive), ZipMembers.Info(archive + "/Contact.csv").Modified);
        Assert.False(ZipMembers.TrySplit(archive, out _, out _));
    }

    [Theory]
    [InlineData("../../etc/cron.d/evil.csv")]
    [InlineData("/etc/passwd")]
    [InlineData("ok/..\\..\\evil.csv")]
    public void AnArchiveNamingAMemberOutsideItself_IsNotOpened(string name)
    {
        var archive = Archive("slip.zip", ("Contact.csv", "Id\n1\n"), (name, "Id\n2\n"));

        Assert.Equal([archive], ZipMembers.Members(archive));
    }

    [Fact]
    public void NotAnArchive_OrAWorkbook_IsNotTakenForOne()
    {
        var text = Path.Combine(_folder.Path, "export.zip");
        File.WriteAllText(text, "Id\n1\n");
        Assert.False(ZipMembers.IsArchive(text));
        // A workbook is a zip too, but read as its first sheet, not as a folder.
        var workbook = Archive("deals.xlsx", ("xl/workbook.xml", "<workbook/>"));
        Assert.False(ZipMembers.IsArchive(workbook));
    }

    [Fact]
    public void Extract_CopiesTheMemberKeepingItsExtension()
    {
        var archive = Archive("ctr.zip", ("2026/11/ctr-1.ndjson", "{\"ContactId\":\"a\"}\n"));

        var copy = ZipMembers.Extract(archive, "2026/11/ctr-1.ndjson", Path.Combine(_folder.Path, "scratch"), "connect/ctr.zip/2026/11/ctr-1.ndjson");

        Assert.EndsWith("-ctr-1.ndjson", copy, StringComparison.Ordinal);
        Assert.Equal("{\"ContactId\":\"a\"}\n", File.ReadAllText(copy));
        var gone = Assert.Throws<SourceFileException>(() => ZipMembers.Extract(archive, "missing.csv", _folder.Path, "ctr.zip/missing.csv"));
        Assert.Contains("ctr.zip/missing.csv: the archive no longer holds this file", gone.Message, StringComparison.Ordinal);
    }
}
