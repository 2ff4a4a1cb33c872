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
}

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
