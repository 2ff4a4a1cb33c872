using System.Globalization;

namespace CxWarehouse.Text;

/// <summary>What a lexicon entry does besides (or instead of) carrying a valence.</summary>
internal enum TermRole
{
    /// <summary>A plain entry: a sentiment word, or a neutral word that only stops a wrong longest match.</summary>
    None,

    /// <summary>Reverses the next sentiment word in its window ("not", "não", "不"); factor = 0.74 by default.</summary>
    Negator,

    /// <summary>Scales the next sentiment word by 1 + factor ("very"); a dampener has a negative factor.</summary>
    Booster,

    /// <summary>Scales the sentiment word just before it by 1 + factor ("caro demais", "贵死了").</summary>
    PostBooster,

    /// <summary>"but": what comes before it in the sentence counts half, what comes after counts 1.5 times.</summary>
    Contrast,

    /// <summary>"although", "apesar de", "虽然": without a "but" in the sentence, the clause it opens counts half.</summary>
    Concessive,

    /// <summary>"or": a negation carries over it to the next sentiment word ("not friendly or helpful").</summary>
    Coordinator,

    /// <summary>Reverses the sentiment word just before it (Chinese "一张废片都没有": not a single bad photo), or
    /// the one after it when none precedes ("一分钱都没多收").</summary>
    PostNegator,
}

/// <summary>One lexicon entry. An entry with both a valence and a booster role is a booster when a sentiment word
/// follows it at once ("pretty good", "好贵") and a sentiment word otherwise ("pretty photos", "好").
/// <paramref name="SelfNegated"/>: a Latin phrase that starts with a negator ("no response", "nenhum retorno");
/// a negator before it agrees with it rather than reversing it ("não tive nenhum retorno").</summary>
internal readonly record struct Term(double Valence, TermRole Role, double Factor, bool SelfNegated = false);

/// <summary>
/// The entries of one language, keyed in <see cref="TextScanner.NormalizeKey"/> form: sentiment words and phrases
/// with a valence in [-4, 4], and modifiers. Latin keys are sequences of words; Han keys are strings of characters
/// matched by longest match.
/// </summary>
internal sealed class Lexicon
{
    private readonly Dictionary<string, Term> _terms;
    private readonly Dictionary<string, Term>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _phraseStarts;

    private Lexicon(string language, Dictionary<string, Term> terms, int sentimentCount, int modifierCount)
    {
        Language = language;
        _terms = terms;
        _lookup = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        SentimentCount = sentimentCount;
        ModifierCount = modifierCount;
        var phraseStarts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in terms.Keys)
        {
            if (key.Any(TextScanner.IsHan))
            {
                MaxHanLength = Math.Max(MaxHanLength, key.Length);
                continue;
            }
            var words = key.Split(' ');
            MaxWords = Math.Max(MaxWords, words.Length);
            if (words.Length > 1)
            {
                phraseStarts.Add(words[0]);
            }
        }
        _phraseStarts = phraseStarts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Language { get; }

    public int SentimentCount { get; }

    public int ModifierCount { get; }

    /// <summary>The most words in a Latin key.</summary>
    public int MaxWords { get; } = 1;

    /// <summary>The most characters in a Han key.</summary>
    public int MaxHanLength { get; } = 1;

    public bool TryGet(ReadOnlySpan<char> key, out Term term) => _lookup.TryGetValue(key, out term);

    public bool StartsPhrase(ReadOnlySpan<char> word) => _phraseStarts.Contains(word);

    /// <summary>Loads <c>sentiment-{language}.tsv</c> and <c>modifiers-{language}.tsv</c> (embedded), then the
    /// supplements <c>sentiment-{language}-*.tsv</c> (e.g. the VADER words), whose words the main files lack.</summary>
    public static Lexicon LoadEmbedded(string language)
    {
        using var sentiment = LexiconResources.Open($"sentiment-{language}.tsv");
        using var modifiers = LexiconResources.Open($"modifiers-{language}.tsv");
        var supplements = LexiconResources.Files
            .Where(f => f.StartsWith($"sentiment-{language}-", StringComparison.Ordinal))
            .Select(f => (f, (TextReader)LexiconResources.Open(f))).ToList();
        try
        {
            return Parse(language, $"sentiment-{language}.tsv", sentiment, $"modifiers-{language}.tsv", modifiers,
                supplements);
        }
        finally
        {
            supplements.ForEach(s => s.Item2.Dispose());
        }
    }

