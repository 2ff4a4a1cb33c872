using System.Globalization;
using CxWarehouse.Reports.Data;
using CxWarehouse.Reports.Excel;
using CxWarehouse.Reports.Formatting;
using CxWarehouse.Reports.Model;
using CxWarehouse.Reports.Privacy;

namespace CxWarehouse.Reports.Html;

/// <summary>Projects the <see cref="ReportModel"/> into display strings and charts for the templates.</summary>
internal static partial class HtmlViewBuilder
{
    public const int TilesPerRow = 3;
    public const int MaxBarsPerChart = 10;
    public const int MaxTopics = 8;
    public const int MaxQuotes = 5;
    public const int MaxDrivers = 8;
    public const int MaxFollowUps = 10;
    public const int MaxFollowUpOwners = 8;
    public const int MaxPaths = 5;
    public const int MaxCohorts = 6;
    public const int MaxCohortMonths = 7;

    /// <summary>The view of <paramref name="model"/>; <paramref name="charts"/> draws its charts (default inline SVG).</summary>
    /// <param name="model">The report.</param>
    /// <param name="workbookName">The workbook's file name, named in the footer, or null.</param>
    /// <param name="charts">How charts are drawn; <see cref="ChartRenderer.Svg"/> when null.</param>
    public static HtmlReportView Build(ReportModel model, string? workbookName, ChartRenderer? charts = null)
    {
        charts ??= ChartRenderer.Svg;
        var scorecard = model.Scorecard;
        var grain = model.Period.Grain == ReportPeriod.WeekGrain ? "week" : "month";
        var sources = scorecard
            .Where(s => s.Baseline is not null && s.BaselineSource.Length > 0)
            .Select(s => s.BaselineSource)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new HtmlReportView
        {
            Title = model.Title,
            PeriodLabel = model.Period.Label,
            PeriodRange = model.Period.DateRangeText,
            PriorLabel = model.PriorPeriod.Label,
            Grain = grain,
            Generated = $"{KpiFormat.Timestamp(model.GeneratedAt)} {model.TimeZoneId}",
            WorkbookName = workbookName,
            GreenCount = scorecard.Count(s => s.Status == KpiStatus.Green),
            AmberCount = scorecard.Count(s => s.Status == KpiStatus.Amber),
            RedCount = scorecard.Count(s => s.Status == KpiStatus.Red),
            NoDataCount = scorecard.Count(s => s.Value is null),
            HeadlineMissing = scorecard.Count == 0 ? "not available: no KPI registry or KPI values configured" : null,
            // The headline shows the KPIs the business has data for; the rest are one line saying what they need.
            TileRows = [.. scorecard
                .Where(s => s.HasData || scorecard.All(e => !e.HasData))
                .Select(s => Tile(s, model, sources, charts))
                .Chunk(TilesPerRow)
                .Select(c => (IReadOnlyList<TileView>)c)],
            Unmeasured = scorecard.Any(s => s.HasData) ? Unmeasured(scorecard) : null,
            ChangesMissing = model.Changes.Count == 0
                ? $"not available: no KPI has values for both {model.Period.Label} and {model.PriorPeriod.Label}"
                : null,
            Changes = [.. model.Changes.Select(c => Change(c, model))],
            Benchmark = [.. model.Benchmarks.Select(d => Dimension(d.Key, d.Value, charts))],
            TrendsMissing = scorecard.All(s => s.Trend.All(v => v is null))
                ? "not available: no weekly KPI values configured"
                : null,
            Trends = [.. scorecard.Where(s => s.Trend.Any(v => v is not null)).Select(s => Trend(s, model, charts))],
            TrendsWithoutData = [.. scorecard.Where(s => s.Trend.All(v => v is null)).Select(s => new MissingKpiView
            {
                Label = s.Kpi.Label,
                Missing = s.MissingReason ?? ReportModelBuilder.NotConfigured(s.Kpi.Source),
            })],
            Voice = Voice(model, charts),
            Drivers = Drivers(model),
            FollowUps = FollowUps(model),
            Emerging = Emerging(model),
            Competitors = Competitors(model),
            DataQuality = DataQuality(model),
            Journey = Journey(model, charts),
            FreshnessBanner = FreshnessBanner(model),
            BaselineNotes = [.. sources.Select((text, i) => new FootnoteView
            {
                Mark = (i + 1).ToString(CultureInfo.InvariantCulture),
                Text = text,
            })],
        };
    }

