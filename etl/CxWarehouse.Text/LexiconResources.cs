using System.Globalization;

namespace CxWarehouse.Text;

/// <summary>
/// The lexicon files embedded from <c>Lexicons/</c> (logical names <c>lexicon.{file}</c>), and the emoji and
/// emoticon table shared by every language. Nothing is downloaded.
/// </summary>
internal static class LexiconResources
{
    private const string Prefix = "lexicon.";

    public static StreamReader Open(string file)
    {
        var stream = typeof(LexiconResources).Assembly.GetManifestResourceStream(Prefix + file)
            ?? throw new InvalidOperationException($"embedded lexicon file {file} is missing from the assembly");
        return new StreamReader(stream);
    }

    public static IEnumerable<string> Files => typeof(LexiconResources).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..])
        .Order(StringComparer.Ordinal);

    /// <summary>The trained sentiment models embedded as <c>model-{language}.tsv</c>; a language without one is
    /// scored by its lexicon alone.</summary>
    public static List<SentimentModel> LoadModels()
    {
        var models = new List<SentimentModel>();
        foreach (var file in Files.Where(f => f.StartsWith("model-", StringComparison.Ordinal)))
        {
            using var reader = Open(file);
            models.Add(SentimentModel.Read(reader, file));
        }
        return models;
    }

    /// <summary>Reads <c>emoji.tsv</c>: symbol&lt;TAB&gt;score, score in [-4, 4]; keys are normalised like text.</summary>
    public static Dictionary<string, double> LoadEmoji()
    {
        using var reader = Open("emoji.tsv");
        var table = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (line, fields) in Lexicon.Rows("emoji.tsv", reader))
        {
            if (fields.Length != 2 || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture,
                    out var score) || score is < -4 or > 4)
            {
                throw new InvalidDataException($"emoji.tsv:{line}: expected symbol<TAB>score with score in [-4, 4]");
            }
            var key = TextScanner.Normalize(fields[0], out _);
            if (key.Length == 0 || !table.TryAdd(key, score))
            {
                throw new InvalidDataException($"emoji.tsv:{line}: '{fields[0]}' is empty or listed twice");
            }
        }
        return table;
    }
}
