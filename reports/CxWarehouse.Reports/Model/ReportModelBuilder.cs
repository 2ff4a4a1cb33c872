using CxWarehouse.Reports.Data;
using CxWarehouse.Reports.Formatting;

namespace CxWarehouse.Reports.Model;

/// <summary>Turns a <see cref="WarehouseSnapshot"/> into the <see cref="ReportModel"/> both renderers show.</summary>
/// <remarks>
/// Where <c>marts.benchmark</c> has a row it is the authority for target, baseline, prior, delta, peer
/// percentile and status; otherwise they are computed here from <c>kpi_values</c> and the registry.
/// </remarks>
internal static class ReportModelBuilder
{
    public const int TrendWeekCount = 12;
    public const int MaxChanges = 6;

    /// <summary>Dimensions always shown in the benchmark, even when empty; others only when present.</summary>
    public static readonly IReadOnlyList<string> CoreDimensions = ["location", "channel", "agent"];

    private static readonly string[] s_dimensionOrder = ["location", "channel", "agent", "segment", "platform"];

    private static readonly TimeSpan s_warnAge = TimeSpan.FromHours(26);
    private static readonly TimeSpan s_staleAge = TimeSpan.FromHours(50);

    /// <summary>Mondays of the 12 weeks up to the last full week ending by the period's end, oldest first.</summary>
    public static IReadOnlyList<DateOnly> TrendWeeks(ReportPeriod period)
    {
        var lastDay = period.EndExclusive.AddDays(-7);
        var lastMonday = lastDay.AddDays(-(((int)lastDay.DayOfWeek + 6) % 7));
        return [.. Enumerable.Range(0, TrendWeekCount).Select(i => lastMonday.AddDays(-7 * (TrendWeekCount - 1 - i)))];
    }

    public static ReportModel Build(
        WarehouseSnapshot snapshot,
        ReportOptions options,
        DateTimeOffset generatedAtUtc,
        TimeZoneInfo timeZone)
    {
        var period = options.Period;
        var prior = period.Previous();
        var weeks = TrendWeeks(period);
        var values = snapshot.Values ?? [];
        var kpis = KpiList(snapshot.Registry ?? [], values);
        var benchmark = (snapshot.Benchmark ?? [])
            .GroupBy(b => Key(b.Kpi, b.Dimension, b.DimensionValue))
            .ToDictionary(g => g.Key, g => g.First());

        var current = Index(values.Where(v => v.Grain == period.Grain && v.PeriodStart == period.Start));
        var previous = Index(values.Where(v => v.Grain == period.Grain && v.PeriodStart == prior.Start));
        var weekly = values
            .Where(v => v.Grain == ReportPeriod.WeekGrain && IsAll(v.Dimension))
            .GroupBy(v => (v.Kpi, v.PeriodStart))
            .ToDictionary(g => g.Key, g => g.First().Value);
        var kpisWithAnyRow = values.Select(v => v.Kpi).ToHashSet(StringComparer.Ordinal);

        var scorecard = kpis
            .Select(kpi => Scorecard(kpi, current, previous, benchmark, weekly, weeks, kpisWithAnyRow, period))
            .ToList();

        return new ReportModel
        {
            Title = options.Title,
            Period = period,
            PriorPeriod = prior,
            GeneratedAt = TimeZoneInfo.ConvertTime(generatedAtUtc, timeZone),
            TimeZone = timeZone,
            TimeZoneId = options.ReportingTimeZone,
            ShowPersonalData = options.ShowPersonalData,
            Kpis = kpis,
            HasRegistry = snapshot.Registry is { Count: > 0 },
            HasValues = values.Count > 0,
            Scorecard = scorecard,
            TrendWeeks = weeks,
            Benchmarks = Benchmarks(kpis, current, previous, benchmark),
            Changes = Changes(scorecard),
            Voice = snapshot.Voice,
            CustomersAtRisk = snapshot.CustomersAtRisk,
            DataQuality = DataQuality(snapshot, generatedAtUtc),
        };
    }