    /// <summary>
    /// "Not measured (26 KPIs): NPS, CSAT (needs surveys data); Service level, ... (needs calls data); ...".
    /// KPIs are grouped by what would enable them, in display order.
    /// </summary>
    public static string? Unmeasured(IReadOnlyList<ScorecardEntry> scorecard)
    {
        var missing = scorecard.Where(s => !s.HasData).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        var groups = missing
            .GroupBy(s => Enabler(s.MissingReason ?? ReportModelBuilder.NotConfigured(s.Kpi.Source)), StringComparer.Ordinal)
            .Select(g => $"{string.Join(", ", g.Select(s => s.Kpi.Label))} ({g.Key})");
        return string.Create(CultureInfo.InvariantCulture,
            $"Not measured ({missing.Count} {(missing.Count == 1 ? "KPI" : "KPIs")}): ")
            + string.Join("; ", groups) + ".";
    }

    /// <summary>"not available: no surveys data configured" becomes "needs surveys data".</summary>
    private static string Enabler(string reason)
    {
        var text = reason.StartsWith("not available: ", StringComparison.Ordinal) ? reason["not available: ".Length..] : reason;
        if (text.StartsWith("no ", StringComparison.Ordinal) && text.EndsWith(" data configured", StringComparison.Ordinal))
        {
            return "needs " + text[3..^" configured".Length];
        }

        return text;
    }

    private static TileView Tile(ScorecardEntry entry, ReportModel model, List<string> sources, ChartRenderer charts)
    {
        var source = entry.Baseline is null ? -1 : sources.IndexOf(entry.BaselineSource);
        var unit = entry.Kpi.Measure;
        var improvement = KpiRules.Improvement(entry.Delta, entry.Kpi);
        var deltaText = entry.Delta is null
            ? $"no value for {model.PriorPeriod.Label}"
            : $"{KpiFormat.Delta(entry.Delta, unit)} vs {model.PriorPeriod.Label}";
        return new TileView
        {
            Label = entry.Kpi.Label,
            Value = KpiFormat.Value(entry.Value, unit),
            StatusText = entry.StatusNote ?? KpiFormat.StatusMeaning(entry.Status),
            StatusColor = Palette.Status(entry.Status),
            StatusBackground = Palette.StatusBackground(entry.Status),
            TargetText = entry.Target is { } t ? "target " + KpiFormat.Value(t, unit) : "no target",
            DeltaArrow = Arrow(entry.Delta, unit),
            DeltaText = deltaText,
            ChangeText = entry.Delta is null ? "no value for " + model.PriorPeriod.Label : KpiFormat.Delta(entry.Delta, unit),
            DeltaColor = Palette.Improvement(improvement),
            SampleText = entry.N is { } n ? "n = " + KpiFormat.Count(n) : "",
            MarginText = KpiFormat.Margin(entry.Margin, unit),
            DeltaVerdict = entry.Delta is null ? "" : Significance(entry.IsChangeSignificant, brief: true),
            LowSample = entry.IsLowSample,
            Missing = entry.HasData ? null : entry.MissingReason,
            Sparkline = Charts.Sparkline(
                charts,
                entry.Trend,
                entry.Target,
                Palette.Status(entry.Status),
                $"{entry.Kpi.Label}, last {entry.Trend.Count} weeks"),
            BaselineText = entry.Baseline is { } b ? "industry " + KpiFormat.Value(b, unit) : null,
            BaselineMark = source >= 0 ? (source + 1).ToString(CultureInfo.InvariantCulture) : null,
            BaselineSource = entry.Baseline is null ? "" : entry.BaselineSource,
        };
    }

    private static ChangeView Change(ChangeEntry change, ReportModel model)
    {
        var entry = change.Entry;
        var unit = entry.Kpi.Measure;
        return new ChangeView
        {
            Label = entry.Kpi.Label,
            Prior = KpiFormat.Value(entry.Prior, unit),
            Value = KpiFormat.Value(entry.Value, unit),
            Arrow = Arrow(entry.Delta, unit),
            Delta = KpiFormat.Delta(entry.Delta, unit),
            Color = Palette.Improvement(change.Improvement),
            Verdict = change.Improvement switch
            {
                > 0 => "improved",
                < 0 => "worsened",
                _ => "unchanged",
            },
            Significance = Significance(change.IsSignificant, brief: false),
            IsMuted = change.IsSignificant != true,
            StatusChange = change.StatusChanged
                ? $"{KpiFormat.StatusMeaning(entry.PriorStatus)} in {model.PriorPeriod.Label} → "
                  + KpiFormat.StatusMeaning(entry.Status)
                : null,
        };
    }

