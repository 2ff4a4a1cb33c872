using System.Globalization;
using System.Text.Json;
using CxWarehouse.Cli.Tests.Support;
using DuckDB.NET.Data;

namespace CxWarehouse.Cli.Tests;

/// <summary>The main job, as users run it: cxw run and cxw report on the bundled sample.</summary>
public sealed class SampleRunTests(SampleRun sample) : IClassFixture<SampleRun>
{
    private List<object?[]> Query(string sql)
    {
        using var db = new DuckDBConnection($"Data Source={sample.Warehouse};ACCESS_MODE=READ_ONLY");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
        }
        return rows;
    }

    [Fact]
    public void Run_Sample_SucceedsAndEveryStreamReconciles()
    {
        Assert.True(sample.Run.ExitCode == 0, sample.Run.Stderr);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(sample.Output, "run_results.json")));
        Assert.Equal("success", json.RootElement.GetProperty("status").GetString());
        var streams = json.RootElement.GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal(16, streams.Count);   // 12 of the business's, 4 of its two competitors
        foreach (var stream in streams)
        {
            var read = stream.GetProperty("rows_read").GetInt64();
            Assert.True(read > 0, stream.GetProperty("stream").GetString());
            Assert.Equal(read, stream.GetProperty("rows_loaded").GetInt64() + stream.GetProperty("rows_quarantined").GetInt64()
                + stream.GetProperty("rows_deduplicated").GetInt64() + stream.GetProperty("rows_deleted").GetInt64());
            Assert.All(stream.GetProperty("files").EnumerateArray(),
                f => Assert.Equal(64, f.GetProperty("sha256").GetString()!.Length));
        }
        Assert.Contains(json.RootElement.GetProperty("models").EnumerateArray(),
            m => m.GetProperty("name").GetString() == "kpi_values" && m.GetProperty("rows").GetInt64() > 0);
    }

    [Fact]
    public void Run_Sample_QuarantinesExactlyThePlantedBadRecords()
    {
        Assert.True(sample.Run.ExitCode == 0, sample.Run.Stderr);
        var truth = File.ReadAllLines(Path.Combine(Cxw.RepoRoot, "data-sample", "truth", "dirty.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Select(p => (File: p[0], Line: long.Parse(p[1], CultureInfo.InvariantCulture), Kind: p[3], Expected: p[^1]))
            .ToList();
        var quarantined = Query("SELECT file, line FROM audit.quarantine")
            .Select(r => (((string)r[0]!).Replace(".gz", "", StringComparison.Ordinal),
                Convert.ToInt64(r[1], CultureInfo.InvariantCulture))).ToList();
        bool IsQuarantined(string file, long line) => quarantined.Any(q => file.EndsWith("/" + q.Item1, StringComparison.Ordinal) && q.Item2 == line);

        var planted = truth.Where(t => t.Expected == "quarantine").ToList();
        Assert.NotEmpty(planted);
        Assert.All(planted, t => Assert.True(IsQuarantined(t.File, t.Line), $"{t.File}:{t.Line} ({t.Kind}) was not quarantined"));
        Assert.All(truth.Where(t => t.Expected != "quarantine"),
            t => Assert.False(IsQuarantined(t.File, t.Line), $"{t.File}:{t.Line} ({t.Kind}) should have been accepted"));
        Assert.Equal(planted.Count, quarantined.Count);
    }

    [Fact]
    public void Run_Sample_AsteriskLegsOfOneCall_AreOneCallFromItsFirstLeg()
    {
        Assert.True(sample.Run.ExitCode == 0, sample.Run.Stderr);
        // The generator writes a NO ANSWER leg before some answered calls, both under the call's uniqueid.
        var master = Path.Combine(Cxw.RepoRoot, "data-sample", "calls", "asterisk", "Master.csv");
        var legs = Query($"""
            SELECT count(*), count(DISTINCT column16), count(*) FILTER (WHERE column14 = 'NO ANSWER' AND column16 IN (
                SELECT column16 FROM read_csv('{master}', header = false, all_varchar = true) GROUP BY 1 HAVING count(*) > 1))
            FROM read_csv('{master}', header = false, all_varchar = true)
            """).Single().Select(v => Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.True(legs[2] > 10, $"{legs[2]} calls with two legs");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(sample.Output, "run_results.json")));
        var calls = json.RootElement.GetProperty("streams").EnumerateArray()
            .Single(s => s.GetProperty("input").GetString() == "asterisk");
        Assert.Equal(legs[0], calls.GetProperty("rows_read").GetInt64());
        // One call per uniqueid: the legs beyond the first of each call are folded into it.
        Assert.Equal(legs[0] - legs[1], calls.GetProperty("rows_deduplicated").GetInt64());
        // A two-leg call starts when its first leg starts, waits until its answered leg is answered, and talks as long
        // as that leg's billsec.
        var mismatched = Query($"""
            WITH rows AS (SELECT * FROM read_csv('{master}', header = false, all_varchar = true)),
            calls AS (
                SELECT column16 AS call_id, min(column09) AS first_start, max(column10) AS answered,
                    sum(TRY_CAST(column13 AS BIGINT)) FILTER (WHERE column14 = 'ANSWERED') AS talk
                FROM rows GROUP BY 1 HAVING count(*) > 1)
            SELECT count(*) FROM calls JOIN raw.calls__calls AS c USING (call_id)
            WHERE strftime(c.initiated_at AT TIME ZONE 'America/Sao_Paulo', '%Y-%m-%d %H:%M:%S') <> calls.first_start
                OR c.queue_s <> date_diff('second', calls.first_start::TIMESTAMP, calls.answered::TIMESTAMP)
                OR c.talk_s <> calls.talk OR NOT c.is_answered
            """).Single()[0];
        Assert.Equal(0L, Convert.ToInt64(mismatched, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Run_Sample_BuildsTheFirstStarTablesAndKpis()
    {
        Assert.True(sample.Run.ExitCode == 0, sample.Run.Stderr);
        var kpis = Query("SELECT DISTINCT kpi FROM marts.kpi_values WHERE dimension = 'all'").Select(r => (string)r[0]!).ToList();
        Assert.Contains("nps", kpis);
        Assert.Contains("csat", kpis);
        Assert.Contains("service_level", kpis);
        Assert.Contains("review_rating", kpis);
        // NPS recomputed by hand from the fact table for one month equals the mart.
        var month = Query("""
            SELECT period_start, value FROM marts.kpi_values
            WHERE kpi = 'nps' AND dimension = 'all' AND period_grain = 'month' ORDER BY n DESC LIMIT 1
            """).Single();
        var byHand = Query($"""
            SELECT 100.0 * (count(*) FILTER (WHERE nps_score >= 9) - count(*) FILTER (WHERE nps_score <= 6)) / count(nps_score)
            FROM core.fct_survey_responses
            WHERE date_trunc('month', responded_local) = DATE '{(DateOnly)month[0]!:yyyy-MM-dd}'
            """).Single();
        Assert.Equal(Convert.ToDouble(byHand[0], CultureInfo.InvariantCulture), (double)month[1]!, 9);
        Assert.True(Convert.ToInt64(Query("SELECT count(*) FROM core.fct_calls").Single()[0], CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public void Competitors_Sample_NeverOursAndSetBesideUsPerLocation()
    {
        Assert.True(sample.Run.ExitCode == 0, sample.Run.Stderr);
        // The four competitor sources feed fct_competitor_reviews only.
        Assert.Equal(0L, Convert.ToInt64(Query("""
            SELECT count(*) FROM core.fct_reviews WHERE source_name LIKE 'brightframe%' OR source_name LIKE 'snapshot%'
            """).Single()[0], CultureInfo.InvariantCulture));
        var shops = Query("""
            SELECT competitor, count(DISTINCT location_id), count(*) FROM core.fct_competitor_reviews
            GROUP BY competitor ORDER BY competitor
            """);
        Assert.Equal(["Brightframe Studios", "Snapshot Photo Co."], shops.Select(r => (string)r[0]!));
        Assert.All(shops, r => Assert.Equal(6L, Convert.ToInt64(r[1], CultureInfo.InvariantCulture)));
        // Our review KPI counts our reviews only.
        var ours = Query("""
            SELECT avg(rating) FROM core.fct_reviews WHERE date_trunc('quarter', posted_local) = DATE '2026-10-01'
            """).Single()[0];
        var rows = Query("""
            SELECT unit, business, is_own, mean_rating, rating_vs_own FROM marts.competitor_benchmark
            WHERE period_grain = 'quarter' AND period_start = DATE '2026-10-01'
            """);
        Assert.Equal(3 * 7, rows.Count);   // three businesses in each of six locations and 'all'
        var own = rows.Single(r => (string)r[0]! == "all" && (bool)r[2]!);
        Assert.Equal(Convert.ToDouble(ours, CultureInfo.InvariantCulture), (double)own[3]!, 9);
        Assert.All(rows.Where(r => !(bool)r[2]! && (string)r[0]! == "all"), r => Assert.Equal(
            (double)r[3]! - (double)own[3]!, (double)r[4]!, 9));
    }

    [Fact]
    public void EmergingTopics_Sample_CountsRecomputedFromTheFacts()
    {
        Assert.True(sample.Run.ExitCode == 0, sample.Run.Stderr);
        // The negative texts of each month, their terms extracted here, counted once per text.
        var texts = Query("""
            SELECT date_trunc('month', posted_local)::DATE, review_text, language FROM core.fct_reviews
            WHERE review_text IS NOT NULL AND (sentiment_label = 'negative' OR rating <= 2)
            UNION ALL
            SELECT date_trunc('month', responded_local)::DATE, comment, language FROM core.fct_survey_responses
            WHERE comment IS NOT NULL AND (comment_sentiment_label = 'negative' OR nps_score <= 6 OR csat_score <= 2)
            """);
        var negative = texts.GroupBy(r => (DateOnly)r[0]!).ToDictionary(g => g.Key, g => (long)g.Count());
        var counts = texts
            .SelectMany(r => CxWarehouse.Text.TermExtractor.Default.Extract((string)r[1]!, r[2] as string)
                .Select(t => (Month: (DateOnly)r[0]!, Term: t)))
            .GroupBy(x => x).ToDictionary(g => g.Key, g => (long)g.Count());
        var expected = counts.Where(c => c.Value >= 5).Select(c => $"{c.Key.Month:yyyy-MM} {c.Key.Term} {c.Value} "
            + negative[c.Key.Month]).Order(StringComparer.Ordinal).ToList();
        var mart = Query("""
            SELECT period_start, term, mentions, negative_texts FROM marts.emerging_topics
            WHERE period_grain = 'month' AND unit = 'all'
            """).Select(r => $"{(DateOnly)r[0]!:yyyy-MM} {r[1]} {r[2]} {r[3]}").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, mart);
    }

    [Fact]
    public void Report_Sample_WritesBothFilesForTheLatestCompleteWeek()
    {
        Assert.True(sample.Report.ExitCode == 0, sample.Report.Stderr);
        var reports = Path.Combine(sample.Output, "reports");
        Assert.True(File.Exists(Path.Combine(reports, "cx-benchmark-2026-W47.xlsx")), sample.Report.Stderr);
        Assert.True(File.Exists(Path.Combine(reports, "cx-benchmark-2026-W47.html")), sample.Report.Stderr);
        Assert.Empty(Directory.EnumerateFiles(reports, ".*"));
    }

    [Fact]
    public void Sql_ReadOnly_RefusesWrites()
    {
        var result = Cxw.Run(Cxw.RepoRoot, ["sql", "create table marts.x as select 1", .. sample.Globals]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("read-only", result.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Sql_Csv_PrintsTheQueryResult()
    {
        var result = Cxw.Run(Cxw.RepoRoot,
            ["sql", "select kpi, label from marts.kpi_registry where kpi = 'nps'", "--format", "csv", .. sample.Globals]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("kpi,label\nnps,NPS\n", result.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void IdentityResolution_AgainstGroundTruth_PrecisionAndRecallOfMergedPairs()
    {
        Assert.True(sample.Run.ExitCode == 0, sample.Run.Stderr);
        var truthFile = Path.Combine(Cxw.RepoRoot, "data-sample", "truth", "identity.csv").Replace("'", "''", StringComparison.Ordinal);
        // Pairs of source records that belong to one person (truth) or one customer_key (ours). "Identifiable"
        // records carry an identifier a rule can use: an email, a phone, a CRM id, a login, an order or ticket id.
        var sql = $$"""
            WITH truth AS (
                SELECT person_id,
                    CASE source WHEN 'crm' THEN 'crm:' WHEN 'connect' THEN 'calls:' WHEN 'asterisk' THEN 'calls:'
                        WHEN 'qualtrics' THEN 'surveys:' WHEN 'google' THEN 'reviews:' WHEN 'dianping' THEN 'reviews:'
                        WHEN 'web' THEN 'web:' END || record_id AS node
                FROM read_csv('{{truthFile}}', all_varchar = true)
                WHERE NOT (source = 'web' AND record_type = 'user_id')
            ),
            identifiable AS (
                SELECT node FROM intermediate.int_identity_records
                WHERE email IS NOT NULL OR phone IS NOT NULL OR source = 'crm'
                    OR node IN (SELECT a FROM intermediate.int_identity_links WHERE rule NOT IN ('same_email', 'same_phone'))
            ),
            joined AS (
                SELECT truth.node, truth.person_id, clusters.customer_key, truth.node IN (SELECT node FROM identifiable) AS ok
                FROM truth JOIN core.customer_keys AS clusters USING (node)
            ),
            pairs AS (
                SELECT a.person_id = b.person_id AS same_person, a.customer_key = b.customer_key AS merged, a.ok AND b.ok AS ok
                FROM joined AS a JOIN joined AS b ON a.node < b.node
                    AND (a.person_id = b.person_id OR a.customer_key = b.customer_key)
            )
            SELECT
                count(*) FILTER (WHERE merged AND same_person) / count(*) FILTER (WHERE merged),
                count(*) FILTER (WHERE merged AND same_person) / count(*) FILTER (WHERE same_person),
                count(*) FILTER (WHERE merged AND same_person AND ok) / count(*) FILTER (WHERE same_person AND ok),
                count(*) FILTER (WHERE merged)
            FROM pairs
            """;
        var row = Query(sql).Single();
        var precision = Convert.ToDouble(row[0], CultureInfo.InvariantCulture);
        var recallIdentifiable = Convert.ToDouble(row[2], CultureInfo.InvariantCulture);

        Assert.True(Convert.ToInt64(row[3], CultureInfo.InvariantCulture) > 1000);
        Assert.True(precision >= 0.99, $"precision {precision:0.0000}");
        Assert.True(recallIdentifiable >= 0.95, $"recall over identifiable records {recallIdentifiable:0.0000}");
    }

    [Fact]
    public void Customer360_OneRowPerResolvedCustomer_DuplicateContactsMerged()
    {
        Assert.True(sample.Run.ExitCode == 0, sample.Run.Stderr);
        var truthFile = Path.Combine(Cxw.RepoRoot, "data-sample", "truth", "identity.csv").Replace("'", "''", StringComparison.Ordinal);
        var row = Query($"""
            SELECT
                (SELECT count(*) FROM marts.customer_360),
                (SELECT count(DISTINCT person_id) FROM read_csv('{truthFile}', all_varchar = true) AS t
                 JOIN staging.stg_crm__customers AS c ON c.customer_id = t.record_id WHERE t.source = 'crm')
            """).Single();

        Assert.Equal(Convert.ToInt64(row[1], CultureInfo.InvariantCulture), Convert.ToInt64(row[0], CultureInfo.InvariantCulture));
    }
}
