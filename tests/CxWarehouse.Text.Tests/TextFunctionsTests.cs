using System.Diagnostics;
using DuckDB.NET.Data;
using CxWarehouse.TestSupport;
using Xunit.Abstractions;

namespace CxWarehouse.Text.Tests;

public sealed class TextFunctionsTests(ITestOutputHelper output) : IDisposable
{
    private readonly DuckDBConnection _connection = Open();

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void CxSentiment_InMemoryDuckDb_MatchesTheAnalyzer()
    {
        var score = Scalar("SELECT cx_sentiment('very friendly staff', 'en')");

        Assert.IsType<double>(score);
        Assert.Equal(SentimentAnalyzer.Default.Analyze("very friendly staff", "en").Score, (double)score!);
        Assert.True((double)score > 0.05);
    }

    [Fact]
    public void Functions_GiveLabelLanguageAndTopics()
    {
        Assert.Equal("negative", Scalar("SELECT cx_sentiment_label('não gostei, atendimento péssimo', 'pt-BR')"));
        Assert.Equal("positive", Scalar("SELECT cx_sentiment_label('服务很周到', NULL)"));
        Assert.Equal("neutral", Scalar("SELECT cx_sentiment_label('', 'en')"));
        Assert.Equal("zh", Scalar("SELECT cx_language('价格有点贵')"));
        Assert.Equal("pt", Scalar("SELECT cx_language('As fotos ficaram lindas')"));
        Assert.Equal("en", Scalar("SELECT cx_language('Lovely photos')"));
        Assert.Equal("price,delivery_time",
            Scalar("SELECT cx_topics('Too expensive and the delivery took two months', 'en')"));
        Assert.Equal("staff_attitude", Scalar("SELECT cx_topics('前台态度很好', NULL)"));
    }

    [Fact]
    public void CxTextVersion_NamesTheCodeAndTheTaxonomy()
    {
        var version = (string)Scalar("SELECT cx_text_version()")!;
        var services = TopicTagger.Compose("services", []);
        var custom = TopicTagger.Compose("services", [new TopicDefinition("parking", null,
            new Dictionary<string, IReadOnlyList<string>> { ["en"] = ["parking"] })]);

        Assert.Equal(TextFunctions.Version(TopicTagger.Default), version);
        Assert.StartsWith(typeof(TextFunctions).Assembly.ManifestModule.ModuleVersionId.ToString("N"), version, StringComparison.Ordinal);
        // The same topics give the same version; another taxonomy, or one more keyword, another.
        Assert.Equal(TopicTagger.Default.Fingerprint, services.Fingerprint);
        Assert.NotEqual(services.Fingerprint, custom.Fingerprint);
        Assert.NotEqual(services.Fingerprint, TopicTagger.Compose("retail", []).Fingerprint);
        Assert.NotEqual(TextFunctions.Version(services), TextFunctions.Version(custom));
    }

    [Fact]
    public void Functions_NullText_GiveNull_AndNullLanguageMeansDetect()
    {
        Assert.Equal(DBNull.Value, Scalar("SELECT cx_sentiment(NULL, 'en')"));
        Assert.Equal(DBNull.Value, Scalar("SELECT cx_sentiment_label(NULL, NULL)"));
        Assert.Equal(DBNull.Value, Scalar("SELECT cx_language(NULL)"));
        Assert.Equal(DBNull.Value, Scalar("SELECT cx_topics(NULL, 'en')"));
        Assert.Equal(DBNull.Value, Scalar("SELECT cx_topics('Thanks!', 'en')"));
        Assert.Equal(SentimentAnalyzer.Default.Analyze("非常满意").Score,
            (double)Scalar("SELECT cx_sentiment('非常满意', NULL)")!);
    }

    [Fact]
    public void Functions_OverATable_ScoreEachRow()
    {
        Execute("""
            CREATE TABLE reviews AS SELECT * FROM (VALUES
                (1, 'Great photos, very friendly staff', 'en'),
                (2, 'Péssimo, nunca mais', 'pt'),
                (3, '等了一个小时，太慢了', NULL),
                (4, NULL, 'en')) t(id, body, lang)
            """);
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT id, cx_sentiment_label(body, lang), cx_language(body), cx_topics(body, lang)
            FROM reviews ORDER BY id
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, 4).Select(i => reader.IsDBNull(i) ? "NULL"
                : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        Assert.Equal(
            ["1|positive|en|staff_attitude,quality_of_work", "2|negative|pt|NULL", "3|negative|zh|waiting_time",
                "4|NULL|NULL|NULL"],
            rows);
    }

