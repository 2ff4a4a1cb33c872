using CxWarehouse.Generator.Core;

namespace CxWarehouse.Generator.Output;

/// <summary>Ground truth for tests: which records belong to which person, and every corruption.</summary>
internal sealed class TruthSink : IDisposable
{
    private readonly TextOutputFile _identity;
    private readonly TextOutputFile _dirty;
    private readonly string[] _row4 = new string[4];
    private readonly string[] _row5 = new string[5];

    public TruthSink(OutputSet output)
    {
        _identity = output.Add(new TextOutputFile(output.Root, "truth/identity.csv", TextOutputFile.Utf8NoBom, "\n"));
        _identity.WriteHeader("person_id,source,record_type,record_id");
        _dirty = output.Add(new TextOutputFile(output.Root, "truth/dirty.csv", TextOutputFile.Utf8NoBom, "\n"));
        _dirty.WriteHeader("file,line,record_key,kind,expected");
    }

    public void Identity(string personId, string source, string recordType, string recordId)
    {
        _row4[0] = personId;
        _row4[1] = source;
        _row4[2] = recordType;
        _row4[3] = recordId;
        _identity.WriteRecord(CsvText.QuoteMinimal(_row4));
    }

    public void Dirty(OutputFile file, long line, string recordKey, DirtyKind kind)
    {
        file.CountDirty(kind);
        _row5[0] = file.RelativePath;
        _row5[1] = Text.Int(line);
        _row5[2] = recordKey;
        _row5[3] = DirtyKinds.Name(kind);
        _row5[4] = DirtyKinds.Expected(kind);
        _dirty.WriteRecord(CsvText.QuoteMinimal(_row5));
    }

    public void Dispose()
    {
        _identity.Dispose();
        _dirty.Dispose();
    }
}
