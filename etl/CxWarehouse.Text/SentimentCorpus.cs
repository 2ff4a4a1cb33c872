using System.Globalization;
using DuckDB.NET.Data;

namespace CxWarehouse.Text;

/// <summary>
/// The labelled public texts the sentiment models are trained and measured on, read where they lie
/// (<c>shared/realdata/text/</c> and the Olist reviews beside it), never copied into the repository:
/// <list type="bullet">
/// <item>English: the three files of UCI <i>Sentiment Labelled Sentences</i> (domains <c>en-amazon</c>,
/// <c>en-imdb</c>, <c>en-yelp</c>; CC BY 4.0);</item>
/// <item>Chinese: <c>online_shopping_10_cats</c> without hotels (one domain per category,
/// <c>zh-shopping-{category}</c>) and <c>waimai_10k</c> (<c>zh-waimai</c>);</item>
/// <item>Portuguese: Olist reviews with a comment, scores 1-2 negative, 4-5 positive, 3 skipped; the review ids
/// ending in an even hex digit are <c>pt-olist-tuning</c>, odd ones <c>pt-olist-evaluation</c>, which is never
/// trained on.</item>
/// </list>
/// Texts listed in <paramref name="excluded"/> (the repository's own held-out test files) are left out, so those
/// stay held out from every model.
/// </summary>
public sealed class SentimentCorpus(string textDirectory, string? olistReviews, IReadOnlySet<string> excluded)
{
    public const string OlistEvaluation = "pt-olist-evaluation";

    /// <summary>Every labelled text of <paramref name="language"/>, in file order.</summary>
    public List<LabelledText> Read(string language) => language switch
    {
        "en" => [.. English("amazon_cells"), .. English("imdb"), .. English("yelp")],
        "zh" => [.. Csv("zh-online-shopping-9-cats.csv", "'zh-shopping-' || cat"), .. Csv("zh-waimai-10k.csv", "'zh-waimai'")],
        "pt" => Olist(),
        _ => throw new ArgumentException($"no corpus for language {language}", nameof(language)),
    };