    [Fact]
    public void SentimentLabelMacro_LabelsAScoreAsCxSentimentLabelLabelsItsText()
    {
        // sql/macros/sentiment.sql: the models label a text's cx_sentiment score instead of analysing the text again.
        Execute(File.ReadAllText(Path.Combine(RepoPaths.Root, "sql", "macros", "sentiment.sql")));
        foreach (var score in new double?[] { 0.05, 0.0500001, -0.05, -0.0500001, 0, 1, -1, 0.049999 })
        {
            Assert.Equal(SentimentResult.LabelOf(score!.Value),
                Scalar(FormattableString.Invariant($"SELECT sentiment_label({score}::DOUBLE)")));
        }
        Assert.Equal(DBNull.Value, Scalar("SELECT sentiment_label(NULL::DOUBLE)"));

        // Real reviews (shared/realdata/text: Yelp, Amazon and IMDb sentences, Chinese delivery reviews), each with its
        // language, none and a wrong one: the macro over the score gives cx_sentiment_label's label for every text.
        var folder = Path.Combine(RepoPaths.RealData, "text");
        Assert.True(Directory.Exists(folder), $"the real texts are not at {folder}");
        var texts = new[] { "en-yelp_labelled.txt", "en-amazon_cells_labelled.txt", "en-imdb_labelled.txt" }
            .SelectMany(f => File.ReadLines(Path.Combine(folder, f)).Take(400).Select(l => l.Split('\t')[0]))
            .Concat(File.ReadLines(Path.Combine(folder, "zh-waimai-10k.csv")).Skip(1).Take(400).Select(l => l[(l.IndexOf(',') + 1)..]))
            .ToList();
        Execute("CREATE TABLE texts (body VARCHAR)");
        using (var appender = _connection.CreateAppender("texts"))
        {
            foreach (var text in texts)
            {
                appender.CreateRow().AppendValue(text).EndRow();
            }
        }
        var compared = Scalar("""
            SELECT count(*) FROM texts CROSS JOIN (VALUES ('en'), ('zh'), (NULL)) AS languages (language)
            WHERE sentiment_label(cx_sentiment(body, language)) IS NOT DISTINCT FROM cx_sentiment_label(body, language)
            """);
        Assert.Equal((long)texts.Count * 3, Convert.ToInt64(compared, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(3L, Convert.ToInt64(Scalar("SELECT count(DISTINCT cx_sentiment_label(body, NULL)) FROM texts"),
            System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void CxSentiment_100kRows_Throughput()
    {
        Execute("""
            CREATE TABLE texts AS
            SELECT i, CASE i % 6
                WHEN 0 THEN 'very friendly staff and the photos are great ' || i
                WHEN 1 THEN 'We waited an hour and nobody explained why, terrible service ' || i
                WHEN 2 THEN '摄影师很专业，照片拍得很好看，就是交片有点慢 ' || i
                WHEN 3 THEN '等了一个多月还没收到照片，客服也不回复 ' || i
                WHEN 4 THEN 'O atendimento foi ótimo e as fotos ficaram lindas ' || i
                ELSE 'Demoraram muito para entregar e ninguém respondeu minhas mensagens ' || i END AS body,
                CASE WHEN i % 2 = 0 THEN NULL ELSE CASE i % 6 WHEN 1 THEN 'en' WHEN 3 THEN 'zh' ELSE 'pt' END END AS lang
            FROM range(100000) r(i)
            """);
        Scalar("SELECT count(cx_sentiment(body, lang)) FROM texts LIMIT 10"); // warm up

        foreach (var (name, sql) in new[]
                 {
                     ("cx_sentiment", "SELECT avg(cx_sentiment(body, lang)) FROM texts"),
                     ("cx_sentiment (language given)", "SELECT avg(cx_sentiment(body, 'en')) FROM texts"),
                     ("cx_sentiment_label", "SELECT count(DISTINCT cx_sentiment_label(body, lang)) FROM texts"),
                     ("cx_language", "SELECT count(DISTINCT cx_language(body)) FROM texts"),
                     ("cx_topics", "SELECT count(cx_topics(body, lang)) FROM texts"),
                 })
        {
            var clock = Stopwatch.StartNew();
            var result = Scalar(sql);
            clock.Stop();
            var ms = clock.Elapsed.TotalMilliseconds;
            output.WriteLine(FormattableString.Invariant(
                $"{name,-32} 100,000 rows in {ms,7:0} ms ({100_000 / ms * 1000,9:0} rows/s), result {result}"));
        }
        var single = Stopwatch.StartNew();
        var total = 0.0;
        for (var i = 0; i < 100_000; i++)
        {
            total += SentimentAnalyzer.Default.Analyze("very friendly staff and the photos are great " + i, "en").Score;
        }
        output.WriteLine(FormattableString.Invariant(
            $"{"SentimentAnalyzer.Analyze (C#)",-32} 100,000 texts in {single.Elapsed.TotalMilliseconds,7:0} ms"));
        Assert.True(total > 0);
    }

    private static DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        TextFunctions.Register(connection);
        return connection;
    }

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
