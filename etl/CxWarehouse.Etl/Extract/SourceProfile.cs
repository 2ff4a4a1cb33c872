namespace CxWarehouse.Etl.Extract;

/// <summary>File formats a stream mapping can read.</summary>
public enum SourceFormat
{
    /// <summary>Delimited text with an optional header row.</summary>
    Csv,

    /// <summary>Newline-delimited JSON, one record per line.</summary>
    NdJson,

    /// <summary>One JSON document per file whose records sit in an array (<see cref="ReaderOptions.Records"/>).</summary>
    JsonDocument,

    /// <summary>A table or query of a SQL database (SQLite or PostgreSQL, chosen by the source).</summary>
    Sql,
}

/// <summary>
/// The order of day and month in dates written with slashes (21/03/2023 or 03/21/2023), which a file of a profile
/// that writes ISO dates has when a spreadsheet saved it again in its locale: the source's <c>date_order</c>
/// (day-first or month-first), or the order the file itself proves.
/// </summary>
public enum DateOrder
{
    /// <summary>21/03/2023: day, month, year.</summary>
    DayFirst,

    /// <summary>03/21/2023: month, day, year (the United States).</summary>
    MonthFirst,
}

/// <summary>How a stream's files are read.</summary>
public sealed record ReaderOptions
{
    public SourceFormat Format { get; init; } = SourceFormat.Csv;

    public char Delimiter { get; init; } = ',';

    /// <summary>False when the file has no header row; then <see cref="Columns"/> names the fields.</summary>
    public bool Header { get; init; } = true;

    /// <summary>Header rows after the first (Qualtrics writes three); their content is checked, not loaded.</summary>
    public int ExtraHeaderRows { get; init; }

    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>Spellings of NULL besides the empty string.</summary>
    public IReadOnlyList<string> Nulls { get; init; } = [];

    public string Encoding { get; init; } = "utf-8";

    /// <summary>The decimal separator of numbers and amounts: "." or "," (then "." groups thousands).</summary>
    public char Decimal { get; init; } = '.';

    /// <summary>For JSON documents: the JSON path of the records array, e.g. <c>$.reviews</c>.</summary>
    public string Records { get; init; } = "$";

    /// <summary>
    /// For JSON: how this file's records are laid out, found from the file itself (JSON lines, a document with an
    /// array of records, or concatenated objects); the format's default until a file is recognised.
    /// </summary>
    public JsonLayout Layout { get; init; } = JsonLayout.Lines;

    /// <summary>For SQL sources: the table to read.</summary>
    public string? Table { get; init; }

    /// <summary>For SQL sources: a query to read instead of a table.</summary>
    public string? Query { get; init; }

    /// <summary>For SQL sources: the source column incremental reads filter on (the canonical cursor's column).</summary>
    public string? CursorColumn { get; init; }

    public bool IsSql => Format == SourceFormat.Sql;
}

/// <summary>How one source field becomes one canonical field.</summary>
public sealed record FieldMapping
{
    /// <summary>A CSV column name, or a JSON path such as <c>$.Agent.Username</c>.</summary>
    public string? Column { get; init; }

    /// <summary>A DuckDB SQL expression over the source columns (or the <c>json</c> record).</summary>
    public string? Expression { get; init; }

    public string? Constant { get; init; }

    /// <summary>
    /// A survey question by its role (nps, csat, ces, comment), found in each file by the question's type and text,
    /// or named by the source's <c>questions:</c>; bound to that file's column before it is read.
    /// </summary>
    public string? Question { get; init; }

    /// <summary>A strptime format for dates and timestamps, e.g. <c>%d-%b-%y</c>.</summary>
    public string? Format { get; init; }

    /// <summary>Source value to canonical value, e.g. Y to true.</summary>
    public IReadOnlyDictionary<string, string> Map { get; init; } = new Dictionary<string, string>();
}