    /// <summary>The texts of the test files <c>label&lt;TAB&gt;text</c> under <paramref name="directories"/>.</summary>
    public static HashSet<string> TestFileTexts(params string[] directories)
    {
        var texts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in directories.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.tsv"))
            {
                foreach (var line in File.ReadLines(file))
                {
                    var tab = line.IndexOf('\t', StringComparison.Ordinal);
                    if (!line.StartsWith('#') && tab > 0)
                    {
                        texts.Add(line[(tab + 1)..].Trim());
                    }
                }
            }
        }
        return texts;
    }

    private IEnumerable<LabelledText> English(string name)
    {
        var path = Path.Combine(textDirectory, $"en-{name}_labelled.txt");
        var domain = "en-" + name.Replace("_cells", "", StringComparison.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var tab = line.LastIndexOf('\t');
            var label = tab > 0 ? line[(tab + 1)..].Trim() : "";
            if (label is not ("0" or "1"))
            {
                throw new InvalidDataException($"{path}:{number}: expected text<TAB>0 or 1");
            }
            var text = line[..tab].Trim();
            if (text.Length > 0 && !excluded.Contains(text))
            {
                yield return new LabelledText(domain, label == "1", text);
            }
        }
    }

    private List<LabelledText> Csv(string file, string domain)
    {
        var path = Path.Combine(textDirectory, file);
        return Query($"""
            SELECT {domain}, label, review, NULL
            FROM read_csv({Literal(path)}, header = true, all_varchar = true)
            WHERE trim(coalesce(review, '')) <> ''
            """, (d, label, text, _) => new LabelledText(d, label == "1", text.Trim().TrimStart('\uFEFF')),
            label => label is "0" or "1", path);
    }

    private List<LabelledText> Olist()
    {
        var path = olistReviews ?? throw new InvalidOperationException("no Olist reviews file given");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var items = Path.Combine(folder, "olist_order_items_dataset.csv");
        var products = Path.Combine(folder, "olist_products_dataset.csv");
        // The category of the order's first item, when the export's items and products lie beside the reviews.
        var categories = File.Exists(items) && File.Exists(products)
            ? $"""
                SELECT i.order_id, p.product_category_name AS category
                FROM read_csv({Literal(items)}, header = true, all_varchar = true) i
                JOIN read_csv({Literal(products)}, header = true, all_varchar = true) p USING (product_id)
                WHERE i.order_item_id = '1'
                """
            : "SELECT NULL::VARCHAR AS order_id, NULL::VARCHAR AS category WHERE false";
        return Query($"""
            WITH categories AS ({categories}),
            reviews AS (
                SELECT r.review_id, r.review_score, r.review_comment_message, c.category
                FROM read_csv({Literal(path)}, header = true, all_varchar = true) r
                LEFT JOIN categories c USING (order_id)
                WHERE trim(coalesce(r.review_comment_message, '')) <> '' AND r.review_score IN ('1', '2', '4', '5'))
            SELECT CASE WHEN ('0x' || right(review_id, 1))::INTEGER % 2 = 0 THEN 'pt-olist-tuning'
                        ELSE '{OlistEvaluation}' END,
                   CASE WHEN review_score IN ('4', '5') THEN '1' ELSE '0' END,
                   review_comment_message,
                   {OlistCategoryGroup("category")}
            FROM reviews
            ORDER BY review_id, review_score, review_comment_message
            """, (d, label, text, group) => new LabelledText(d, label == "1", text, group), _ => true, path);
    }

    /// <summary>
    /// The Olist product categories grouped into the domains sentiment is measured on one at a time (leave one
    /// category group out): home and furniture, electronics and computers, health and beauty, sports, leisure and
    /// gifts; every other category, and an order without one, is <c>other</c>.
    /// </summary>
    private static string OlistCategoryGroup(string column) => $"""
        CASE
            WHEN {column} IN ('cama_mesa_banho', 'utilidades_domesticas', 'eletrodomesticos', 'eletrodomesticos_2',
                'eletroportateis', 'climatizacao', 'la_cuisine', 'artigos_de_natal') OR {column} LIKE 'moveis%'
                OR {column} LIKE 'casa%' OR {column} LIKE 'portateis%' THEN 'pt-olist-home'
            WHEN {column} IN ('informatica_acessorios', 'telefonia', 'telefonia_fixa', 'eletronicos', 'consoles_games',
                'pcs', 'pc_gamer', 'audio', 'tablets_impressao_imagem', 'cine_foto', 'dvds_blu_ray')
                THEN 'pt-olist-electronics'
            WHEN {column} IN ('beleza_saude', 'perfumaria', 'fraldas_higiene') THEN 'pt-olist-beauty'
            WHEN {column} IN ('esporte_lazer', 'relogios_presentes', 'brinquedos', 'cool_stuff', 'instrumentos_musicais',
                'papelaria', 'artigos_de_festas', 'fashion_esporte') OR {column} LIKE 'livros%' OR {column} LIKE 'artes%'
                THEN 'pt-olist-leisure'
            ELSE 'pt-olist-other'
        END
        """;

    private List<LabelledText> Query(string sql, Func<string, string, string, string?, LabelledText> make,
        Func<string, bool> validLabel, string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"labelled texts not found: {path}", path);
        }
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var texts = new List<LabelledText>();
        while (reader.Read())
        {
            var label = reader.IsDBNull(1) ? "" : reader.GetString(1);
            if (!validLabel(label))
            {
                throw new InvalidDataException($"{path}: label '{label}' is not 0 or 1");
            }
            var text = make(reader.GetString(0), label, reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
            if (!excluded.Contains(text.Text))
            {
                texts.Add(text);
            }
        }
        return texts;
    }

    private static string Literal(string value) =>
        "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}

/// <summary>Two-class results on a labelled set: a neutral score counts as wrong.</summary>
public sealed record SentimentFigures(string Set, int Positives, int Negatives, int TruePositives, int TrueNegatives)
{
    public double Accuracy => (double)(TruePositives + TrueNegatives) / (Positives + Negatives);

    public double PositiveRecall => Positives == 0 ? double.NaN : (double)TruePositives / Positives;

    public double NegativeRecall => Negatives == 0 ? double.NaN : (double)TrueNegatives / Negatives;

    public double BalancedAccuracy => (PositiveRecall + NegativeRecall) / 2;

    public static SentimentFigures Measure(string set, IEnumerable<LabelledText> texts, Func<string, string> label)
    {
        int positives = 0, negatives = 0, truePositives = 0, trueNegatives = 0;
        foreach (var text in texts)
        {
            var predicted = label(text.Text);
            if (text.Positive)
            {
                positives++;
                truePositives += predicted == SentimentResult.Positive ? 1 : 0;
            }
            else
            {
                negatives++;
                trueNegatives += predicted == SentimentResult.Negative ? 1 : 0;
            }
        }
        return new SentimentFigures(set, positives, negatives, truePositives, trueNegatives);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Set}: balanced accuracy {BalancedAccuracy:0.000}, accuracy {Accuracy:0.000}, positive recall "
        + $"{PositiveRecall:0.000} ({TruePositives}/{Positives}), negative recall {NegativeRecall:0.000} "
        + $"({TrueNegatives}/{Negatives})");
}
