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

    public static StreamMapping ReadStream(CanonicalStream stream, YamlReader yaml) => ReadStream(stream, yaml, null);

    /// <summary>
    /// A stream mapping; for a variant (<paramref name="basis"/> given), every key it leaves out is the basis's and its
    /// fields are laid over the basis's fields.
    /// </summary>
    private static StreamMapping ReadStream(CanonicalStream stream, YamlReader yaml, StreamMapping? basis)
    {
        yaml.OnlyKeys("files", "format", "delimiter", "header", "extra_header_rows", "columns", "nulls", "encoding",
            "records", "table", "query", "cursor_column", "decimal", "let", "lookups", "fields", "detect", "layout",
            "variants", "combine", "deleted", "key_includes_cursor");
        var baseReader = basis?.Reader ?? new ReaderOptions();
        var format = yaml.OneOf("format", "csv", "ndjson", "json", "sql") switch
        {
            "ndjson" => SourceFormat.NdJson,
            "json" => SourceFormat.JsonDocument,
            "sql" => SourceFormat.Sql,
            "csv" => SourceFormat.Csv,
            _ => baseReader.Format,
        };
        var delimiter = yaml.String("delimiter") ?? baseReader.Delimiter.ToString();
        if (delimiter.Length != 1 && delimiter != "\\t")
        {
            throw yaml.Error("delimiter", "the delimiter is one character");
        }
        var encoding = yaml.String("encoding");
        if (encoding is not null && !TextEncodings.IsKnown(encoding))
        {
            throw yaml.Error("encoding", $"'{encoding}' is not an encoding (utf-8, utf-16le, latin-1, windows-1252, gb18030...)");
        }
        var reader = new ReaderOptions
        {
            Format = format,
            Delimiter = delimiter == "\\t" ? '\t' : delimiter[0],
            Header = yaml.Bool("header") ?? baseReader.Header,
            ExtraHeaderRows = yaml.Number<int>("extra_header_rows", 0, 10) ?? baseReader.ExtraHeaderRows,
            Columns = yaml.Has("columns") ? yaml.StringList("columns") : baseReader.Columns,
            Nulls = yaml.Has("nulls") ? yaml.StringList("nulls") : baseReader.Nulls,
            Encoding = encoding ?? baseReader.Encoding,
            Decimal = (yaml.OneOf("decimal", ".", ",") ?? baseReader.Decimal.ToString())[0],
            Records = yaml.String("records") ?? baseReader.Records,
            Table = yaml.String("table") ?? baseReader.Table,
            Query = yaml.String("query") ?? baseReader.Query,
            CursorColumn = yaml.String("cursor_column") ?? baseReader.CursorColumn,
            Layout = format == SourceFormat.JsonDocument ? JsonLayout.Document : JsonLayout.Lines,
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
        var fields = new Dictionary<string, FieldMapping>(basis?.Fields ?? new Dictionary<string, FieldMapping>(),
            StringComparer.Ordinal);
        var fieldMap = yaml.Map("fields") ?? (basis is null ? throw yaml.Error("fields", "a stream mapping needs fields") : null);
        foreach (var (name, node, body) in fieldMap?.Entries() ?? [])
        {
            if (!stream.Fields.Any(f => f.Name == name))
            {
                throw fieldMap!.Error(node, $"{stream.Name} has no field '{name}' (fields: "
                    + string.Join(", ", stream.Fields.Select(f => f.Name)) + ")");
            }
            if (body is null && fieldMap!.String(name) is null)
            {
                // A variant drops a field its basis maps with an empty value (field: ~).
                fields.Remove(name);
                continue;
            }
            fields[name] = body is null
                ? new FieldMapping { Column = fieldMap!.RequiredString(name) }
                : ReadField(body);
        }
        foreach (var required in stream.Fields.Where(f => f.Required && !fields.ContainsKey(f.Name)))
        {
            throw yaml.Error(yaml.Node, $"{stream.Name}: required field '{required.Name}' is not mapped");
        }
        var let = new List<KeyValuePair<string, string>>(basis?.Let ?? []);
        if (yaml.Map("let") is { } lets)
        {
            foreach (var (name, node, body) in lets.Entries())
            {
                let.Add(new(name, body is null ? lets.RequiredString(name) : throw lets.Error(node, "let values are SQL")));
            }
        }
        var lookups = new List<Lookup>(basis?.Lookups ?? []);
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
        var files = format == SourceFormat.Sql ? yaml.String("files") ?? basis?.Files ?? ""
            : yaml.String("files") ?? basis?.Files ?? yaml.RequiredString("files");
        var mapping = new StreamMapping(stream, files, reader, fields)
        {
            Let = let,
            Lookups = lookups,
            Detect = ReadDetection(yaml) ?? basis?.Detect ?? new Detection(),
            Layout = yaml.String("layout") ?? basis?.Layout,
            // combine: none undoes a basis's combination.
            Combine = yaml.Has("combine") ? ReadCombine(yaml) : basis?.Combine,
            Deleted = yaml.String("deleted") ?? basis?.Deleted,
            KeyIncludesCursor = yaml.Bool("key_includes_cursor") ?? basis?.KeyIncludesCursor ?? false,
        };
        if (mapping.KeyIncludesCursor && stream.Cursor is null)
        {
            throw yaml.Error("key_includes_cursor", $"{stream.Name} has no cursor for its key to include");
        }
        if (yaml.Map("variants") is { } variants)
        {
            if (basis is not null)
            {
                throw yaml.Error("variants", "a variant has no variants of its own");
            }
            var list = new List<StreamMapping>();
            foreach (var (name, node, body) in variants.Entries())
            {
                if (body is null)
                {
                    throw variants.Error(node, $"variants.{name}: expected a mapping (detect, columns, fields...)");
                }
                list.Add(ReadStream(stream, body, mapping) with { Layout = name, Variants = [] });
            }
            mapping = mapping with { Variants = list };
        }
        return mapping;
    }

    private static Detection? ReadDetection(YamlReader yaml)
    {
        if (!yaml.Has("detect"))
        {
            return null;
        }
        if (!yaml.IsMap("detect"))
        {
            return new Detection { Columns = yaml.StringList("detect") };
        }
        var detect = yaml.Map("detect")!;
        detect.OnlyKeys("columns", "without", "count", "match", "rows");
        var rows = new Dictionary<int, string>();
        if (detect.Map("rows") is { } rowPatterns)
        {
            foreach (var (row, node, body) in rowPatterns.Entries())
            {
                if (!int.TryParse(row, System.Globalization.CultureInfo.InvariantCulture, out var number) || number < 1
                    || number > 10 || body is not null || rowPatterns.String(row) is not { } rowPattern)
                {
                    throw rowPatterns.Error(node, $"detect.rows.{row}: a record number (1-10) and a regular expression");
                }
                rows[number] = rowPattern;
            }
        }
        var match = new Dictionary<string, string>(StringComparer.Ordinal);
        if (detect.Map("match") is { } patterns)
        {
            foreach (var (column, node, body) in patterns.Entries())
            {
                var pattern = body is null ? patterns.String(column) : null;
                if (pattern is null)
                {
                    throw patterns.Error(node, $"detect.match.{column}: a regular expression");
                }
                try
                {
                    _ = new System.Text.RegularExpressions.Regex(pattern);
                }
                catch (ArgumentException ex)
                {
                    throw patterns.Error(node, $"detect.match.{column}: not a regular expression ({ex.Message})");
                }
                match[column] = pattern;
            }
        }
        return new Detection
        {
            Columns = detect.StringList("columns"),
            Without = detect.StringList("without"),
            Count = detect.Number<int>("count", 1, 10_000),
            Match = match,
            Rows = rows,
        };
    }

    private static Combine? ReadCombine(YamlReader yaml)
    {
        if (yaml.IsScalar("combine") && yaml.String("combine") == "none")
        {
            return null;
        }
        var combine = yaml.Map("combine") ?? throw yaml.Error("combine", "combine is a mapping (key, order, columns) or none");
        combine.OnlyKeys("key", "order", "columns");
        var columns = new List<KeyValuePair<string, string>>();
        if (combine.Map("columns") is { } map)
        {
            foreach (var (column, node, body) in map.Entries())
            {
                columns.Add(new(column, body is null ? map.RequiredString(column)
                    : throw map.Error(node, $"combine.columns.{column}: an aggregate SQL expression")));
            }
        }
        return new Combine(combine.RequiredString("key"), combine.RequiredString("order"), columns);
    }

    private static FieldMapping ReadField(YamlReader yaml)
    {
        yaml.OnlyKeys("column", "expr", "const", "question", "format", "map");
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
            Question = yaml.OneOf("question", "nps", "csat", "ces", "comment"),
            Format = yaml.String("format"),
            Map = map,
        };
        var given = new[] { field.Column, field.Expression, field.Constant, field.Question }.Count(v => v is not null);
        if (given != 1)
        {
            throw yaml.Error(yaml.Node, "a field takes exactly one of column, expr, const or question");
        }
        return field;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$")]
    private static partial System.Text.RegularExpressions.Regex SqlNamePattern();

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial System.Text.RegularExpressions.Regex IdentifierPattern();
}