    /// <summary>The mart's verdict on a change or gap, in words.</summary>
    public static string Significance(bool? significant, bool brief) => significant switch
    {
        true => brief ? "significant" : "significant at 95%",
        false => "within noise",
        null => brief ? "" : "no test (no sampling interval)",
    };

    private static DimensionView Dimension(string dimension, IReadOnlyList<BenchmarkGroup> groups, ChartRenderer charts)
    {
        var name = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(dimension);
        return new DimensionView
        {
            Id = "benchmark-" + new string([.. dimension.Where(char.IsAsciiLetterOrDigit)]).ToLowerInvariant(),
            Name = name,
            Missing = groups.Count == 0 ? ReportModelBuilder.NotConfigured(dimension) : null,
            Groups = [.. groups.Select(g => Group(g, charts))],
        };
    }

    private static BenchmarkGroupView Group(BenchmarkGroup group, ChartRenderer charts)
    {
        var unit = group.Kpi.Measure;
        var ranked = group.Entries.Where(e => e.Value is not null).ToList();
        var shown = ranked.Count <= MaxBarsPerChart
            ? ranked
            : [.. ranked.Take(MaxBarsPerChart / 2), .. ranked.TakeLast(MaxBarsPerChart / 2)];
        var bars = shown
            .Select(e => new Charts.Bar(
                $"{e.Rank}. {e.Peer}" + (e.IsLowSample ? " (low n)" : ""),
                e.Value!.Value,
                KpiFormat.Value(e.Value, unit),
                Palette.Status(e.Status)))
            .ToList();
        var target = group.Kpi.Target;
        return new BenchmarkGroupView
        {
            KpiLabel = group.Kpi.Label,
            Summary = GroupSummary(ranked, unit),
            Note = ranked.Count > shown.Count
                ? $"Top {MaxBarsPerChart / 2} and bottom {MaxBarsPerChart / 2} of {ranked.Count} shown; "
                  + "all are in the workbook."
                : null,
            Chart = Charts.Bars(
                charts,
                bars,
                target,
                $"{group.Kpi.Label} by {group.Dimension}"
                + (target is { } t ? $", target {KpiFormat.Value(t, unit)}" : "")),
        };
    }

    /// <summary>"best A (80.0%, +5.0 pts vs all, significant), worst B (...)": the ends of a ranked benchmark.</summary>
    private static string GroupSummary(List<BenchmarkEntry> ranked, KpiUnit unit) => ranked.Count switch
    {
        0 => "no values",
        1 => $"{ranked[0].Peer}: {KpiFormat.Value(ranked[0].Value, unit)}{Gap(ranked[0], unit)}",
        _ => $"best {ranked[0].Peer} ({KpiFormat.Value(ranked[0].Value, unit)}{Gap(ranked[0], unit)}), "
             + $"worst {ranked[^1].Peer} ({KpiFormat.Value(ranked[^1].Value, unit)}{Gap(ranked[^1], unit)})",
    };

    /// <summary>", +11.0 vs all, significant": a peer's gap to the whole business with the mart's verdict.</summary>
    private static string Gap(BenchmarkEntry entry, KpiUnit unit) => entry.PeerGap is null
        ? ""
        : $", {KpiFormat.Delta(entry.PeerGap, unit)} vs all"
          + (entry.IsPeerGapSignificant is { } significant ? ", " + Significance(significant, brief: true) : "");

    private static TrendView Trend(ScorecardEntry entry, ReportModel model, ChartRenderer charts)
    {
        var unit = entry.Kpi.Measure;
        var present = entry.Trend.Select((v, i) => (v, i)).Where(p => p.v is not null).ToList();
        double? change = present.Count >= 2 ? present[^1].v - present[0].v : null;
        var firstWeek = present.Count >= 2 ? KpiFormat.WeekLabel(model.TrendWeeks[present[0].i]) : "";
        var latest = present.Count > 0 ? present[^1].v : null;
        return new TrendView
        {
            Label = entry.Kpi.Label,
            Latest = KpiFormat.Value(latest, unit),
            Change = change is null ? "" : $"{KpiFormat.Delta(change, unit)} since {firstWeek}",
            ChangeColor = Palette.Improvement(KpiRules.Improvement(change, entry.Kpi)),
            Chart = Charts.Trend(
                charts,
                entry.Trend,
                [.. model.TrendWeeks.Select(KpiFormat.WeekLabel)],
                entry.Target,
                KpiFormat.Value(entry.Target, unit),
                KpiFormat.Value(latest, unit),
                Palette.Status(entry.Status),
                $"{entry.Kpi.Label}, weekly, {KpiFormat.WeekLabel(model.TrendWeeks[0])} to "
                + KpiFormat.WeekLabel(model.TrendWeeks[^1])),
        };
    }