    private static List<KpiDefinition> KpiList(
        IReadOnlyList<KpiDefinition> registry, IReadOnlyList<KpiValueRecord> values)
    {
        var list = registry.GroupBy(k => k.Kpi, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var known = list.Select(k => k.Kpi).ToHashSet(StringComparer.Ordinal);
        var extra = values.Select(v => v.Kpi).Where(k => !known.Contains(k)).Distinct().Order(StringComparer.Ordinal);
        var order = list.Count == 0 ? 0 : list.Max(k => k.DisplayOrder);
        list.AddRange(extra.Select((kpi, i) => KpiDefinition.Unregistered(kpi, order + 1 + i)));
        return list;
    }

    private static ScorecardEntry Scorecard(
        KpiDefinition kpi,
        Dictionary<(string, string, string), KpiValueRecord> current,
        Dictionary<(string, string, string), KpiValueRecord> previous,
        Dictionary<(string, string, string), BenchmarkRecord> benchmark,
        Dictionary<(string, DateOnly), double?> weekly,
        IReadOnlyList<DateOnly> weeks,
        HashSet<string> kpisWithAnyRow,
        ReportPeriod period)
    {
        var key = Key(kpi.Kpi, "all", "");
        current.TryGetValue(key, out var row);
        previous.TryGetValue(key, out var priorRow);
        benchmark.TryGetValue(key, out var bench);

        var value = row?.Value ?? bench?.Value;
        var target = bench?.Target ?? kpi.Target;
        var priorValue = bench?.PriorValue ?? priorRow?.Value;
        var delta = bench?.Delta ?? (value - priorValue);
        var status = bench is not null
            ? KpiRules.ParseStatus(bench.Status)
            : KpiRules.Status(value, target, kpi.Tolerance, kpi.HigherIsBetter);
        var n = row?.N ?? bench?.N;
        var lowSample = (row?.IsLowSample ?? bench?.IsLowSample ?? false) || (kpi.MinSample is { } min && n < min);
        var hasData = row is not null || bench is not null;
        string? missing = null;
        if (!hasData)
        {
            missing = kpisWithAnyRow.Contains(kpi.Kpi)
                ? $"not available: no data for {period.Label}"
                : NotConfigured(kpi.Source);
        }

        return new ScorecardEntry(
            kpi,
            hasData,
            missing,
            value,
            target,
            bench?.Baseline,
            priorValue,
            delta,
            status,
            KpiRules.Status(priorValue, target, kpi.Tolerance, kpi.HigherIsBetter),
            n,
            lowSample,
            [.. weeks.Select(w => weekly.TryGetValue((kpi.Kpi, w), out var v) ? v : null)]);
    }

    /// <summary>The "not available" text for a source with no data.</summary>
    public static string NotConfigured(string? source) =>
        string.IsNullOrWhiteSpace(source)
            ? "not available: no data configured"
            : $"not available: no {source.Trim()} data configured";

    private static List<KeyValuePair<string, IReadOnlyList<BenchmarkGroup>>> Benchmarks(
        IReadOnlyList<KpiDefinition> kpis,
        Dictionary<(string, string, string), KpiValueRecord> current,
        Dictionary<(string, string, string), KpiValueRecord> previous,
        Dictionary<(string, string, string), BenchmarkRecord> benchmark)
    {
        var present = current.Keys.Concat(benchmark.Keys)
            .Select(k => k.Item2)
            .Where(d => !IsAll(d))
            .ToHashSet(StringComparer.Ordinal);
        var dimensions = s_dimensionOrder
            .Where(d => CoreDimensions.Contains(d) || present.Contains(d))
            .Concat(present.Where(d => !s_dimensionOrder.Contains(d)).Order(StringComparer.Ordinal));

        var result = new List<KeyValuePair<string, IReadOnlyList<BenchmarkGroup>>>();
        foreach (var dimension in dimensions)
        {
            var groups = new List<BenchmarkGroup>();
            foreach (var kpi in kpis)
            {
                var peers = current.Keys.Concat(benchmark.Keys)
                    .Where(k => k.Item1 == kpi.Kpi && k.Item2 == dimension)
                    .Select(k => k.Item3)
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                if (peers.Count == 0)
                {
                    continue;
                }

                var raw = peers.Select(peer =>
                {
                    var key = Key(kpi.Kpi, dimension, peer);
                    current.TryGetValue(key, out var row);
                    previous.TryGetValue(key, out var priorRow);
                    benchmark.TryGetValue(key, out var bench);
                    var value = row?.Value ?? bench?.Value;
                    var n = row?.N ?? bench?.N;
                    var status = bench is not null
                        ? KpiRules.ParseStatus(bench.Status)
                        : KpiRules.Status(value, bench?.Target ?? kpi.Target, kpi.Tolerance, kpi.HigherIsBetter);
                    var lowSample = (row?.IsLowSample ?? bench?.IsLowSample ?? false)
                        || (kpi.MinSample is { } min && n < min);
                    var delta = bench?.Delta ?? (value - (bench?.PriorValue ?? priorRow?.Value));
                    return (Peer: peer, Value: value, N: n, Status: status, LowSample: lowSample, Delta: delta,
                        Percentile: bench?.PeerPercentile);
                }).ToList();

                var peerValues = raw.Where(r => r.Value is not null).Select(r => r.Value!.Value).ToList();
                var ranked = raw
                    .OrderBy(r => r.Value is null)
                    .ThenBy(r => r.Value is { } v ? (kpi.HigherIsBetter ? -v : v) : 0)
                    .ThenBy(r => r.Peer, StringComparer.Ordinal)
                    .Select((r, i) => new BenchmarkEntry(
                        r.Value is null ? null : i + 1,
                        r.Peer,
                        r.Value,
                        r.N,
                        r.Percentile ?? KpiRules.PeerPercentile(r.Value, peerValues, kpi.HigherIsBetter),
                        r.Status,
                        r.LowSample,
                        r.Delta))
                    .ToList();
                groups.Add(new BenchmarkGroup(dimension, kpi, ranked));
            }

            result.Add(new(dimension, groups));
        }

        return result;
    }

    private static List<ChangeEntry> Changes(IReadOnlyList<ScorecardEntry> scorecard)
    {
        var candidates = scorecard
            .Where(s => s.Value is not null && s.Prior is not null && !KpiFormat.IsFlat(s.Delta, s.Kpi.Unit))
            .Select(s => new ChangeEntry(
                s,
                Math.Abs(s.Delta!.Value) / Math.Max(Math.Abs(s.Prior!.Value), 1.0),
                KpiRules.Improvement(s.Delta, s.Kpi),
                s.Status != s.PriorStatus && s.Status != KpiStatus.None && s.PriorStatus != KpiStatus.None))
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.Entry.Kpi.DisplayOrder)
            .ToList();
        var top = candidates.Take(MaxChanges).ToList();
        top.AddRange(candidates.Skip(MaxChanges).Where(c => c.StatusChanged));
        return top;
    }

