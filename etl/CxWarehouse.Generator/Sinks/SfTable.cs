using CxWarehouse.Generator.Core;
using CxWarehouse.Generator.Output;
using Microsoft.Data.Sqlite;

namespace CxWarehouse.Generator.Sinks;

/// <summary>
/// One Salesforce object written twice: as a Data Loader CSV (every field quoted, CRLF, with
/// corruptions) and as a clean SQLite table through one prepared insert.
/// </summary>
internal sealed class SfTable : IDisposable
{
    private readonly TextOutputFile _csv;
    private readonly TruthSink? _truth;
    private readonly DirtyPlan? _plan;
    private readonly SfColumn[] _columns;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter[] _parameters;
    private readonly string[] _fields;
    private readonly int _keyColumn;
    private readonly int _modifiedColumn;
    private readonly int _dateColumn;
    private readonly int _numberColumn;
    private readonly int _optionalColumn;
    private readonly int _textColumn;

    public SfTable(
        OutputSet output,
        TruthSink? truth,
        SqliteConnection connection,
        SqliteTransaction transaction,
        string objectName,
        string csvPath,
        SfColumn[] columns,
        int seed,
        double dirtyShare,
        string? dateColumn = null,
        string? numberColumn = null,
        string? optionalColumn = null,
        string? textColumn = null)
    {
        ObjectName = objectName;
        _columns = columns;
        _truth = truth;
        _fields = new string[columns.Length];
        _csv = output.Add(new TextOutputFile(output.Root, csvPath, TextOutputFile.Utf8NoBom, "\r\n"));
        _csv.WriteHeader(CsvText.QuoteAll(columns.Select(c => c.Name).ToArray()));
        _keyColumn = IndexOf("Id");
        _modifiedColumn = IndexOf("LastModifiedDate");
        _dateColumn = dateColumn is null ? -1 : IndexOf(dateColumn);
        _numberColumn = numberColumn is null ? -1 : IndexOf(numberColumn);
        _optionalColumn = optionalColumn is null ? -1 : IndexOf(optionalColumn);
        _textColumn = textColumn is null ? -1 : IndexOf(textColumn);
        if (truth is not null)
        {
            var kinds = new List<DirtyKind> { DirtyKind.RaggedRow };
            if (_dateColumn >= 0)
            {
                kinds.Add(DirtyKind.ImpossibleDate);
            }

            if (_numberColumn >= 0)
            {
                kinds.Add(DirtyKind.NonNumeric);
            }

            if (_optionalColumn >= 0)
            {
                kinds.Add(DirtyKind.NullSpelling);
            }

            if (_textColumn >= 0)
            {
                kinds.AddRange([DirtyKind.FormulaInjection, DirtyKind.ScriptTag, DirtyKind.JavascriptLink,
                    DirtyKind.EmojiCjk]);
            }

            if (_modifiedColumn >= 0)
            {
                kinds.Add(DirtyKind.DuplicateKey);
            }

            _plan = new DirtyPlan(seed, csvPath, dirtyShare, [.. kinds]);
        }

        using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = $"CREATE TABLE \"{objectName}\" ("
                + string.Join(", ",
                    columns.Select(c => $"\"{c.Name}\" {c.SqliteType}" + (c.Name == "Id" ? " PRIMARY KEY" : "")))
                + ")";
            create.ExecuteNonQuery();
        }

        _insert = connection.CreateCommand();
        _insert.Transaction = transaction;
        _insert.CommandText = $"INSERT INTO \"{objectName}\" VALUES ("
            + string.Join(", ", columns.Select((_, i) => "$p" + Text.Int(i))) + ")";
        _parameters = new SqliteParameter[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            _parameters[i] = _insert.CreateParameter();
            _parameters[i].ParameterName = "$p" + Text.Int(i);
            _insert.Parameters.Add(_parameters[i]);
        }

