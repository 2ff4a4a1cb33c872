using CxWarehouse.Etl.Configuration;

namespace CxWarehouse.Etl.Extract;

/// <summary>Reads the mapping language shared by built-in profiles and user mappings.</summary>
internal static partial class MappingReader
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

    /// <summary>A mapping written in the configuration: canonical stream name to stream mapping.</summary>
    public static SourceProfile ReadProfile(string name, string kind, string? timeZone, YamlReader map)
    {
        var streams = new Dictionary<string, StreamMapping>(StringComparer.Ordinal);
        foreach (var (stream, node, body) in map.Entries())
        {
            if (body is null)
            {
                throw map.Error(node, $"{map.Qualified(stream)}: expected a mapping (files, format, fields...)");
            }
            var canonical = StreamCatalog.All.FirstOrDefault(s => s.Name == stream)
                ?? throw map.Error(node, $"'{stream}' is not a canonical stream (streams: "
                    + string.Join(", ", StreamCatalog.All.Where(s => s.Kind == kind).Select(s => s.Name)) + ")");
            streams.Add(stream, ReadStream(canonical, body));
        }
        if (streams.Count == 0)
        {
            throw map.Error(map.Node, "map at least one stream");
        }
        return new SourceProfile(name, kind, "", timeZone, streams);
    }

    public static StreamMapping ReadStream(CanonicalStream stream, YamlReader yaml)
    {
        yaml.OnlyKeys("files", "format", "delimiter", "header", "extra_header_rows", "columns", "nulls", "encoding",
            "records", "table", "query", "cursor_column", "decimal", "let", "lookups", "fields");
        var format = yaml.OneOf("format", "csv", "ndjson", "json", "sql") switch
        {
            "ndjson" => SourceFormat.NdJson,
            "json" => SourceFormat.JsonDocument,
            "sql" => SourceFormat.Sql,
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
            Decimal = (yaml.OneOf("decimal", ".", ",") ?? ".")[0],
            Records = yaml.String("records") ?? "$",
            Table = yaml.String("table"),
            Query = yaml.String("query"),
            CursorColumn = yaml.String("cursor_column"),
        };
        if (format == SourceFormat.Sql && (reader.Table is null) == (reader.Query is null))
        {
            throw yaml.Error("table", "a SQL stream reads exactly one of table or query");
        }
        if (reader.Table is not null && !SqlNamePattern().IsMatch(reader.Table))
        {
            throw yaml.Error("table", $"'{reader.Table}' is not a table name (letters, digits, _, optionally schema.table)");
        }
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
        var lookups = new List<Lookup>();
        if (yaml.Map("lookups") is { } lookupMap)
        {
            foreach (var (name, node, body) in lookupMap.Entries())
            {
                if (body is null || !IdentifierPattern().IsMatch(name))
                {
                    throw lookupMap.Error(node, $"lookups.{name}: a lookup is a name (letters, digits, _) with files, key, on and values");
                }
                body.OnlyKeys("files", "delimiter", "key", "on", "values");
                var values = new List<KeyValuePair<string, string>>();
                var valueMap = body.Map("values") ?? throw body.Error("values", "a lookup needs values");
                foreach (var (value, valueNode, valueBody) in valueMap.Entries())
                {
                    if (valueBody is not null || !IdentifierPattern().IsMatch(value))
                    {
                        throw valueMap.Error(valueNode, $"{valueMap.Qualified(value)}: a value is a name and an aggregate SQL expression");
                    }
                    values.Add(new(value, valueMap.RequiredString(value)));
                }
                var lookupDelimiter = body.String("delimiter") ?? ",";
                lookups.Add(new Lookup(name, body.RequiredString("files"), body.RequiredString("key"),
                    body.RequiredString("on"), values, lookupDelimiter[0]));
            }
        }
        var files = format == SourceFormat.Sql ? yaml.String("files") ?? "" : yaml.RequiredString("files");
        return new StreamMapping(stream, files, reader, fields) { Let = let, Lookups = lookups };
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

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$")]
    private static partial System.Text.RegularExpressions.Regex SqlNamePattern();

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial System.Text.RegularExpressions.Regex IdentifierPattern();
}