    private static VoiceView Voice(ReportModel model, ChartRenderer charts)
    {
        if (model.Voice is not { Count: > 0 } voice)
        {
            return new VoiceView
            {
                Missing = ReportModelBuilder.NotConfigured("voice of customer"),
                Topics = [],
                Quotes = [],
            };
        }

        string Mask(string text) => model.ShowPersonalData ? text : PersonalDataMask.FreeText(text);
        return new VoiceView
        {
            Missing = null,
            Topics = [.. voice.Take(MaxTopics).Select(v => new TopicView
            {
                Topic = v.Topic,
                Location = v.Location,
                Mentions = KpiFormat.Count(v.Mentions),
                ShareNegative = KpiFormat.Fraction(v.ShareNegative),
                Bar = Charts.Share(charts, v.ShareNegative, Palette.Red),
            })],
            Quotes = [.. voice
                .Where(v => !string.IsNullOrWhiteSpace(v.Quote))
                .DistinctBy(v => v.Quote)
                .Take(MaxQuotes)
                .Select(v => new QuoteView
                {
                    Topic = v.Topic,
                    Location = v.Location,
                    Text = HtmlText.Linkify(SafeCell.Truncate(Mask(v.Quote), 2_000)),
                })],
        };
    }

    /// <summary>The banner over both the report and the message when a source's data is stale.</summary>
    private static BannerView? FreshnessBanner(ReportModel model) => model.FreshnessWarning is { } warning
        ? new BannerView
        {
            Headline = warning.Headline,
            Details = warning.Details,
            Color = warning.IsError ? Palette.Red : Palette.Amber,
            Background = warning.IsError ? Palette.RedBackground : Palette.AmberBackground,
        }
        : null;

    private static DriversView Drivers(ReportModel model)
    {
        if (model.KeyDrivers is not { Count: > 0 } drivers)
        {
            return new DriversView
            {
                Missing = ReportModelBuilder.NotConfigured("key driver"),
                Scope = "",
                Drivers = [],
            };
        }

        static string Points(double? value) =>
            value is { } v ? v.ToString("+0;-0;0", CultureInfo.InvariantCulture) : KpiFormat.Missing;
        static string Interval(double? low, double? high) => low is null || high is null
            ? "too few responses for an interval"
            : $"95% {Points(low)} to {Points(high)}";
        return new DriversView
        {
            Missing = null,
            Scope = $"Quarter from {KpiFormat.Date(drivers[0].PeriodStart)}, all locations. Effect: NPS (CSAT) points "
                + "of responses with the driver minus those without; ranked by effect × frequency; coloured where the "
                + "95% interval excludes zero.",
            Drivers = [.. drivers.Take(MaxDrivers).Select(d => new DriverView
            {
                Rank = KpiFormat.Count(d.Rank),
                Driver = d.Driver.Replace('_', ' '),
                Frequency = KpiFormat.Fraction(d.Frequency),
                NpsEffect = Points(d.NpsEffect),
                NpsInterval = Interval(d.NpsLow, d.NpsHigh),
                CsatEffect = Points(d.CsatEffect),
                CsatInterval = Interval(d.CsatLow, d.CsatHigh),
                Color = !d.Significant ? "#374151" : (d.NpsEffect ?? d.CsatEffect) < 0 ? Palette.Red : Palette.Green,
            })],
        };
    }

