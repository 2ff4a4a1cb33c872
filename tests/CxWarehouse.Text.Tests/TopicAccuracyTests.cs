using System.Globalization;
using CxWarehouse.TestSupport;
using DuckDB.NET.Data;
using Xunit.Abstractions;

namespace CxWarehouse.Text.Tests;

/// <summary>
/// Precision and recall per topic of each built-in taxonomy on texts labelled by hand (<c>Topics/*.tsv</c>:
/// real public reviews read from shared/realdata at test time, and the repository's hand-written studio reviews).
/// A topic found that the label lacks is a false positive; a labelled topic not found, a false negative.
/// </summary>
public sealed class TopicAccuracyTests(ITestOutputHelper output)
{
    private static readonly string s_shared = RepoPaths.RealData;

    // Floors a little under the figures measured when the labels were written (README: topics); they catch a
    // taxonomy edit that costs precision or recall.
    [Theory]
    [InlineData("services", 0.70, 0.70)]
    [InlineData("retail", 0.85, 0.60)]
    [InlineData("hospitality", 0.85, 0.65)]
    public void Tag_LabelledTexts_PrecisionAndRecall(string taxonomy, double minPrecision, double minRecall)
    {
        var labelled = Labelled(taxonomy);
        if (labelled is null)
        {
            output.WriteLine($"skipped: the public texts are not under {s_shared}");
            return;
        }
        var tagger = new TopicTagger(TopicTagger.BuiltIn(taxonomy));
        var counts = tagger.Topics.ToDictionary(t => t, _ => (Tp: 0, Fp: 0, Fn: 0), StringComparer.Ordinal);
        foreach (var (text, language, gold) in labelled)
        {
            Assert.All(gold, g => Assert.Contains(g, tagger.Topics));
            var found = tagger.Tag(text, language);
            foreach (var topic in tagger.Topics)
            {
                var (tp, fp, fn) = counts[topic];
                var isGold = gold.Contains(topic);
                var isFound = found.Contains(topic);
                counts[topic] = (tp + (isGold && isFound ? 1 : 0), fp + (!isGold && isFound ? 1 : 0),
                    fn + (isGold && !isFound ? 1 : 0));
                if (isGold != isFound)
                {
                    output.WriteLine($"  {(isFound ? "extra" : "missed")} {topic}: {text}");
                }
            }
        }
        foreach (var (topic, (tp, fp, fn)) in counts)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{taxonomy} {topic}: precision {Ratio(tp, tp + fp)} ({tp}/{tp + fp}), recall {Ratio(tp, tp + fn)} ({tp}/{tp + fn})"));
        }
        var (allTp, allFp, allFn) = (counts.Values.Sum(c => c.Tp), counts.Values.Sum(c => c.Fp), counts.Values.Sum(c => c.Fn));
        var precision = (double)allTp / (allTp + allFp);
        var recall = (double)allTp / (allTp + allFn);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{taxonomy} all topics ({labelled.Count} texts): precision {precision:0.000} ({allTp}/{allTp + allFp}), recall {recall:0.000} ({allTp}/{allTp + allFn})"));

        Assert.True(precision >= minPrecision, $"{taxonomy}: precision {precision:0.000} < {minPrecision}");
        Assert.True(recall >= minRecall, $"{taxonomy}: recall {recall:0.000} < {minRecall}");
    }

    private static string Ratio(int a, int b) => b == 0 ? "n/a" : ((double)a / b).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>(text, language, topics) per label line; null when a public source is absent.</summary>
    private static List<(string Text, string Language, string[] Topics)>? Labelled(string taxonomy)
    {
        var rows = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Topics", taxonomy + ".tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .ToList();
        var olist = rows.Any(r => r[0] == "olist") ? OlistComments() : [];
        var result = new List<(string, string, string[])>();
        foreach (var row in rows)
        {
            string? text = row[0] switch
            {
                "en-amazon" => Line(Path.Combine(s_shared, "text", "en-amazon_cells_labelled.txt"), row[1]),
                "en-yelp" => Line(Path.Combine(s_shared, "text", "en-yelp_labelled.txt"), row[1]),
                "en-hand" => Line(Path.Combine(AppContext.BaseDirectory, "Labelled", "en.tsv"), row[1]),
                "zh-hand" => Line(Path.Combine(AppContext.BaseDirectory, "Labelled", "zh.tsv"), row[1]),
                "olist" => olist?.GetValueOrDefault(row[1]),
                _ => throw new InvalidDataException($"unknown source {row[0]}"),
            };
            if (text is null)
            {
                return null;
            }
            var language = row[0] switch { "olist" => "pt", "zh-hand" => "zh", _ => "en" };
            result.Add((text, language, row[2] == "-" ? [] : row[2].Split(',')));
        }
        return result;
    }

    /// <summary>The text of 1-based line <paramref name="number"/>: its first tab-separated field for the UCI files
    /// (text, label), its second for the repository's label files (label, text).</summary>
    private static string? Line(string path, string number)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var line = File.ReadLines(path).ElementAt(int.Parse(number, CultureInfo.InvariantCulture) - 1);
        var fields = line.Split('\t');
        return path.EndsWith(".tsv", StringComparison.Ordinal) ? fields[1] : fields[0];
    }

    private static Dictionary<string, string>? OlistComments()
    {
        var path = Path.Combine(s_shared, "olist", "olist_order_reviews_dataset.csv");
        if (!File.Exists(path))
        {
            return null;
        }
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT review_id, review_comment_message FROM read_csv('{path.Replace("'", "''", StringComparison.Ordinal)}',
                header = true, all_varchar = true)
            WHERE trim(coalesce(review_comment_message, '')) <> ''
            """;
        using var reader = command.ExecuteReader();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            texts.TryAdd(reader.GetString(0), reader.GetString(1));
        }
        return texts;
    }
}
