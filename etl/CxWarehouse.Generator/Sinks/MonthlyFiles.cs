using CxWarehouse.Generator.Output;

namespace CxWarehouse.Generator.Sinks;

/// <summary>
/// NDJSON files cut by calendar month (UTC), opened on first use and kept open: at most one writer
/// per month of the date range, whatever the scale.
/// </summary>
internal sealed class MonthlyFiles : IDisposable
{
    private readonly OutputSet _output;
    private readonly string _prefix;
    private readonly int _seed;
    private readonly double _share;
    private readonly DirtyKind[] _kinds;
    private readonly DateOnly _first;
    private readonly (JsonLinesFile File, DirtyPlan Plan)?[] _months;

    public MonthlyFiles(OutputSet output, string prefix, DateOnly start, DateOnly end, int seed, double share,
        DirtyKind[] kinds)
    {
        _output = output;
        _prefix = prefix;
        _seed = seed;
        _share = share;
        _kinds = kinds;
        _first = new DateOnly(start.Year, start.Month, 1);
        var count = ((end.Year - start.Year) * 12) + end.Month - start.Month + 1;
        _months = new (JsonLinesFile, DirtyPlan)?[count];
    }

    public (JsonLinesFile File, DirtyPlan Plan) For(DateTime utc)
    {
        var index = ((utc.Year - _first.Year) * 12) + utc.Month - _first.Month;
        index = Math.Clamp(index, 0, _months.Length - 1);
        if (_months[index] is { } existing)
        {
            return existing;
        }

        var month = _first.AddMonths(index);
        var path = _prefix + month.ToString("yyyyMM", System.Globalization.CultureInfo.InvariantCulture) + ".ndjson";
        var created = (_output.Add(new JsonLinesFile(_output.Root, path)), new DirtyPlan(_seed, path, _share, _kinds));
        _months[index] = created;
        return created;
    }

    public void Dispose()
    {
        foreach (var month in _months)
        {
            month?.File.Dispose();
        }
    }
}