    private static FollowUpsView FollowUps(ReportModel model)
    {
        if (model.FollowUps is not { } items || model.FollowUpOwners is not { } owners)
        {
            return new FollowUpsView
            {
                Missing = ReportModelBuilder.NotConfigured("follow-up"),
                Summary = "",
                Items = [],
                Owners = [],
            };
        }

        var overdue = owners.Select(o => o.Overdue ?? 0).Sum();
        var open = owners.Select(o => o.Open ?? 0).Sum();
        var show = model.ShowPersonalData;
        return new FollowUpsView
        {
            Missing = null,
            Summary = $"{KpiFormat.Count(overdue)} overdue and {KpiFormat.Count(open)} open: detractors, low CSAT and "
                + "negative reviews waiting for an answer.",
            Items = [.. items.Take(MaxFollowUps).Select(i => new FollowUpView
            {
                Status = StateSpelling.Text(i.Status),
                StatusColor = i.Status == FollowUpState.Overdue ? Palette.Red : Palette.Amber,
                Kind = i.Kind.Replace('_', ' '),
                Owner = i.Owner,
                Due = i.DueAt is { } due ? KpiFormat.Timestamp(model.ToLocal(due)) : KpiFormat.Missing,
                Customer = show ? i.Customer : PersonalDataMask.Name(i.Customer),
                Text = HtmlText.Linkify(SafeCell.Truncate(show ? i.Text : PersonalDataMask.FreeText(i.Text), 500)),
            })],
            Owners = [.. owners.Take(MaxFollowUpOwners).Select(o => new FollowUpOwnerView
            {
                Owner = o.Owner,
                Open = KpiFormat.Count(o.Open),
                Overdue = KpiFormat.Count(o.Overdue),
                Answered = KpiFormat.Count(o.Answered),
            })],
        };
    }

    private static DataQualityView DataQuality(ReportModel model)
    {
        var quality = model.DataQuality;
        var run = quality.Run;
        var runText = run is null
            ? ""
            : $"Latest run {run.RunId}: {run.Status}"
              + (run.StartedAt is { } s ? $", started {KpiFormat.Timestamp(model.ToLocal(s))}" : "")
              + (run.EndedAt is { } e ? $", ended {KpiFormat.Timestamp(model.ToLocal(e))}" : ", not finished")
              + $" ({KpiFormat.Age(quality.RunAge)} before this report)";
        var streams = quality.Streams ?? [];
        var mismatches = streams.Count(s => s.Reconciliation == Reconciliation.Mismatch);
        var stale = streams.Count(s => s.IsLate);
        var failed = streams.Count(s => !IsOkStatus(s.Run.Status));
        var problems = mismatches + failed + (quality.RunFreshness == Freshness.Error ? 1 : 0);
        var summary = streams.Count == 0
            ? ""
            : $"{Plural(streams.Count, "stream", "streams")}: "
              + $"{Plural(mismatches, "reconciliation mismatch", "reconciliation mismatches")}, "
              + $"{failed} not successful, {stale} with late data.";
        return new DataQualityView
        {
            Missing = run is null
                ? ReportModelBuilder.NotConfigured("ETL run audit")
                : streams.Count == 0 ? ReportModelBuilder.NotConfigured("stream run audit") : null,
            RunText = runText,
            Summary = summary,
            SummaryColor = problems > 0 ? Palette.Red : stale > 0 ? Palette.Amber : Palette.Green,
            FreshnessEstimated = streams.Count > 0 && streams.All(s => s.FreshnessEstimated),
            Streams = [.. streams.Select(s => new StreamView
            {
                Name = s.Name,
                Message = s.Run.Message,
                Status = s.Run.Status,
                Read = KpiFormat.Count(s.Run.RowsRead),
                Loaded = KpiFormat.Count(s.Run.RowsLoaded),
                Quarantined = KpiFormat.Count(s.Run.RowsQuarantined),
                Deduplicated = KpiFormat.Count(s.Run.RowsDeduplicated),
                Reconciliation = WorkbookWriter.ReconciliationText(s.Reconciliation)
                    + (s.Difference is { } d && d != 0 ? $" ({KpiFormat.Count(d)})" : ""),
                ReconciliationColor = s.Reconciliation switch
                {
                    Reconciliation.Ok => Palette.Green,
                    Reconciliation.Mismatch => Palette.Red,
                    _ => Palette.Muted,
                },
                LatestRecord = s.Run.LatestRecordAt is { } l
                    ? KpiFormat.Timestamp(model.ToLocal(l))
                    : KpiFormat.Missing,
                Age = KpiFormat.Age(s.Age),
                Freshness = WorkbookWriter.FreshnessText(s),
                FreshnessColor = Palette.Status(WorkbookWriter.FreshnessStatus(s.Freshness)),
            })],
            Orphans = [.. (quality.Orphans ?? []).Select(o => new OrphanView
            {
                Relation = $"{o.Relation} ({o.Child} → {o.Parent})",
                Rows = KpiFormat.Count(o.Rows),
                Orphans = o.Status == OrphanState.NotChecked ? KpiFormat.Missing : KpiFormat.Count(o.Orphans),
                Share = KpiFormat.Percent(o.Percent),
                Status = StateSpelling.Text(o.Status),
                StatusColor = o.Status switch
                {
                    OrphanState.Ok => Palette.Green,
                    OrphanState.Warn => Palette.Amber,
                    _ => Palette.Muted,
                },
                Message = o.Message,
            })],
        };
    }