    private static DataQualityModel DataQuality(WarehouseSnapshot snapshot, DateTimeOffset generatedAtUtc)
    {
        var run = snapshot.LatestRun;
        var runTime = run?.EndedAt ?? run?.StartedAt;
        var runAge = runTime is { } t ? generatedAtUtc - t : (TimeSpan?)null;
        var reference = run?.StartedAt ?? generatedAtUtc;
        var streams = snapshot.StreamRuns?.Select(s =>
        {
            long? difference =
                s is { RowsRead: { } read, RowsLoaded: { } loaded, RowsQuarantined: { } q, RowsDeduplicated: { } d }
                    ? read - (loaded + q + d)
                    : null;
            var reconciliation = difference switch
            {
                null => Reconciliation.Unknown,
                0 => Reconciliation.Ok,
                _ => Reconciliation.Mismatch,
            };
            var age = s.LatestRecordAt is { } latest ? reference - latest : (TimeSpan?)null;
            return new StreamQuality(s, reconciliation, difference, Classify(age), age);
        }).ToList();
        return new DataQualityModel(snapshot.HasRunsTable, run, runAge, Classify(runAge), streams);
    }

    private static Freshness Classify(TimeSpan? age) => age switch
    {
        null => Freshness.Unknown,
        { } a when a >= s_staleAge => Freshness.Stale,
        { } a when a >= s_warnAge => Freshness.Warn,
        _ => Freshness.Fresh,
    };

    private static Dictionary<(string, string, string), KpiValueRecord> Index(IEnumerable<KpiValueRecord> rows) =>
        rows.GroupBy(r => Key(r.Kpi, r.Dimension, r.DimensionValue)).ToDictionary(g => g.Key, g => g.First());

    private static (string, string, string) Key(string kpi, string dimension, string dimensionValue)
    {
        var dim = dimension.Trim().ToLowerInvariant();
        return IsAll(dim) ? (kpi, "all", "") : (kpi, dim, dimensionValue);
    }

    private static bool IsAll(string dimension) =>
        string.Equals(dimension.Trim(), "all", StringComparison.OrdinalIgnoreCase);
}