        _insert.Prepare();
    }

    public string ObjectName { get; }

    public long Rows { get; private set; }

    public void Write(object?[] values)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            _parameters[i].Value = ToSqlite(_columns[i].Type, values[i]);
            _fields[i] = ToCsv(_columns[i].Type, values[i]);
        }

        _insert.ExecuteNonQuery();
        Rows++;

        var kind = _plan?.Next();
        if (kind is null)
        {
            _csv.WriteRecord(CsvText.QuoteAll(_fields));
            return;
        }

        var rng = _plan!.Rng;
        var key = _fields[_keyColumn];
        IReadOnlyList<string> record = _fields;
        switch (kind.Value)
        {
            case DirtyKind.ImpossibleDate:
                _fields[_dateColumn] = DirtyKinds.ImpossibleDay(rng)
                    + (_columns[_dateColumn].Type == SfType.DateTime ? "T10:15:00.000Z" : "");
                break;
            case DirtyKind.NonNumeric:
                _fields[_numberColumn] = DirtyKinds.NonNumber(rng);
                break;
            case DirtyKind.NullSpelling:
                _fields[_optionalColumn] = DirtyKinds.NullWord(rng);
                break;
            case DirtyKind.RaggedRow:
                record = rng.Chance(0.5) ? [.. _fields, "extra"] : _fields[..^1];
                break;
            case DirtyKind.FormulaInjection:
                _fields[_textColumn] = DirtyKinds.Formula;
                break;
            case DirtyKind.ScriptTag:
                _fields[_textColumn] = _fields[_textColumn] + DirtyKinds.Script;
                break;
            case DirtyKind.JavascriptLink:
                _fields[_textColumn] = _fields[_textColumn] + " " + DirtyKinds.JavascriptUrl;
                break;
            case DirtyKind.EmojiCjk:
                _fields[_textColumn] = _fields[_textColumn] + " " + DirtyKinds.EmojiAndCjk;
                break;
            case DirtyKind.DuplicateKey:
                {
                    _csv.WriteRecord(CsvText.QuoteAll(_fields));
                    var modified = (DateTime)values[_modifiedColumn]!;
                    _fields[_modifiedColumn] = Clock.Sf(modified.AddMinutes(30 + rng.Next(4000)));
                    break;
                }

            default:
                break;
        }

        var line = _csv.WriteRecord(CsvText.QuoteAll(record));
        _truth!.Dirty(_csv, line, key, kind.Value);
    }

    public void CreateIndex(SqliteConnection connection, SqliteTransaction transaction)
    {
        if (_modifiedColumn < 0)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"CREATE INDEX \"ix_{ObjectName}_LastModifiedDate\" ON \"{ObjectName}\" (\"LastModifiedDate\")";
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _csv.Dispose();
    }

    private int IndexOf(string name) => Array.FindIndex(_columns, c => c.Name == name);

    private static object ToSqlite(SfType type, object? value) => value switch
    {
        null => DBNull.Value,
        string s when s.Length == 0 => DBNull.Value,
        _ => type switch
        {
            SfType.Money => (double)(decimal)value,
            SfType.Bool => (bool)value ? 1L : 0L,
            SfType.DateTime => Clock.Sf((DateTime)value),
            SfType.Date => Clock.Date((DateOnly)value),
            SfType.Int => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
            _ => (string)value,
        },
    };

    /// <summary>Salesforce's null id, which its exports write for an empty lookup (000000000000000AAA).</summary>
    public const string NullId = "000000000000000AAA";

    private static string ToCsv(SfType type, object? value) => value switch
    {
        null or "" when type == SfType.Reference => NullId,
        null => "",
        _ => type switch
        {
            SfType.Money => Text.Money((decimal)value),
            SfType.Bool => Text.Bool((bool)value),
            SfType.DateTime => Clock.Sf((DateTime)value),
            SfType.Date => Clock.Date((DateOnly)value),
            SfType.Int => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            _ => (string)value,
        },
    };
}
