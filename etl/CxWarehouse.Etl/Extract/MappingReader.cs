using CxWarehouse.Etl.Configuration;

namespace CxWarehouse.Etl.Extract;

/// <summary>Reads the mapping language shared by built-in profiles and user mappings.</summary>
internal static class MappingReader
{
    public static SourceProfile ReadProfile(string file, TextReader text)
    {
        var yaml = YamlReader.Load(file, text);
        yaml.OnlyKeys("name", "kind", "description", "time_zone", "streams");
        var streams = new Dictionary<string, StreamMapping>(StringComparer.Ordinal);
        var map = yaml.Map("streams") ?? throw yaml.Error("streams", "a profile needs at least one stream");
        foreach (var (name, node, body) in map.Entries())
        {
            if (body is null)
            {
                throw map.Error(node, $"streams.{name}: expected a mapping");
            }
            var stream = StreamCatalog.All.FirstOrDefault(s => s.Name == name)
                ?? throw map.Error(name, $"'{name}' is not a canonical stream");
            streams.Add(name, ReadStream(stream, body));
        }
        return new SourceProfile(yaml.RequiredString("name"), yaml.RequiredString("kind"),
            yaml.String("description") ?? "", yaml.String("time_zone"), streams);
    }

    public static StreamMapping ReadStream(CanonicalStream stream, YamlReader yaml)
    {
        yaml.OnlyKeys("files", "format", "delimiter", "header", "extra_header_rows", "columns", "nulls", "encoding",
            "records", "let", "fields");
        var format = yaml.OneOf("format", "csv", "ndjson", "json") switch
        {
            "ndjson" => SourceFormat.NdJson,
            "json" => SourceFormat.JsonDocument,
            _ => SourceFormat.Csv,
        };
        var delimiter = yaml.String("delimiter") ?? ",";
        if (delimiter.Length != 1)
        {
            throw yaml.Error("delimiter", "the delimiter is one character");
        }
        var reader = new ReaderOptions
        {
            Format = format,
            Delimiter = delimiter == "\\t" ? '\t' : delimiter[0],
            Header = yaml.Bool("header") ?? true,
            ExtraHeaderRows = yaml.Number<int>("extra_header_rows", 0, 10) ?? 0,
            Columns = yaml.StringList("columns"),
            Nulls = yaml.StringList("nulls"),
            Encoding = yaml.OneOf("encoding", "utf-8", "latin-1", "gb18030") ?? "utf-8",
            Records = yaml.String("records") ?? "$",
        };
        if (!reader.Header && format == SourceFormat.Csv && reader.Columns.Count == 0)
        {
            throw yaml.Error("columns", "a CSV without a header row needs its column names");
        }
        var fields = new Dictionary<string, FieldMapping>(StringComparer.Ordinal);
        var fieldMap = yaml.Map("fields") ?? throw yaml.Error("fields", "a stream mapping needs fields");
        foreach (var (name, node, body) in fieldMap.Entries())
        {
            if (!stream.Fields.Any(f => f.Name == name))
            {
                throw fieldMap.Error(node, $"{stream.Name} has no field '{name}' (fields: "
                    + string.Join(", ", stream.Fields.Select(f => f.Name)) + ")");
            }
            fields.Add(name, body is null
                ? new FieldMapping { Column = fieldMap.RequiredString(name) }
                : ReadField(body));
        }
        foreach (var required in stream.Fields.Where(f => f.Required && !fields.ContainsKey(f.Name)))
        {
            throw fieldMap.Error(fieldMap.Node, $"{stream.Name}: required field '{required.Name}' is not mapped");
        }
        var let = new List<KeyValuePair<string, string>>();
        if (yaml.Map("let") is { } lets)
        {
            foreach (var (name, node, body) in lets.Entries())
            {
                let.Add(new(name, body is null ? lets.RequiredString(name) : throw lets.Error(node, "let values are SQL")));
            }
        }
        return new StreamMapping(stream, yaml.RequiredString("files"), reader, fields) { Let = let };
    }

    private static FieldMapping ReadField(YamlReader yaml)
    {
        yaml.OnlyKeys("column", "expr", "const", "format", "map");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (yaml.Map("map") is { } values)
        {
            foreach (var (key, node, body) in values.Entries())
            {
                map[key] = body is null ? values.String(key) ?? "" : throw values.Error(node, "map values are text");
            }
        }
        var field = new FieldMapping
        {
            Column = yaml.String("column"),
            Expression = yaml.String("expr"),
            Constant = yaml.String("const"),
            Format = yaml.String("format"),
            Map = map,
        };
        var given = new[] { field.Column, field.Expression, field.Constant }.Count(v => v is not null);
        if (given != 1)
        {
            throw yaml.Error(yaml.Node, "a field takes exactly one of column, expr or const");
        }
        return field;
    }
}
