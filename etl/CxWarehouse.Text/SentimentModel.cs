using System.Globalization;
using System.Text;

namespace CxWarehouse.Text;

/// <summary>
/// A linear sentiment model of one language, trained offline by <see cref="SentimentTrainer"/> on labelled public
/// texts and shipped as an embedded file (<c>Lexicons/model-{language}.tsv</c>): a logistic regression over
/// binary text features (words and word pairs for English and Portuguese, with the words after a negator marked;
/// characters and character pairs for Chinese) and one dense feature, the lexicon score of
/// <see cref="SentimentAnalyzer"/>. The logit z gives the score tanh(z / 2) = 2·P(positive) − 1, in (−1, 1).
/// </summary>
/// <remarks>
/// The lexicon carries what the few thousand training texts cannot (rare words, emoji, negation rules); the model
/// carries the words of domains the lexicon was not written for. Instances are immutable and thread-safe.
/// File format: a header line <c># cxw sentiment model v1 {language}</c>, then <c>feature&lt;TAB&gt;weight</c>
/// lines; the features <c>$bias</c> and <c>$lexicon</c> are the intercept and the lexicon score's weight.
/// </remarks>
public sealed class SentimentModel
{
    public const string BiasFeature = "$bias";
    public const string LexiconFeature = "$lexicon";
    private const string Header = "# cxw sentiment model v1 ";

    private static readonly HashSet<string> s_negators = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "nor", "none", "nothing", "nobody", "cannot", "without", "hardly", "isn't", "wasn't",
        "don't", "didn't", "doesn't", "won't", "wouldn't", "can't", "couldn't", "aren't", "weren't", "shouldn't",
        "haven't", "hasn't", "hadn't", "nao", "nunca", "nem", "nenhum", "nenhuma", "sem", "jamais", "nada",
    };

    private readonly Dictionary<string, double> _weights;

    internal SentimentModel(string language, Dictionary<string, double> weights)
    {
        Language = language;
        _weights = weights;
        Bias = weights.GetValueOrDefault(BiasFeature);
        LexiconWeight = weights.GetValueOrDefault(LexiconFeature);
    }

    public string Language { get; }

    public double Bias { get; }

    public double LexiconWeight { get; }

    public int FeatureCount => _weights.Count;

    /// <summary>The logit of <paramref name="text"/> given its lexicon score in [-1, 1]; null when the text has no
    /// feature the model knows and the lexicon found nothing, so that the caller can call it neutral.</summary>
    public double? Logit(string text, double lexiconScore)
    {
        var z = Bias + LexiconWeight * lexiconScore;
        var known = lexiconScore != 0;
        foreach (var feature in Features(text, Language))
        {
            if (_weights.TryGetValue(feature, out var weight))
            {
                z += weight;
                known = true;
            }
        }
        return known ? z : null;
    }

    /// <summary>
    /// The distinct binary features of <paramref name="text"/>: for <c>en</c> and <c>pt</c>, each word
    /// (<c>w:good</c>, marked <c>w:!good</c> within three words after a negator in its clause) and each pair of
    /// adjacent words in a clause (<c>b:not good</c>); for every language, each Han character and pair of adjacent
    /// Han characters (<c>h:好</c>, <c>h:不好</c>); <c>p:!</c> and <c>p:?</c> when the text has them.
    /// </summary>
    public static HashSet<string> Features(string text, string language)
    {
        var features = new HashSet<string>(StringComparer.Ordinal);
        var normalized = TextScanner.Normalize(text, out _);
        string? previous = null;
        var negation = 0;
        var i = 0;
        while (i < normalized.Length)
        {
            var c = normalized[i];
            if (TextScanner.IsHan(c))
            {
                var end = i;
                while (end < normalized.Length && TextScanner.IsHan(normalized[end]))
                {
                    end++;
                }
                for (var k = i; k < end; k++)
                {
                    features.Add(string.Concat("h:", normalized.AsSpan(k, 1)));
                    if (k + 1 < end)
                    {
                        features.Add(string.Concat("h:", normalized.AsSpan(k, 2)));
                    }
                }
                previous = null;
                i = end;
            }
            else if (TextScanner.IsWordChar(c))
            {
                var end = TextScanner.WordEnd(normalized, i);
                var word = normalized[i..end];
                if (language != "zh" || word.Length > 1)
                {
                    features.Add(negation > 0 ? "w:!" + word : "w:" + word);
                    if (previous is not null)
                    {
                        features.Add(string.Concat("b:", previous, " ", word));
                    }
                }
                negation = s_negators.Contains(word) || word.EndsWith("n't", StringComparison.Ordinal) ? 3
                    : Math.Max(0, negation - 1);
                previous = word;
                i = end;
            }
            else
            {
                if (TextScanner.IsSentenceBreak(c) || TextScanner.IsClauseBreak(c))
                {
                    previous = null;
                    negation = 0;
                }
                if (c is '!' or '?')
                {
                    features.Add(c == '!' ? "p:!" : "p:?");
                }
                i++;
            }
        }
        return features;
    }

    /// <summary>Reads a model file; <paramref name="source"/> names it in errors.</summary>
    public static SentimentModel Read(TextReader reader, string source)
    {
        var header = reader.ReadLine();
        if (header is null || !header.StartsWith(Header, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}:1: not a sentiment model (expected '{Header}<language>')");
        }
        var language = header[Header.Length..].Trim();
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var tab = line.LastIndexOf('\t');
            if (tab <= 0 || !double.TryParse(line.AsSpan(tab + 1), NumberStyles.Float, CultureInfo.InvariantCulture,
                    out var weight) || !weights.TryAdd(line[..tab], weight))
            {
                throw new InvalidDataException($"{source}:{number}: expected feature<TAB>weight, each feature once");
            }
        }
        if (!weights.ContainsKey(BiasFeature) || !weights.ContainsKey(LexiconFeature))
        {
            throw new InvalidDataException($"{source}: {BiasFeature} or {LexiconFeature} is missing");
        }
        return new SentimentModel(language, weights);
    }

    /// <summary>Writes the model: header, then the features in ordinal order, weights rounded to 4 decimals.</summary>
    public void Write(TextWriter writer)
    {
        var text = new StringBuilder();
        text.Append(Header).Append(Language).Append('\n');
        foreach (var (feature, weight) in _weights.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            text.Append(feature).Append('\t')
                .Append(Math.Round(weight, 4).ToString("0.####", CultureInfo.InvariantCulture)).Append('\n');
        }
        writer.Write(text.ToString());
    }
}
