using System.Text;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Extract;

/// <summary>
/// Turns a stream mapping into DuckDB SQL that reads one source table of raw text (<c>src</c>) into typed canonical
/// columns plus, per record, the reason it cannot be loaded. Every value is parsed with try_ functions so a bad
/// value marks its row for quarantine instead of failing the file.
/// </summary>
internal sealed partial class StreamSqlBuilder(StreamMapping mapping, string timeZone, string? location,
    IReadOnlyDictionary<string, string>? locationMap = null, Configuration.QualitySettings? quality = null,
    DateTimeOffset? runTime = null, DateOrder? dateOrder = null)
{
    /// <summary>The fixed frame of the typed select; this class generates what fills it from the mapping.</summary>
    private const string File = "extract/typed_select.sql";

    private readonly Configuration.QualitySettings _quality = quality ?? new();
    private readonly DateTimeOffset _runTime = runTime ?? DateTimeOffset.UtcNow;

    private static readonly string[] s_true = ["true", "t", "1", "yes", "y"];
    private static readonly string[] s_false = ["false", "f", "0", "no", "n"];

    /// <summary>
    /// A select over <c>src</c> (columns <c>_record</c>, <c>_file</c> and the source columns, or <c>json</c>)
    /// giving <c>_record</c>, every canonical field, <c>_error</c>, <c>_error_column</c> and <c>_flag</c> (why a
    /// field was nulled by a domain rule whose policy loads the row anyway). Each layer computes
    /// its expressions once: source values, then cleaned text, then typed values, then the error text.
    /// </summary>
    public string TypedSelect() => TypedSelect(lines: false);

    /// <summary>
    /// The typed select over <c>src</c> carrying each row's hash as <c>_row_hash</c> (<paramref name="rowHash"/>, an
    /// expression over <c>src</c>'s source columns), without the records the table <paramref name="skip"/> holds
    /// (rows the stream has committed as they are), in file order. Null <paramref name="skip"/> keeps every row.
    /// </summary>
    public string TypedSelect(string rowHash, string? skip) =>
        TypedSelect(lines: false, rowHash: (rowHash, skip)) + (skip is null ? "" : "\nORDER BY _record");

    /// <summary>
    /// What the typing of a row depends on besides the row: the typed select, with the run's time left out (a rule
    /// against the run's clock cannot make a row committed before load differently), as a hex digest.
    /// </summary>
    public string Signature() => System.Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(new StreamSqlBuilder(mapping, timeZone, location, locationMap, quality,
            DateTimeOffset.UnixEpoch, dateOrder).TypedSelect())));

    /// <summary>
    /// The typed select over a file of JSON lines read in one pass: <c>src</c> has a row for every physical line,
    /// in order, with <c>_line</c> (the text, NULL for a blank line), <c>json</c> (the text when it is a JSON
    /// object, else NULL), <c>_json_error</c> (why it is not) and <c>_record</c> (the line's number where a join
    /// could reorder the rows, to order them back by; else NULL). The result carries <c>_kind</c> (NULL for a
    /// loadable row, else <c>blank</c>, <c>json</c> or <c>typed</c>), <c>_raw</c> (the line, for quarantined rows
    /// only) and <c>_record</c>, so that no line is kept in memory unless it is quarantined: in file order, a row's
    /// line number is its position.
    /// </summary>
    public string LineTypedSelect() => TypedSelect(lines: true);

    /// <summary>
    /// The structure of the record's single parse (the mapped paths' json_transform, or the let that is the whole
    /// record's json_transform), and the typed select over <c>src</c> whose <c>_parsed</c> column is each line so
    /// parsed (its <c>_line</c> empty text: the lines a quarantine needs are read afterwards), when nothing else in
    /// the typed select reads the line's text: then DuckDB's JSON-lines reader can parse every line as it reads the
    /// file, instead of the lines being read as text, checked and parsed apart. Null when the mapping reads the text
    /// some other way, joins a lookup (which reorders the lines) or the parse is not an object of typed keys.
    /// </summary>
    public (string Structure, string TypedSelect)? ParsedLines()
    {
        if (mapping.Reader.Format != SourceFormat.NdJson || mapping.Lookups.Count > 0)
        {
            return null;
        }
        var paths = Paths();
        var structure = !paths.IsEmpty
            ? paths.Structure
            : WholeRecordLet() is { } let ? WholeRecordTransform().Match(let.Value).Groups[1].Value.Replace("''", "'", StringComparison.Ordinal) : null;
        if (structure is null || !structure.TrimStart().StartsWith('{'))
        {
            return null;
        }
        // Whatever else reads the line's text (a path read with ->>, json_extract in an expression) needs it.
        var select = TypedSelect(lines: true, parsedByReader: true);
        return RecordText().IsMatch(SqlLiteral().Replace(select, "''")) ? null : (structure, select);
    }

    /// <summary>The let that is the whole record's json_transform and that a field or another let reads.</summary>
    private KeyValuePair<string, string>? WholeRecordLet() =>
        mapping.Let.Where(l => WholeRecordTransform().IsMatch(l.Value) && IsRead(l.Key))
            .Select(l => (KeyValuePair<string, string>?)l).FirstOrDefault();

    /// <summary>The typed select over <c>src</c>: of its lines (<paramref name="lines"/>: <c>_line</c>,
    /// <c>_json_error</c>), with the record's parse read from <c>src._parsed</c> when DuckDB's JSON reader made it
    /// (<paramref name="parsedByReader"/>) instead of parsing <c>json</c> itself.</summary>
    private string TypedSelect(bool lines, bool parsedByReader = false, (string Hash, string? Skip)? rowHash = null)
    {
        var stream = mapping.Stream;
        var extracted = new StringBuilder();
        var cleaned = new StringBuilder();
        var converted = new StringBuilder();
        var final = new StringBuilder();
        var errors = new List<string>();
        var errorColumns = new List<string>();
        var rules = Rules();
        var json = Paths();
        foreach (var field in stream.Fields)
        {
            mapping.Fields.TryGetValue(field.Name, out var source);
            var valueName = SqlText.Identifier("v__" + field.Name);
            var rawName = SqlText.Identifier("r__" + field.Name);
            var name = SqlText.Identifier(field.Name);
            extracted.Append(",\n            ").Append(SourceExpression(source, json)).Append(" AS ").Append(valueName);
            cleaned.Append(",\n        ").Append(Clean(field, source, valueName)).Append(" AS ").Append(rawName);
            converted.Append(",\n    ").Append(rawName).Append(",\n    CAST(").Append(Convert(field, rawName, source?.Format))
                .Append(" AS ").Append(field.SqlType).Append(") AS ").Append(name);
            final.Append(", ").Append(rules.Nulled.TryGetValue(field.Name, out var nulled) ? $"{nulled} AS {name}" : name);
            var label = SqlText.Literal(SourceLabel(field, source));
            var localZone = timeZone is not ("UTC" or "Etc/UTC");
            var localTime = localZone && !IsEpoch(source?.Format);
            if (source is not null && field.Type == FieldType.Timestamp && localTime)
            {
                var local = LocalTimestamp($"trim({rawName})", source.Format);
                errors.Add($"CASE WHEN {rawName} IS NOT NULL AND {name} IS NULL AND {local} IS NOT NULL THEN {label} || ': '''"
                    + $" || {rawName} || ''' does not exist in {timeZone} (it falls in the daylight-saving gap)' END");
            }
            if (source is not null && field.Type != FieldType.Text)
            {
                var gapRule = field.Type == FieldType.Timestamp && localTime
                    ? $" AND {LocalTimestamp($"trim({rawName})", source.Format)} IS NULL"
                    : "";
                errors.Add($"CASE WHEN {rawName} IS NOT NULL AND {name} IS NULL{gapRule} THEN {label} || ': cannot read '''"
                    + $" || left({rawName}, 60) || ''' as {TypeWord(field.Type)}' END");
                errorColumns.Add($"CASE WHEN {rawName} IS NOT NULL AND {name} IS NULL THEN {label} END");
            }
            if (field.Required)
            {
                errors.Add($"CASE WHEN {rawName} IS NULL THEN {label} || ': required value is missing' END");
                errorColumns.Add($"CASE WHEN {rawName} IS NULL THEN {label} END");
            }
        }
        // Domain rules (ranges, order of events, time bounds) after the type checks: a value that cannot be read is
        // NULL and breaks no rule.
        errors.AddRange(rules.Errors);
        errorColumns.AddRange(rules.ErrorColumns);
        var errorList = errors.Count == 0 ? "NULL" : $"nullif(concat_ws('; ', {string.Join(", ", errors)}), '')";
        var errorColumn = errorColumns.Count == 0 ? "NULL" : $"coalesce({string.Join(", ", errorColumns)})";
        // What each layer carries through from the source besides the fields.
        var carry = lines ? "_line, _json_error, _record, _deleted" : rowHash is null ? "_record, _deleted" : "_record, _deleted, _row_hash";
        // A record the source marks deleted (a tombstone) is typed like any other, then kept apart.
        var deleted = mapping.Deleted is null
            ? "false"
            : $"coalesce(CAST(({OverParsed(mapping.Deleted, json)}) AS BOOLEAN), false)";
        var typed = SqlResources.Get(File, "typed",
            ("carry", carry),
            ("fields", final.ToString()),
            ("errors", errorList),
            ("error_column", errorColumn),
            ("flag", rules.Flag),
            ("converted", converted.ToString()),
            ("unfolded", Unfolded()),
            ("cleaned", cleaned.ToString()),
            ("source_columns", lines ? "src._line, src._json_error, src._record" : rowHash is null ? "src._record" : "src._record, src._row_hash"),
            ("deleted", deleted),
            ("extracted", extracted.ToString()),
            ("source", Source(json, parsedByReader, rowHash)));
        return !lines
            ? typed
            : SqlResources.Get(File, "lines",
                ("fields", string.Join(", ", stream.Fields.Select(f => SqlText.Identifier(f.Name)))), ("typed", typed));
    }

    /// <summary>
    /// Whether the typed select parses every record's JSON with a parse that fails on malformed JSON (the mapped
    /// paths' json_transform, or a let that is <c>json_transform(json, ...)</c> of the whole record and that a field or
    /// a later let reads, so its layer is kept): then a JSON-lines file needs no json_valid for lines that look like
    /// objects, since a malformed one fails the statement instead of being loaded.
    /// </summary>
    public bool ParsesEveryRecord => mapping.Reader.Format == SourceFormat.NdJson
        && (!Paths().IsEmpty || WholeRecordLet() is not null);

    /// <summary>Whether a field's expression, the deletion test or another let names this let.</summary>
    private bool IsRead(string let)
    {
        var name = new System.Text.RegularExpressions.Regex($@"(?<![\w.""]){System.Text.RegularExpressions.Regex.Escape(let)}(?![\w""])");
        return mapping.Fields.Values.Select(f => f.Expression).Append(mapping.Deleted)
            .Concat(mapping.Let.Where(l => l.Key != let).Select(l => (string?)l.Value))
            .Any(e => e is not null && name.IsMatch(e));
    }

    /// <summary>
    /// The JSON paths of mapped columns, and those an expression reads with json ->> '$.path': all of them read
    /// from one parse of the record instead of one parse per expression.
    /// </summary>
    private JsonPaths Paths() => new(mapping.Reader.Format is SourceFormat.NdJson or SourceFormat.JsonDocument
        ? mapping.Fields.Values.Where(f => f.Column is not null).Select(f => f.Column!)
            .Concat(mapping.Fields.Values.Where(f => f.Expression is not null).Select(f => f.Expression!)
                .Concat(mapping.Deleted is null ? [] : [mapping.Deleted])
                .SelectMany(e => JsonRead().Matches(e).Select(m => m.Groups[1].Value)))
        : []);

    private string Source(JsonPaths json, bool parsedByReader, (string Hash, string? Skip)? rowHash = null)
    {
        // Each let gets a layer of its own, so a later one can use an earlier one.
        var source = rowHash is not { } hashing ? "src"
            : SqlResources.Get(File, "hashed", ("hash", hashing.Hash), ("skip", hashing.Skip is null ? ""
                : "\n" + SqlResources.Get(File, "unchanged", ("table", hashing.Skip))));
        if (!json.IsEmpty)
        {
            // One parse per record for every mapped JSON path, instead of one per field.
            source = parsedByReader
                ? SqlResources.Get(File, "parsed_by_reader", ("source", source))
                : SqlResources.Get(File, "parsed", ("structure", SqlText.Literal(json.Structure)), ("source", source));
        }
        var parsedLet = parsedByReader && json.IsEmpty ? WholeRecordLet()?.Key : null;
        foreach (var let in mapping.Let)
        {
            source = SqlResources.Get(File, "let", ("expression", let.Key == parsedLet ? "_parsed" : let.Value),
                ("name", SqlText.Identifier(let.Key)), ("source", source));
        }
        foreach (var lookup in mapping.Lookups)
        {
            source += "\n                " + SqlResources.Get(File, "lookup", ("table", SqlText.Identifier("lookup_" + lookup.Name)),
                ("name", SqlText.Identifier(lookup.Name)), ("column", SqlText.Identifier(lookup.On)));
        }
        return source;
    }

    private static string SourceLabel(CanonicalField field, FieldMapping? source) =>
        source?.Column ?? (source?.Expression is not null ? $"{field.Name} (expression)" : field.Name);

    /// <summary>The source's value for a field, as text: a column, a JSON path, an expression or a constant.</summary>
    private string SourceExpression(FieldMapping? source, JsonPaths json)
    {
        if (source is null)
        {
            return "CAST(NULL AS VARCHAR)";
        }
        if (source.Constant is not null)
        {
            return SqlText.Literal(source.Constant);
        }
        if (source.Expression is not null)
        {
            var expression = OverParsed(source.Expression, json);
            return $"CAST(({expression}) AS VARCHAR)";
        }
        if (mapping.Reader.Format is SourceFormat.Csv or SourceFormat.Sql)
        {
            return SqlText.Identifier(source.Column!);
        }
        return json.Access(source.Column!);
    }

    /// <summary>Value maps, NULL spellings and blanks to NULL, and the source's location settings.</summary>
    private string Clean(CanonicalField field, FieldMapping? source, string value)
    {
        var expression = value;
        if (source is not null && source.Map.Count > 0)
        {
            var cases = string.Join(" ", source.Map.Select(kv =>
                $"WHEN {SqlText.Literal(kv.Key)} THEN {SqlText.Literal(kv.Value)}"));
            expression = $"(CASE {value} {cases} ELSE {value} END)";
        }
        var nulls = new List<string>();
        if (mapping.Reader.Nulls.Count > 0)
        {
            // trim is a Unicode-aware pass over every character of the value, and most values are no null
            // spelling: a value holds, trimmed, a spelling only if it contains one, so the spellings no other
            // contains (Salesforce's 15 zeros) are looked for first, and only a value with one is trimmed (a
            // quarter of the typing time of a contacts export).
            var spellings = mapping.Reader.Nulls.Distinct(StringComparer.Ordinal).ToList();
            var shortest = spellings.Where(n => !spellings.Any(o => o != n && n.Contains(o, StringComparison.Ordinal)));
            nulls.Add($"CASE WHEN {string.Join(" OR ", shortest.Select(n => $"contains({value}, {SqlText.Literal(n)})"))} "
                + $"THEN NOT list_contains([{string.Join(", ", mapping.Reader.Nulls.Select(SqlText.Literal))}], trim({value})) ELSE true END");
        }
        if (DomainRules.IsIdField(field))
        {
            // Placeholder ids (Salesforce's 000000000000000AAA, 0, -1, N/A, unknown) name no real record. A list,
            // not NOT IN: DuckDB turns a long IN list into a join, which does not keep a JSON reader's rows in order.
            nulls.Add($"NOT list_contains([{string.Join(", ", DomainRules.PlaceholderIds.Select(SqlText.Literal))}], lower(trim({value})))");
        }
        // Blank (empty or only spaces) is NULL. Only a value that starts with a space is trimmed to find out: trim
        // copies every value it is given, and on wide exports that copy was a sixth of the typing time. Without a
        // value map, as nullif over nested cases: DuckDB runs that in half the time of one case over the compound
        // condition (GA4's 22 columns: typing 1.22 s to 1.07 s a file).
        expression = expression == value
            ? $"nullif(CASE WHEN starts_with({value}, ' ') THEN CASE WHEN trim({value}) = '' THEN '' ELSE {value} END "
                + $"ELSE {value} END, '')"
            : $"CASE WHEN {value} <> '' AND (NOT starts_with({value}, ' ') OR trim({value}) <> '') THEN {expression} END";
        if (nulls.Count > 0)
        {
            expression = $"CASE WHEN {string.Join(" AND ", nulls)} THEN {expression} END";
        }
        if (field.Name == "location_id" && locationMap is { Count: > 0 })
        {
            var cases = string.Join(" ", locationMap.Select(kv =>
                $"WHEN {SqlText.Literal(kv.Key)} THEN {SqlText.Literal(kv.Value)}"));
            expression = $"(CASE trim({value}) {cases} ELSE {expression} END)";
        }
        if (field.Name == "location_id" && location is not null)
        {
            expression = $"coalesce({expression}, {SqlText.Literal(location)})";
        }
        return expression;
    }

    private string Convert(CanonicalField field, string raw, string? format)
    {
        var text = $"trim({raw})";
        return field.Type switch
        {
            FieldType.Text => raw,
            FieldType.Integer => $"TRY_CAST({text} AS BIGINT)",
            FieldType.Number => $"TRY_CAST({Numeric(text)} AS DOUBLE)",
            // In a CSV export with a decimal point, 375.000 or 1.250.000 is an amount whose thousands a European
            // locale separated with '.', not 375.00: it fails (as a decimal comma does), instead of loading a
            // thousandth of itself. JSON numbers have no thousands separator (GA4's revenue can be 19.999).
            // Thousands separated with ',' in groups of three, with at most two decimals after a point (a US
            // locale's 375,000.00 or 1,100,000), are read without the commas; any other comma (375000,50, a decimal
            // comma) still fails. Only a value with a comma is matched against that pattern.
            FieldType.Money when mapping.Reader.Decimal == '.' && mapping.Reader.Format == SourceFormat.Csv =>
                $"CASE WHEN regexp_matches({text}, '^-?[0-9]{{1,3}}([.][0-9]{{3}})+$') THEN NULL "
                + $"WHEN contains({text}, ',') THEN CASE WHEN regexp_matches({text}, '^-?[0-9]{{1,3}}(,[0-9]{{3}})+([.][0-9]{{1,2}})?$') "
                + $"THEN TRY_CAST(replace({text}, ',', '') AS DECIMAL(18,2)) END "
                + $"ELSE TRY_CAST({text} AS DECIMAL(18,2)) END",
            FieldType.Money => $"TRY_CAST({Numeric(text)} AS DECIMAL(18,2))",
            FieldType.Bool =>
                $"CASE WHEN lower({text}) IN ({string.Join(", ", s_true.Select(SqlText.Literal))}) THEN true "
                + $"WHEN lower({text}) IN ({string.Join(", ", s_false.Select(SqlText.Literal))}) THEN false END",
            FieldType.Date => format is null
                ? $"TRY_CAST({text} AS DATE)"
                : Epoch(text, format) is { } instant ? $"CAST({instant} AS DATE)" : $"CAST({Strptime(text, format)} AS DATE)",
            FieldType.Timestamp => Timestamp(text, format),
            _ => throw new InvalidOperationException(field.Type.ToString()),
        };
    }

    /// <summary>
    /// A number of seconds, milliseconds or microseconds since 1970-01-01 UTC (format <c>epoch_s</c>,
    /// <c>epoch_ms</c>, <c>epoch_us</c>: GA4's event_timestamp) as a TIMESTAMP in UTC, read straight from its digits;
    /// null for any other format. A number too large for a timestamp is no timestamp (not an overflow).
    /// </summary>
    private static string? Epoch(string text, string? format)
    {
        if (!IsEpoch(format))
        {
            return null;
        }
        var micros = format switch
        {
            "epoch_s" => 1_000_000L,
            "epoch_ms" => 1_000L,
            _ => 1L,
        };
        var number = $"TRY_CAST({text} AS BIGINT)";
        var limit = (9_000_000_000_000_000_000L / micros).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return micros == 1
            ? $"make_timestamp(CASE WHEN abs({number}) < {limit} THEN {number} END)"
            : $"make_timestamp(CASE WHEN abs({number}) < {limit} THEN {number} * {micros.ToString(System.Globalization.CultureInfo.InvariantCulture)} END)";
    }

    /// <summary>Whether a field's format is a number since the epoch: an instant, never a local time.</summary>
    private static bool IsEpoch(string? format) => format is "epoch_s" or "epoch_ms" or "epoch_us";

    private string Timestamp(string text, string? format)
    {
        if (Epoch(text, format) is { } instant)
        {
            return $"timezone('UTC', {instant})";
        }
        if (format is not null && format.Contains("%z", StringComparison.Ordinal))
        {
            return $"TRY_STRPTIME({text}, {SqlText.Literal(format)})";
        }
        var local = LocalTimestamp(text, format);
        var inZone = InZone(local);
        if (format is not null)
        {
            return inZone;
        }
        // ISO 8601: with an offset or Z it is absolute; without one it is in the source's time zone.
        // The offset must follow a time of day, or the day of a bare date (2026-03-01) would pass for one.
        // DuckDB reads no space before the offset (Zendesk's CSV export writes 2023-03-01 10:00:00 +0100): a value
        // that does not cast is cast again with the space taken out (COALESCE evaluates that only for those rows).
        return $"CASE WHEN {HasOffset(text)} "
            + $"THEN coalesce(TRY_CAST({text} AS TIMESTAMPTZ), "
            + $"TRY_CAST(regexp_replace({text}, ' (Z|[+-][0-9]{{2}}(:?[0-9]{{2}})?)$', '\\1') AS TIMESTAMPTZ)) ELSE {inZone} END";
    }

    /// <summary>An ISO 8601 time of day written with its offset or Z (an instant, not a local time).</summary>
    private static string HasOffset(string text) =>
        $"regexp_matches({text}, '[T ][0-9]{{2}}:[0-9]{{2}}(:[0-9]{{2}}([.,][0-9]+)?)? ?(Z|[+-][0-9]{{2}}(:?[0-9]{{2}})?)$')";

    /// <summary>
    /// The condition, over its raw text, under which a field's value was read as a local time in the source's zone
    /// (so an hour the clocks repeat is ambiguous): "" when it always is (a format without an offset), " AND NOT ..."
    /// for ISO text that may carry one, null when it never is (a format that reads an offset, or a number since the
    /// epoch).
    /// </summary>
    private string? ReadAsLocal(string field) => mapping.Fields[field].Format switch
    {
        null => $" AND NOT {HasOffset($"trim({SqlText.Identifier("r__" + field)})")}",
        var format when format.Contains("%z", StringComparison.Ordinal) || IsEpoch(format) => null,
        _ => "",
    };

    /// <summary>With a decimal comma, "1.234,50" is read as 1234.50; otherwise the text is read as it is.</summary>
    private string Numeric(string text) => mapping.Reader.Decimal == ','
        ? $"replace(replace({text}, '.', ''), ',', '.')"
        : text;

    private string LocalTimestamp(string text, string? format) => format is null
        ? $"TRY_CAST({text} AS TIMESTAMP)"
        : Strptime(text, format);

    /// <summary>The ISO date and time to the minute, which a spreadsheet that saves the file again rewrites in its locale.</summary>
    internal const string IsoMinute = "%Y-%m-%d %H:%M";

    /// <summary>
    /// The labels (as a row's reason names them) of the fields read with <see cref="IsoMinute"/>: those whose dates
    /// written 21/03/2023 or 03/21/2023 are read in the order of <c>dateOrder</c>.
    /// </summary>
    public IReadOnlySet<string> DayMonthLabels => _dayMonthLabels ??= mapping.Stream.Fields
        .Where(f => f.Type is FieldType.Timestamp or FieldType.Date)
        .Where(f => mapping.Fields.TryGetValue(f.Name, out var m) && m.Format == IsoMinute)
        .Select(f => SourceLabel(f, mapping.Fields[f.Name]))
        .ToHashSet(StringComparer.Ordinal);

    private HashSet<string>? _dayMonthLabels;

    /// <summary>
    /// A format to the minute also reads the same time with seconds, and the date alone (HubSpot writes
    /// 2023-04-04 11:48, but a view or a tool between can write 2023-04-04 11:48:00 or 2023-04-04): DuckDB tries the
    /// list in order. Other formats are used as they are.
    /// <see cref="IsoMinute"/> also reads what a spreadsheet writes for it when it saves the file again in its locale,
    /// each only for values of that shape and only for values ISO did not read (so an ISO value pays nothing): the
    /// day first between points (04.04.2023 11:48, which no locale writes month first), and, with a
    /// <c>dateOrder</c>, between slashes in that order; a four-digit year read as one and a two-digit year as
    /// 2000-2068 or 1969-1999 (DuckDB's %y; its %Y would read 23 as the year 23), the time on a 24-hour clock or a
    /// 12-hour one (3:17 PM, 3:17:09 pm, 3:17PM).
    /// </summary>
    private string Strptime(string text, string format)
    {
        if (!format.EndsWith(" %H:%M", StringComparison.Ordinal))
        {
            return $"TRY_STRPTIME({text}, {SqlText.Literal(format)})";
        }
        var listed = $"TRY_STRPTIME({text}, {MinuteFormats(format)})";
        if (format != IsoMinute)
        {
            return listed;
        }
        var other = new StringBuilder();
        void Shape(char separator, string date)
        {
            var part = separator == '.' ? "[.]" : separator.ToString();
            foreach (var (digits, year) in new[] { (4, "%Y"), (2, "%y") })
            {
                other.Append($" WHEN regexp_matches({text}, '^[0-9]{{1,2}}{part}[0-9]{{1,2}}{part}[0-9]{{{digits}}}( |$)') "
                    + $"THEN TRY_STRPTIME({text}, {LocaleFormats(date.Replace("%Y", year, StringComparison.Ordinal))})");
            }
        }
        Shape('.', "%d.%m.%Y");
        if (dateOrder is { } order)
        {
            Shape('/', order == DateOrder.DayFirst ? "%d/%m/%Y" : "%m/%d/%Y");
        }
        return $"coalesce({listed}, CASE{other} END)";
    }

    /// <summary>
    /// A date as a spreadsheet writes it in a locale, then the time on a 24-hour clock (to the minute or the second)
    /// or a 12-hour one (with or without a space before AM or PM), then the date alone: the list DuckDB tries in order.
    /// </summary>
    private static string LocaleFormats(string date) =>
        "[" + string.Join(", ", new[] { " %H:%M", " %H:%M:%S", " %I:%M %p", " %I:%M:%S %p", " %I:%M%p", " %I:%M:%S%p", "" }
            .Select(time => SqlText.Literal(date + time))) + "]";

    /// <summary>A format to the minute, the same with seconds, and its date alone: the list DuckDB tries in order.</summary>
    private static string MinuteFormats(string format) =>
        $"[{SqlText.Literal(format)}, {SqlText.Literal(format + ":%S")}, {SqlText.Literal(format[..^" %H:%M".Length])}]";

    /// <summary>
    /// A local time read in the source's zone. A time in the spring-forward gap does not exist there: it does not
    /// survive the round trip, so it is NULL (and its row quarantined). A time in the autumn overlap is read as
    /// the later, standard-time occurrence.
    /// </summary>
    private string InZone(string local)
    {
        var zone = SqlText.Literal(timeZone);
        return timeZone is "UTC" or "Etc/UTC"
            ? $"timezone({zone}, {local})"
            : $"CASE WHEN timezone({zone}, timezone({zone}, {local})) = {local} THEN timezone({zone}, {local}) END";
    }

    /// <summary>
    /// Where the clocks go back, an hour's local times happen twice and <see cref="InZone"/> reads them as the later
    /// pass. A time that must come first (a call's start, before its answer and end) but so read comes after one
    /// that must follow it, was in the first pass: the call began before the clocks went back and ended after
    /// (start 01:50, end 01:05). Such a time moves back by the hour repeated, when that puts it in order; any other
    /// is left for the order rules to judge. Empty in UTC, or when the stream has no order rule between times.
    /// </summary>
    private string Unfolded()
    {
        if (timeZone is "UTC" or "Etc/UTC")
        {
            return "";
        }
        var zone = SqlText.Literal(timeZone);
        var stream = mapping.Stream;
        var pairs = DomainRules.For(stream)
            .Where(r => r.Kind == RuleKind.Order && r.When is null
                && mapping.Fields.ContainsKey(r.Field) && mapping.Fields.ContainsKey(r.Earlier!)
                && stream.Field(r.Field).Type == FieldType.Timestamp && stream.Field(r.Earlier!).Type == FieldType.Timestamp)
            .GroupBy(r => r.Earlier!, StringComparer.Ordinal)
            .ToList();
        string Offset(string instant) => $"(timezone({zone}, {instant}) - timezone('UTC', {instant}))";
        // A time moved back is what the times before it are judged against (a call started 01:30 and answered 01:50
        // in the first pass, ended 01:35 in the second: the answer moves, then the start, against the moved answer),
        // so the latest of them are moved first and their moved values used in the tests of the earlier.
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string Value(string field) => values.TryGetValue(field, out var value) ? $"({value})" : SqlText.Identifier(field);
        var pending = pairs.ToList();
        var moved = new List<string>();
        while (pending.Count > 0)
        {
            var group = pending.FirstOrDefault(g => g.All(r => !pending.Any(p => p.Key == r.Field)))
                ?? throw new InvalidOperationException($"{stream.Name}: the order rules between times form a cycle");
            pending.Remove(group);
            if (ReadAsLocal(group.Key) is not { } local)
            {
                continue;
            }
            var first = SqlText.Identifier(group.Key);
            var later = group.Select(r => Value(r.Field)).ToList();
            // The hour repeated: the offset three hours before less the offset now (an hour; half an hour at Lord Howe).
            var repeated = $"({Offset($"{first} - INTERVAL 3 HOUR")} - {Offset(first)})";
            var earlier = $"({first} - {repeated})";
            // Rows in order (nearly all) stop at the first, cheap test. A time written with its offset is an
            // instant, never moved: only one read as local time can have been in the first pass.
            values[group.Key] = $"CASE WHEN ({string.Join(" OR ", later.Select(l => $"coalesce({l} < {first}, false)"))})"
                + $" AND {repeated} > INTERVAL 0 SECOND AND timezone({zone}, {earlier}) = timezone({zone}, {first})"
                + $" AND {string.Join(" AND ", later.Select(l => $"coalesce({l} >= {earlier}, true)"))}"
                + local
                + $" THEN {earlier} ELSE {first} END";
            moved.Add($"{values[group.Key]} AS {first}");
        }
        return moved.Count == 0 ? "" : $" REPLACE ({string.Join(", ", moved)})";
    }

    private static string TypeWord(FieldType type) => type switch
    {
        FieldType.Timestamp => "a timestamp",
        FieldType.Date => "a date",
        FieldType.Money => "an amount",
        FieldType.Number => "a number",
        FieldType.Integer => "an integer",
        FieldType.Bool => "true or false",
        _ => "text",
    };

    /// <summary>An expression with its <c>json -&gt;&gt; '$.path'</c> reads taken from the record's single parse.</summary>
    private static string OverParsed(string expression, JsonPaths json) => json.IsEmpty
        ? expression
        : JsonRead().Replace(expression, m => json.Access(m.Groups[1].Value));

    /// <summary>A let that is the whole record parsed: <c>json_transform(json, '...')</c> and nothing around it.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*json_transform\s*\(\s*json\s*,\s*'((?:[^']|'')*)'\s*\)\s*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex WholeRecordTransform();

    /// <summary>A SQL string literal.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("'(?:[^']|'')*'")]
    private static partial System.Text.RegularExpressions.Regex SqlLiteral();

    /// <summary>The line's text (<c>json</c>) read by name, outside string literals.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w.""])json(?![\w""])")]
    private static partial System.Text.RegularExpressions.Regex RecordText();

    /// <summary><c>json -&gt;&gt; '$.a.b'</c> in an expression: the record's value at a path, as text.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\bjson\s*->>\s*'(\$[^']*)'")]
    private static partial System.Text.RegularExpressions.Regex JsonRead();
}
