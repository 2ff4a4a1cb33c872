using CxWarehouse.Etl.Configuration;

namespace CxWarehouse.Etl.Extract;

public sealed partial class Extractor
{
    /// <summary>
    /// Called with the source, the stream, a header and the typed select each time a file is typed: the statement
    /// as run, for <c>out/compiled/extract/&lt;source&gt;/&lt;stream&gt;.sql</c>.
    /// </summary>
    public Action<string, string, string, string>? Compiled { get; init; }

    /// <summary>
    /// The typed select extracting <paramref name="mapping"/> of <paramref name="input"/> would run, for
    /// <c>cxw compile</c>: resolved against the stream's first file (its header decides which of a mapping's
    /// candidate columns are read), as the extraction resolves it against each file. Null with the reason when
    /// there is no file to resolve against or the source is a database, whose columns only its query tells.
    /// </summary>
    public (string Header, string Select)? CompileSelect(SourceInput input, StreamMapping mapping, string scratchFolder,
        out string? whyNot)
    {
        whyNot = null;
        mapping = ForInput(input, mapping);
        if (mapping.Reader.IsSql)
        {
            whyNot = "a database source: its columns are known once its query runs (cxw extract writes this file)";
            return null;
        }
        var files = FilesOf(input, mapping, []);
        if (files.Count == 0)
        {
            whyNot = "no file of this stream to read its columns from";
            return null;
        }
        var file = files[0];
        var reader = ReaderFor(input, file, mapping.Reader);
        var display = Path.GetFileName(file.Path);
        var shown = $"{input.Name}/{display}";
        var facts = SourceFileInspector.Inspect(file.Path, shown, reader, Path.Combine(scratchFolder, "transcoded"));
        var (fileMapping, _) = ForFile(file.Layout with { Reader = reader }, facts, reader, shown, input, file.Peek);
        return Typed(input, fileMapping, reader, display);
    }

    /// <summary>The typed select for one file, with a header saying what it reads and what it gives.</summary>
    private (string Header, string Select) Typed(SourceInput input, StreamMapping mapping, ReaderOptions reader, string display)
    {
        var zone = ZoneOf(input);
        var builder = Builder(input, mapping, zone, input.DateOrder);
        var lines = reader.Format == SourceFormat.NdJson;
        var src = reader.Format switch
        {
            SourceFormat.NdJson => "src, one row per line of the file (_line, json, _json_error, _record)",
            SourceFormat.Csv or SourceFormat.Sql => "src, the file's records as text (_record, _file, one VARCHAR column per source column)",
            _ => "src, one row per JSON record of the file (_record, _file, json)",
        };
        var header = $"""
            -- {input.Name} {mapping.Stream.Name}: the typed select the extraction runs over each file of this stream,
            -- here as resolved for {display}, for a run at {RunTime.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} (local times in {zone}). It reads the
            -- temporary table {src};
            -- rows with an _error{(lines ? " (or a _kind other than NULL)" : "")} are quarantined with that reason, the others loaded. A file
            -- whose header differs resolves the mapping's candidate columns to its own, so its select can differ.

            """;
        return (header, lines ? builder.LineTypedSelect() : builder.TypedSelect());
    }

    /// <summary>The time zone a source's local times are read in.</summary>
    private static string ZoneOf(SourceInput input) => input.TimeZone ?? input.Mapping.TimeZone ?? "UTC";

    /// <summary>The typing of <paramref name="mapping"/> for one of the source's files, its dates in <paramref name="zone"/>.</summary>
    private StreamSqlBuilder Builder(SourceInput input, StreamMapping mapping, string zone, DateOrder? dateOrder) =>
        new(mapping, zone, input.Location, input.LocationMap, input.QualityFor(mapping.Stream.Name), RunTime, dateOrder);

    /// <summary>The mapping with the source's own encoding and decimal separator, where it sets them.</summary>
    private static StreamMapping ForInput(SourceInput input, StreamMapping mapping) => mapping with
    {
        Reader = mapping.Reader with
        {
            Encoding = input.Encoding ?? mapping.Reader.Encoding,
            Decimal = input.Decimal ?? mapping.Reader.Decimal,
        },
    };
}
