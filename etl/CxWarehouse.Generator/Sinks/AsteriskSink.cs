using System.Text;
using CxWarehouse.Generator.Core;
using CxWarehouse.Generator.Output;
using CxWarehouse.Generator.Simulation;

namespace CxWarehouse.Generator.Sinks;

/// <summary>
/// Asterisk <c>cdr-csv/Master.csv</c> as cdr_csv.c writes it: no header, strings quoted (quotes doubled),
/// integers bare, local wall time, with the uniqueid and userfield columns enabled (18 columns). One record per leg:
/// a call that rang another agent first has a NO ANSWER leg before its answered one, both with the call's uniqueid.
/// </summary>
internal sealed class AsteriskSink : IDisposable
{
    public const string RelativePath = "calls/asterisk/Master.csv";

    private readonly TextOutputFile _file;
    private readonly TruthSink _truth;
    private readonly DirtyPlan _plan;
    private readonly StringBuilder _sb = new(512);

    public AsteriskSink(OutputSet output, TruthSink truth, GeneratorOptions options)
    {
        _truth = truth;
        _file = output.Add(new TextOutputFile(output.Root, RelativePath, TextOutputFile.Utf8NoBom, "\n"));
        _plan = new DirtyPlan(options.Seed, RelativePath, options.DirtyShare,
            DirtyKind.RaggedRow, DirtyKind.ImpossibleDate, DirtyKind.NonNumeric, DirtyKind.NullSpelling,
            DirtyKind.FormulaInjection);
    }

    /// <summary>
    /// A leg of a call that rang an agent who did not answer, before the leg <see cref="Write(CdrRecord)"/> writes: clean, so
    /// that a planted fault is always on the leg that completes the call (the line its record is reported on).
    /// </summary>
    public void WriteLeg(CdrRecord r) => Write(r, clean: true);

    public void Write(CdrRecord r) => Write(r, clean: false);

    private void Write(CdrRecord r, bool clean)
    {
        var kind = clean ? null : _plan.Next();
        var rng = _plan.Rng;
        var sb = _sb.Clear();
        var duration = (int)(r.EndLocal - r.StartLocal).TotalSeconds;
        var billsec = r.AnswerLocal is { } answer ? (int)(r.EndLocal - answer).TotalSeconds : 0;
        var name = kind == DirtyKind.FormulaInjection ? DirtyKinds.Formula : r.CallerName;
        Quoted(r.AccountCode).Append(',');
        Quoted(r.Source).Append(',');
        Quoted(r.Destination).Append(',');
        Quoted(r.Context).Append(',');
        Quoted("\"" + name + "\" <" + r.Source + ">").Append(',');
        Quoted(r.Channel).Append(',');
        Quoted(r.DestinationChannel).Append(',');
        Quoted(r.LastApp).Append(',');
        Quoted(r.LastData).Append(',');
        var start = kind == DirtyKind.ImpossibleDate
            ? DirtyKinds.ImpossibleDay(rng)
                + r.StartLocal.ToString(" HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
            : Clock.Wall(r.StartLocal);
        Quoted(start).Append(',');
        Quoted(r.AnswerLocal is { } a ? Clock.Wall(a) : "").Append(',');
        Quoted(Clock.Wall(r.EndLocal)).Append(',');
        sb.Append(Text.Int(duration)).Append(',');
        if (kind == DirtyKind.NonNumeric)
        {
            // Quoted, so "1.234,50" stays one (non-numeric) field instead of making the row ragged.
            Quoted(DirtyKinds.NonNumber(rng)).Append(',');
        }
        else
        {
            sb.Append(Text.Int(billsec)).Append(',');
        }

        Quoted(r.Disposition).Append(',');
        Quoted("DOCUMENTATION").Append(',');
        Quoted(r.UniqueId);
        if (kind == DirtyKind.RaggedRow && rng.Chance(0.5))
        {
            // A row without the last column, as when loguserfield was off for part of the file.
        }
        else
        {
            sb.Append(',');
            Quoted(kind == DirtyKind.NullSpelling ? DirtyKinds.NullWord(rng) : r.UserField);
            if (kind == DirtyKind.RaggedRow)
            {
                sb.Append(',');
                Quoted("extra");
            }
        }

        var line = _file.WriteRecord(sb.ToString());
        if (kind is { } k)
        {
            _truth.Dirty(_file, line, r.UniqueId, k);
        }
    }

    private StringBuilder Quoted(string value)
    {
        _sb.Append('"');
        foreach (var c in value)
        {
            if (c == '"')
            {
                _sb.Append('"');
            }

            _sb.Append(c);
        }

        return _sb.Append('"');
    }

    public void Dispose() => _file.Dispose();
}