/// <summary>How one canonical stream is read from a source's files.</summary>
public sealed record StreamMapping(
    CanonicalStream Stream, string Files, ReaderOptions Reader, IReadOnlyDictionary<string, FieldMapping> Fields)
{
    /// <summary>Named SQL expressions computed once per record before the fields (e.g. GA4's parameter map).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Let { get; init; } = [];

    /// <summary>Other files joined in by key, aggregated first (Olist's payments per order, say).</summary>
    public IReadOnlyList<Lookup> Lookups { get; init; } = [];

    /// <summary>What a file must hold to be this stream's (its header, or its records' keys).</summary>
    public Detection Detect { get; init; } = new();

    /// <summary>The layout's name when the stream has several (Asterisk's cdr-csv with 18 or 21 columns, say).</summary>
    public string? Layout { get; init; }

    /// <summary>Other layouts of the same stream, each a whole mapping; the file decides which one reads it.</summary>
    public IReadOnlyList<StreamMapping> Variants { get; init; } = [];

    /// <summary>Rows sharing a key are one record, combined before typing (an Asterisk call's legs).</summary>
    public Combine? Combine { get; init; }

    /// <summary>
    /// A SQL condition over the source record that marks it deleted in the source system (a Zendesk ticket whose
    /// status is deleted, a Salesforce record with IsDeleted): it removes the key from the stream and is counted
    /// as deleted, not loaded.
    /// </summary>
    public string? Deleted { get; init; }

    /// <summary>
    /// Whether the primary key includes the cursor's value, so every version of a key has the same cursor (GA4's
    /// event key holds the event's timestamp). A run's rows can then only replace committed rows of their own cursor
    /// span, and the merge reads the committed keys of that span alone instead of the whole stream's.
    /// </summary>
    public bool KeyIncludesCursor { get; init; }

    /// <summary>This mapping and its variants, the mapping itself first.</summary>
    public IEnumerable<StreamMapping> Layouts => Variants.Prepend(this);
}

/// <summary>
/// What a file must show to be read by a stream mapping. <see cref="Columns"/>: header names (CSV) or top-level
/// keys of the records (JSON) that must all be present; <see cref="Without"/>: names that must be absent;
/// <see cref="Count"/>: for a CSV without a header, the fields of its first record; <see cref="Match"/>: for such a
/// CSV, column name to a regular expression its first record's value matches.
/// </summary>
public sealed record Detection
{
    public IReadOnlyList<string> Columns { get; init; } = [];

    public IReadOnlyList<string> Without { get; init; } = [];

    public int? Count { get; init; }

    public IReadOnlyDictionary<string, string> Match { get; init; } = new Dictionary<string, string>();

    /// <summary>Physical record number (1-based, header rows counted) to a regular expression its first value matches.</summary>
    public IReadOnlyDictionary<int, string> Rows { get; init; } = new Dictionary<int, string>();

    /// <summary>How much the detection says: a more specific layout wins a tie.</summary>
    public int Weight => Columns.Count + Without.Count + (Count is null ? 0 : 1) + Match.Count + Rows.Count;
}

/// <summary>
/// Source rows sharing <see cref="Key"/> combined into one record: each column in <see cref="Columns"/> by its
/// aggregate SQL expression, every other column taken from the first row by <see cref="Order"/>.
/// </summary>
public sealed record Combine(string Key, string Order, IReadOnlyList<KeyValuePair<string, string>> Columns);

/// <summary>
/// A CSV file read beside a stream, grouped by <see cref="Key"/> into <see cref="Values"/> (aggregate SQL
/// expressions) and joined to the stream's records where their column <see cref="On"/> equals the key. Field
/// expressions use the values as <c>name.value</c>.
/// </summary>
public sealed record Lookup(string Name, string Files, string Key, string On,
    IReadOnlyList<KeyValuePair<string, string>> Values, char Delimiter);

/// <summary>A built-in source layout: the mapping of a real system's export to canonical streams.</summary>
public sealed record SourceProfile(
    string Name, string Kind, string Description, string? TimeZone,
    IReadOnlyDictionary<string, StreamMapping> Streams);