    /// <summary>
    /// Reads a sentiment file (<c>word&lt;TAB&gt;score</c>, score in [-4, 4]) and a modifier file
    /// (<c>word&lt;TAB&gt;role[&lt;TAB&gt;factor]</c>, role one of negator, postnegator, booster, dampener, postbooster,
    /// contrast, concessive, or). Blank lines and lines starting with # are skipped. A key given twice with different meanings is an error.
    /// </summary>
    public static Lexicon Parse(string language, string sentimentName, TextReader sentiment, string modifiersName,
        TextReader modifiers, IEnumerable<(string Name, TextReader Reader)>? supplements = null)
    {
        var terms = new Dictionary<string, Term>(StringComparer.Ordinal);
        var sentimentCount = 0;
        foreach (var (line, fields) in Rows(sentimentName, sentiment))
        {
            if (fields.Length != 2 || !TryNumber(fields[1], out var score) || score is < -4 or > 4)
            {
                throw new InvalidDataException($"{sentimentName}:{line}: expected word<TAB>score with score in [-4, 4]");
            }
            Add(terms, sentimentName, line, fields[0], new Term(score, TermRole.None, 0));
            sentimentCount++;
        }
        var modifierCount = 0;
        foreach (var (line, fields) in Rows(modifiersName, modifiers))
        {
            var role = fields.Length >= 2 ? ParseRole(fields[1]) : null;
            var factor = 0.0;
            if (role is null || fields.Length > 3 || (fields.Length == 3 && !TryNumber(fields[2], out factor)))
            {
                throw new InvalidDataException(
                    $"{modifiersName}:{line}: expected word<TAB>role[<TAB>factor] with role negator, postnegator, "
                    + "booster, dampener, postbooster, contrast, concessive or or");
            }
            var (kind, value) = role.Value;
            if (fields.Length == 2)
            {
                factor = value;
            }
            else if (fields[1] == "dampener")
            {
                factor = -factor;
            }
            var key = TextScanner.NormalizeKey(fields[0]);
            if (terms.TryGetValue(key, out var existing) && existing.Role == TermRole.None && existing.Valence != 0
                && kind is TermRole.Booster or TermRole.PostBooster)
            {
                // A word that is a sentiment word and a booster ("pretty", "好", "bem") keeps both.
                terms[key] = existing with { Role = kind, Factor = factor };
            }
            else
            {
                Add(terms, modifiersName, line, fields[0], new Term(0, kind, factor));
            }
            modifierCount++;
        }
        // Supplements (word<TAB>score) add only words the main files lack: the service lexicon wins.
        foreach (var (name, reader) in supplements ?? [])
        {
            foreach (var (line, fields) in Rows(name, reader))
            {
                if (fields.Length != 2 || !TryNumber(fields[1], out var score) || score is < -4 or > 4)
                {
                    throw new InvalidDataException($"{name}:{line}: expected word<TAB>score with score in [-4, 4]");
                }
                if (terms.TryAdd(TextScanner.NormalizeKey(fields[0]), new Term(score, TermRole.None, 0)))
                {
                    sentimentCount++;
                }
            }
        }
        // Negative concord: a Latin phrase that begins with a negator already holds its negation.
        foreach (var (key, term) in terms.ToList())
        {
            var space = key.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && term.Valence != 0 && terms.TryGetValue(key[..space], out var first)
                && first.Role == TermRole.Negator)
            {
                terms[key] = term with { SelfNegated = true };
            }
        }
        return new Lexicon(language, terms, sentimentCount, modifierCount);
    }

    private static (TermRole Role, double DefaultFactor)? ParseRole(string role) => role switch
    {
        "negator" => (TermRole.Negator, 0.74),
        "booster" => (TermRole.Booster, 0.3),
        "dampener" => (TermRole.Booster, -0.4),
        "postbooster" => (TermRole.PostBooster, 0.3),
        "postnegator" => (TermRole.PostNegator, 0.74),
        "contrast" => (TermRole.Contrast, 0),
        "concessive" => (TermRole.Concessive, 0),
        "or" => (TermRole.Coordinator, 0),
        _ => null,
    };

    private static void Add(Dictionary<string, Term> terms, string file, int line, string word, Term term)
    {
        var key = TextScanner.NormalizeKey(word);
        if (key.Length == 0)
        {
            throw new InvalidDataException($"{file}:{line}: empty word");
        }
        if (terms.TryGetValue(key, out var existing) && existing != term)
        {
            throw new InvalidDataException($"{file}:{line}: '{word}' is already in the lexicon with another meaning");
        }
        terms[key] = term;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    internal static IEnumerable<(int Line, string[] Fields)> Rows(string name, TextReader reader)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#') || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var fields = line.Split('\t').Select(f => f.Trim()).ToArray();
            if (fields[0].Length == 0)
            {
                throw new InvalidDataException($"{name}:{number}: empty word");
            }
            yield return (number, fields);
        }
    }
}
