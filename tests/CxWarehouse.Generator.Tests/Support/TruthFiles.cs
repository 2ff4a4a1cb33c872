using System.Globalization;

namespace CxWarehouse.Generator.Tests.Support;

/// <summary>Readers for the generator's truth/ files.</summary>
public static class TruthFiles
{
    public static List<DirtyEntry> ReadDirty(string root)
    {
        var records = StrictCsv.ParseFile(Path.Combine(root, "truth", "dirty.csv"));
        Assert.Equal(["file", "line", "record_key", "kind", "expected"], records[0].Fields);
        return [.. records.Skip(1).Select(r => new DirtyEntry(
            r.Fields[0], long.Parse(r.Fields[1], CultureInfo.InvariantCulture), r.Fields[2], r.Fields[3],
                r.Fields[4]))];
    }

    public static List<(string PersonId, string Source, string RecordType, string RecordId)> ReadIdentity(string root)
    {
        var records = StrictCsv.ParseFile(Path.Combine(root, "truth", "identity.csv"));
        Assert.Equal(["person_id", "source", "record_type", "record_id"], records[0].Fields);
        return [.. records.Skip(1).Select(r => (r.Fields[0], r.Fields[1], r.Fields[2], r.Fields[3]))];
    }
}