    private static JourneyView Journey(ReportModel model, ChartRenderer charts)
    {
        var journey = model.Journey;
        var month = KpiFormat.Month(journey.Month ?? journey.ReportMonth);
        var funnel = journey.Funnel ?? [];
        var bars = funnel
            .Select(s => new Charts.FunnelBar(
                s.Stage,
                s.Customers ?? 0,
                KpiFormat.Count(s.Customers),
                s.ConversionPct is { } c
                    ? $"{KpiFormat.Percent(c)} continue"
                      + (s.MedianDaysToNext is { } d ? $" · median {KpiFormat.Days(d)}" : "")
                    : ""))
            .ToList();
        var cohorts = (journey.Cohorts ?? []).TakeLast(MaxCohorts).ToList();
        var columns = Math.Min(journey.MonthsSinceCount, MaxCohortMonths);
        return new JourneyView
        {
            Heading = $"Journeys started in {month}",
            Note = journey.IsEarlierMonth
                ? $"No journeys yet for {KpiFormat.Month(journey.ReportMonth)}; {month} is the latest month with data."
                : null,
            FunnelMissing = journey.FunnelMissing
                ?? (funnel.Count == 0 ? "not available: no funnel for all channels" : null),
            FunnelChart = Charts.Funnel(
                charts,
                bars, Palette.Neutral, $"Journey funnel of customers whose journeys started in {month}"),
            PathsMissing = journey.PathsMissing,
            BuyerPaths = [.. (journey.BuyerPaths ?? []).Take(MaxPaths).Select(Path)],
            NonBuyerPaths = [.. (journey.NonBuyerPaths ?? []).Take(MaxPaths).Select(Path)],
            CohortsMissing = journey.CohortsMissing,
            CohortColumns =
                [.. Enumerable.Range(0, columns).Select(i => "M" + i.ToString(CultureInfo.InvariantCulture))],
            Cohorts = [.. cohorts.Select(c => new CohortView
            {
                Month = KpiFormat.Month(c.CohortMonth),
                Customers = KpiFormat.Count(c.Customers),
                Cells = [.. c.Retention.Take(columns).Select(RetentionCell)],
            })],
        };

        static PathView Path(Data.JourneyPathRecord p) => new()
        {
            Path = SafeCell.Truncate(p.Path, 300),
            Customers = KpiFormat.Count(p.Customers),
            Share = KpiFormat.Percent(p.SharePct),
            LastStage = p.LastStage,
            MedianDays = KpiFormat.Days(p.MedianDays),
        };
    }

    /// <summary>A retention cell shaded from white (0%) to the report blue (100%), with readable text.</summary>
    private static CohortCellView RetentionCell(double? pct)
    {
        if (pct is not { } p)
        {
            return new CohortCellView { Text = "", Color = Palette.Muted, Background = "#ffffff" };
        }

        var t = Math.Clamp(p / 100, 0, 1);
        static int Mix(int from, int to, double t) => (int)Math.Round(from + (to - from) * t);
        var background = string.Create(
            CultureInfo.InvariantCulture,
            $"#{Mix(0xff, 0x1f, t):x2}{Mix(0xff, 0x4e, t):x2}{Mix(0xff, 0x78, t):x2}");
        return new CohortCellView
        {
            Text = p.ToString("0", CultureInfo.InvariantCulture) + "%",
            Color = t > 0.7 ? "#ffffff" : Palette.Ink, // white only where the blue is dark enough to read it on
            Background = background,
        };
    }

    private static bool IsOkStatus(string status) =>
        status.Trim().ToLowerInvariant() is "ok" or "success" or "succeeded" or "completed" or "complete" or "done";

    private static string Arrow(double? delta, string unit) => delta switch
    {
        null => "",
        _ when KpiFormat.IsFlat(delta, unit) => "▶",
        > 0 => "▲",
        _ => "▼",
    };

    private static string Plural(int count, string singular, string plural) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural);
}
