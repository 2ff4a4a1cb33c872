using System.Collections.Frozen;

namespace CxWarehouse.Text;

/// <summary>
/// Offline, lexicon-based sentiment of short customer texts (reviews, survey comments, tickets) in English, Chinese
/// (simplified) and Brazilian Portuguese, in the manner of VADER: each sentiment word or emoji found in the text adds
/// its valence (lexicon score in [-4, 4]); a negator in the few words before it reverses and damps it ("not good",
/// "não foi bom", "不满意"), an intensifier or diminisher scales it ("very", "muito", "非常", "太"; "a bit", "有点"),
/// a word in capitals among lower-case words is emphasised, "but" halves what precedes it in the sentence and
/// weighs what follows by 1.5, a concessive clause without a "but" ("although ...", "apesar da ...", "虽然 ...")
/// counts half, and exclamation marks push the sum further from zero. A clause whose negator finds
/// no sentiment word ("no one picked up", "ninguém avisou", "没人通知") counts as a mild complaint (-0.8), as
/// such clauses mostly are in service texts. The sum x is normalised to x / sqrt(x² + 15) and labelled per
/// docs/kpi-definitions.md.
/// </summary>
/// <remarks>
/// English and Portuguese are matched word by word, longest phrase first ("not worth", "deixou a desejar");
/// Chinese, which has no spaces, by forward longest match over the characters of each run of Han characters, so that
/// "不错" (good) wins over "不" + "错" and "不满意" over "满意"; Chinese double negation reverses twice ("不是不好")
/// and a post-posed negation reverses the word before it ("一张废片都没有"), while Portuguese and English negative
/// concord counts once ("não recebi nenhuma resposta"). Latin words inside a Chinese text use the English
/// lexicon; Han characters inside any text use the Chinese one. The lexicons are embedded resources
/// (<c>Lexicons/</c>); nothing is downloaded. Instances are immutable and safe to share between threads.
/// </remarks>
public sealed class SentimentAnalyzer
{
    private const double Alpha = 15;
    private const double ExclamationStep = 0.292;
    private const int MaxExclamations = 4;
    private const double CapsEmphasis = 0.733;
    private const double BeforeContrast = 0.5;
    private const double AfterContrast = 1.5;
    private const int MaxKeyChars = 128;
    private const double UnresolvedNegationValence = -0.8;
    private const int PostNegationWindow = 3;
    // With a trained model: a text the lexicon finds no sentiment in is neutral unless the model's logit is at
    // least this far from 0 (P(positive) outside [0.45, 0.55]); and where the lexicon's score is at least
    // StrongLexicon from 0 and the model disagrees on the sign, the lexicon wins: its negation and contrast
    // rules ("there were no problems", "没有问题") know what bags of words do not. Both were chosen on the
    // English leave-one-domain-out figures and the Olist tuning half (README: sentiment accuracy).
    private const double ModelOnlyMargin = 0.2;
    private const double StrongLexicon = 0.2;

    private static readonly string[] s_languages = ["en", "zh", "pt"];

    private static readonly Lazy<SentimentAnalyzer> s_lexiconOnly = new(() => new SentimentAnalyzer(
        s_languages.ToDictionary(l => l, Lexicon.LoadEmbedded, StringComparer.Ordinal),
        LexiconResources.LoadEmoji()));

    private static readonly Lazy<SentimentAnalyzer> s_default = new(() =>
        s_lexiconOnly.Value.WithModels(LexiconResources.LoadModels()));

    // Language detection: frequent words that are distinctive for each language (no words common to both).
    private static readonly FrozenSet<string> s_englishWords = FrozenSet.Create(StringComparer.Ordinal,
        "the", "and", "is", "was", "were", "are", "to", "of", "it", "i", "we", "my", "our", "they", "their", "with",
        "for", "but", "this", "that", "very", "not", "have", "had", "has", "be", "been", "you", "your", "from", "at",
        "on", "in", "an", "just", "would", "will", "all", "what", "there", "them", "he", "she", "his", "her", "us",
        "did", "didn't", "don't", "it's", "if", "or", "by", "about", "after", "again", "really", "great", "good",
        "photos", "staff", "service", "were", "wedding", "which", "when", "than", "too", "so", "got", "get");

    private static readonly FrozenSet<string> s_portugueseWords = FrozenSet.Create(StringComparer.Ordinal,
        "de", "da", "das", "dos", "que", "nao", "um", "uma", "uns", "umas", "com", "para", "pra", "por", "pelo",
        "pela", "muito", "muita", "mais", "mas", "foi", "sao", "esta", "estava", "tem", "ter", "tinha", "meu",
        "minha", "meus", "minhas", "nosso", "nossa", "eles", "elas", "ele", "ela", "voce", "voces", "tambem", "bem",
        "isso", "isto", "essa", "esse", "aqui", "ao", "aos", "na", "nas", "nos", "em", "e", "o", "os", "fiquei",
        "ficou", "ficaram", "atendimento", "fotos", "foto", "equipe", "ate", "ja", "porque", "quando", "sem", "ou",
        "seu", "sua", "todos", "todas", "tudo", "nada", "nunca", "sempre", "depois", "antes", "dia", "casamento",
        "fotografo", "fotografa", "obrigado", "obrigada", "recomendo", "gostei", "ainda", "entrega");

    private readonly Dictionary<string, Lexicon> _lexicons;
    private readonly Dictionary<string, SentimentModel> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> _emoji;
    private readonly int _maxEmojiLength;

    internal SentimentAnalyzer(Dictionary<string, Lexicon> lexicons, Dictionary<string, double> emoji)
    {
        foreach (var language in s_languages)
        {
            if (!lexicons.ContainsKey(language))
            {
                throw new ArgumentException($"no lexicon for language {language}", nameof(lexicons));
            }
        }
        _lexicons = lexicons;
        _emoji = emoji.GetAlternateLookup<ReadOnlySpan<char>>();
        _maxEmojiLength = emoji.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max();
        EmojiCount = emoji.Count;
    }

    /// <summary>The analyser over the embedded lexicons and the embedded trained models
    /// (<c>Lexicons/model-{language}.tsv</c>), loaded on first use.</summary>
    public static SentimentAnalyzer Default => s_default.Value;

    /// <summary>The analyser over the embedded lexicons alone, without the trained models: the input of training,
    /// and the comparison in the accuracy figures.</summary>
    public static SentimentAnalyzer LexiconOnly => s_lexiconOnly.Value;

    /// <summary>The languages that have a trained model.</summary>
    public IReadOnlyCollection<string> ModelLanguages => _models.Keys;

    /// <summary>This analyser's lexicons with <paramref name="models"/> (per language) on top.</summary>
    public SentimentAnalyzer WithModels(IEnumerable<SentimentModel> models)
    {
        var copy = new SentimentAnalyzer(_lexicons, _emoji.Dictionary);
        foreach (var model in models)
        {
            copy._models[model.Language] = model;
        }
        return copy;
    }

    /// <summary>The language codes with a lexicon: <c>en</c>, <c>zh</c>, <c>pt</c>.</summary>
    public static IReadOnlyList<string> SupportedLanguages => s_languages;

    internal int EmojiCount { get; }

    internal Lexicon LexiconFor(string language) => _lexicons[language];

    /// <summary>
    /// Scores <paramref name="text"/> with the lexicon of <paramref name="language"/> (a code such as <c>en</c>,
    /// <c>zh-CN</c>, <c>pt-BR</c>; null, empty, <c>auto</c> or an unsupported code means detect it from the text).
    /// An empty or blank text scores 0, neutral.
    /// </summary>
    public SentimentResult Analyze(string? text, string? language = null)
    {
        var code = NormalizeLanguage(language);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new SentimentResult(0, SentimentResult.Neutral, code ?? "en");
        }
        code ??= DetectLanguage(text);
        var score = LexiconScore(text, code);
        if (_models.TryGetValue(code, out var model))
        {
            // A text with nothing the lexicon or the model knows stays neutral rather than taking the intercept.
            var z = model.Logit(text, score);
            var lex = score;
            score = z is null || (score == 0 && Math.Abs(z.Value) < ModelOnlyMargin) ? 0 : Math.Tanh(z.Value / 2);
            if (Math.Abs(lex) >= StrongLexicon && Math.Sign(lex) != Math.Sign(score))
            {
                score = lex;
            }
        }
        return new SentimentResult(score, SentimentResult.LabelOf(score), code);
    }

    /// <summary>The lexicon's score of <paramref name="text"/> in [-1, 1] (language code already normalised).</summary>
    public double LexiconScore(string text, string code)
    {
        var sum = RawScore(text, _lexicons[code]);
        return Math.Clamp(sum / Math.Sqrt(sum * sum + Alpha), -1, 1);
    }

    /// <summary>
    /// The language of <paramref name="text"/>: <c>zh</c> when it has at least as many Han characters as Latin
    /// words; otherwise <c>pt</c> when Portuguese function words and diacritics outnumber English function words;
    /// otherwise (also for an empty text) <c>en</c>.
    /// </summary>
    public static string DetectLanguage(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "en";
        }
        var han = 0;
        var portuguese = 0;
        foreach (var c in text)
        {
            if (TextScanner.IsHan(c))
            {
                han++;
            }
            else if (TextScanner.IsPortugueseDiacritic(c))
            {
                portuguese++;
            }
        }
        var english = 0;
        var latinWords = 0;
        var normalized = TextScanner.Normalize(text, out _);
        var en = s_englishWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var pt = s_portugueseWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var i = 0;
        while (i < normalized.Length)
        {
            if (!TextScanner.IsWordChar(normalized[i]))
            {
                i++;
                continue;
            }
            var end = TextScanner.WordEnd(normalized, i);
            var word = normalized.AsSpan(i, end - i);
            latinWords++;
            english += en.Contains(word) ? 1 : 0;
            portuguese += pt.Contains(word) ? 1 : 0;
            i = end;
        }
        if (han > 0 && han >= latinWords)
        {
            return "zh";
        }
        return portuguese > english ? "pt" : "en";
    }

    /// <summary>
    /// <c>en</c>, <c>zh</c> or <c>pt</c> for a language code or name (case-insensitive; a region or script after
    /// <c>-</c> or <c>_</c> is ignored, so <c>zh-Hans-CN</c> is <c>zh</c>); null for null, blank, <c>auto</c> and
    /// languages without a lexicon, which callers detect from the text.
    /// </summary>
    public static string? NormalizeLanguage(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }
        var code = language.Trim();
        var cut = code.IndexOfAny(['-', '_']);
        return (cut >= 0 ? code[..cut] : code).ToUpperInvariant() switch
        {
            "EN" or "ENG" or "ENGLISH" => "en",
            "ZH" or "ZHO" or "CHI" or "CMN" or "CHINESE" => "zh",
            "PT" or "POR" or "PORTUGUESE" => "pt",
            _ => null,
        };
    }

    private double RawScore(string text, Lexicon lexicon)
    {
        var items = Scan(text, lexicon, out var exclamations, out var shouting);
        ResolveDualRoles(items);
        var sum = 0.0;
        var sentenceStart = 0;
        for (var k = 0; k <= items.Count; k++)
        {
            if (k == items.Count || items[k].Kind == ItemKind.SentenceBreak)
            {
                sum += ScoreSentence(items, sentenceStart, k, shouting);
                sentenceStart = k + 1;
            }
        }
        if (exclamations > 0 && sum != 0)
        {
            sum += Math.Sign(sum) * Math.Min(exclamations, MaxExclamations) * ExclamationStep;
        }
        return sum;
    }

    private static double ScoreSentence(List<Item> items, int start, int end, bool shouting)
    {
        var contrast = -1;
        var concession = -1;
        for (var k = start; k < end && contrast < 0; k++)
        {
            if (items[k].Kind == ItemKind.Word && items[k].Role == TermRole.Contrast)
            {
                contrast = k;
            }
            else if (concession < 0 && items[k].Kind == ItemKind.Word && items[k].Role == TermRole.Concessive)
            {
                concession = k;
            }
        }
        // Without a "but", a concessive clause ("although it was late, ...", "apesar da demora, ...") counts half,
        // as the part before a "but" does; with one, the "but" decides.
        var weights = new Weights(contrast, contrast < 0 ? concession : -1, ClauseEnd(items, concession, end));
        var sum = 0.0;
        var clauseStart = start;
        for (var k = start; k <= end; k++)
        {
            var item = k < end ? items[k] : default;
            if (k == end || item.Kind == ItemKind.ClauseBreak || item.Role is TermRole.Contrast or TermRole.Concessive)
            {
                sum += UnresolvedNegation(items, clauseStart, k, weights);
                clauseStart = k + 1;
                continue;
            }
            if (item.Kind == ItemKind.Word && item.Role == TermRole.PostNegator)
            {
                sum += PostNegation(items, clauseStart, k);
                continue;
            }
            double value;
            if (item.Kind == ItemKind.Emoji)
            {
                value = item.Valence;
            }
            else if (item.Kind == ItemKind.Word && item.Role == TermRole.None && item.Valence != 0)
            {
                value = ScoreWord(items, k, clauseStart, end, shouting);
            }
            else
            {
                continue;
            }
            value *= weights.Of(k);
            item = items[k];
            item.Score = value;
            items[k] = item;
            sum += value;
        }
        return sum;
    }

    /// <summary>The end (exclusive) of the clause that starts at <paramref name="start"/>: the next clause break,
    /// contrast or sentence end.</summary>
    private static int ClauseEnd(List<Item> items, int start, int end)
    {
        if (start < 0)
        {
            return -1;
        }
        for (var k = start + 1; k < end; k++)
        {
            if (items[k].Kind == ItemKind.ClauseBreak || items[k].Role == TermRole.Contrast)
            {
                return k;
            }
        }
        return end;
    }

    /// <summary>How much an item counts in its sentence: half before a "but" and 1.5 times after it; half inside a
    /// concessive clause when the sentence has no "but"; otherwise once.</summary>
    private readonly record struct Weights(int Contrast, int Concession, int ConcessionEnd)
    {
        public double Of(int k) => Contrast >= 0 ? (k < Contrast ? BeforeContrast : AfterContrast)
            : Concession >= 0 && k > Concession && k < ConcessionEnd ? BeforeContrast : 1;
    }

    /// <summary>
    /// A clause with a negator that no sentiment word took ("no one picked up", "nunca recebemos", "没人接") is a
    /// mild complaint in service texts: it scores <see cref="UnresolvedNegationValence"/> once. Negators that agree
    /// with one that was used (Portuguese "não ... nenhum") count as used.
    /// </summary>
    private static double UnresolvedNegation(List<Item> items, int start, int end, Weights weights)
    {
        var first = -1;
        for (var k = start; k < end; k++)
        {
            var item = items[k];
            if (item.Kind != ItemKind.Word || item.Role is not (TermRole.Negator or TermRole.PostNegator))
            {
                continue;
            }
            if (item.Used)
            {
                return 0;
            }
            first = first < 0 ? k : first;
        }
        return first < 0 ? 0 : UnresolvedNegationValence * weights.Of(first);
    }

    /// <summary>Reverses the nearest sentiment word before a post-negator in its clause, if not negated already.</summary>
    private static double PostNegation(List<Item> items, int clauseStart, int k)
    {
        var negator = items[k];
        for (var j = k - 1; j >= clauseStart; j--)
        {
            var before = items[j];
            if (negator.Start - before.End > PostNegationWindow)
            {
                break;
            }
            if (before.Kind == ItemKind.Word && before.Role == TermRole.None && before.Valence != 0)
            {
                if (before.Negated || before.Score == 0)
                {
                    return 0;
                }
                negator.Used = true;
                items[k] = negator;
                before.Negated = true;
                items[j] = before;
                return before.Score * -negator.Factor - before.Score;
            }
        }
        return 0;
    }

    private static double ScoreWord(List<Item> items, int k, int clauseStart, int sentenceEnd, bool shouting)
    {
        var item = items[k];
        var value = item.Valence;
        if (item.Caps && !shouting)
        {
            value += Math.Sign(value) * CapsEmphasis;
        }
        // Windows in units between the modifier and the word: words for Latin text, characters for Han.
        var (negationWindow, boosterWindow) = item.Han ? (4, 2) : (3, 1);
        var factor = 1.0;
        if (k + 1 < sentenceEnd && items[k + 1] is { Kind: ItemKind.Word, Role: TermRole.PostBooster } after
            && after.Start - item.End <= 1)
        {
            factor *= 1 + after.Factor;
        }
        var negated = false;
        var negatorSeen = false;
        var negation = 0.0;
        for (var j = k - 1; j >= clauseStart; j--)
        {
            var before = items[j];
            var gap = item.Start - before.End;
            if (gap > negationWindow)
            {
                break;
            }
            if (before.Kind != ItemKind.Word)
            {
                continue;
            }
            if (before.Role == TermRole.None && before.Valence != 0)
            {
                // Another sentiment word ends the scope; a negation carries over "or" ("not friendly or helpful").
                if (!negatorSeen && before.Negated && j + 2 == k && items[j + 1].Role == TermRole.Coordinator)
                {
                    negated = true;
                    negation = before.Negation;
                }
                break;
            }
            // A post-negator that found no word before it negates forward ("一分钱都没多收").
            if (before.Role == TermRole.Negator || (before.Role == TermRole.PostNegator && !before.Used))
            {
                // Every negator in the window is used; several count once ("não foi nada bom"), and a phrase
                // holding its own negation agrees with them instead of being reversed ("não tive nenhum retorno").
                before.Used = true;
                items[j] = before;
                if (!negatorSeen)
                {
                    negatorSeen = true;
                    negated = !item.SelfNegated;
                    negation = before.Factor;
                }
            }
            else if (before.Role == TermRole.Booster && gap <= boosterWindow)
            {
                factor *= 1 + before.Factor;
            }
        }
        value *= factor;
        if (negated)
        {
            value *= -negation;
        }
        item.Negated = negated;
        item.Negation = negation;
        items[k] = item;
        return value;
    }

    /// <summary>A word that is both a sentiment word and a booster is a booster only right before a sentiment word
    /// ("pretty good", "好贵", "bem ruim"); a post-booster only right after one ("lindo demais").</summary>
    private static void ResolveDualRoles(List<Item> items)
    {
        for (var k = 0; k < items.Count; k++)
        {
            var item = items[k];
            if (item.Kind != ItemKind.Word || item.Valence == 0
                || item.Role is not (TermRole.Booster or TermRole.PostBooster))
            {
                continue;
            }
            var neighbour = item.Role == TermRole.Booster ? k + 1 : k - 1;
            var modifies = neighbour >= 0 && neighbour < items.Count
                && items[neighbour] is { Kind: ItemKind.Word } other && other.Valence != 0
                && (item.Role == TermRole.Booster ? other.Start == item.End : item.Start == other.End);
            if (modifies)
            {
                item.Valence = 0;
            }
            else
            {
                item.Role = TermRole.None;
            }
            items[k] = item;
        }
    }

    private List<Item> Scan(string text, Lexicon lexicon, out int exclamations, out bool shouting)
    {
        var normalized = TextScanner.Normalize(text, out var upper);
        var latin = lexicon.Language == "zh" ? _lexicons["en"] : lexicon;
        var han = _lexicons["zh"];
        var items = new List<Item>();
        var words = new List<(int Start, int End, bool Caps)>();
        var unit = 0;
        var capsWords = 0;
        var latinWords = 0;
        exclamations = 0;
        var i = 0;
        while (i < normalized.Length)
        {
            var c = normalized[i];
            if (TextScanner.IsHan(c))
            {
                FlushWords(normalized, latin, words, items, ref unit);
                var end = i;
                while (end < normalized.Length && TextScanner.IsHan(normalized[end]))
                {
                    end++;
                }
                SegmentHan(normalized, i, end, han, items, ref unit);
                i = end;
                continue;
            }
            if (TextScanner.IsWordChar(c))
            {
                var end = TextScanner.WordEnd(normalized, i);
                var letters = 0;
                var capitals = 0;
                for (var p = i; p < end; p++)
                {
                    if (char.IsLetter(normalized[p]))
                    {
                        letters++;
                        capitals += upper[p] ? 1 : 0;
                    }
                }
                var caps = letters > 1 && capitals == letters;
                latinWords++;
                capsWords += caps ? 1 : 0;
                words.Add((i, end, caps));
                i = end;
                continue;
            }
            if (c is ' ' or '\t')
            {
                i++;
                continue;
            }
            var emojiLength = MatchEmoji(normalized, i, out var valence);
            if (emojiLength > 0)
            {
                FlushWords(normalized, latin, words, items, ref unit);
                items.Add(new Item { Kind = ItemKind.Emoji, Valence = valence, Start = unit, End = unit + 1 });
                unit++;
                i += emojiLength;
                continue;
            }
            if (TextScanner.IsSentenceBreak(c) || TextScanner.IsClauseBreak(c))
            {
                FlushWords(normalized, latin, words, items, ref unit);
                var kind = TextScanner.IsSentenceBreak(c) ? ItemKind.SentenceBreak : ItemKind.ClauseBreak;
                items.Add(new Item { Kind = kind, Start = unit, End = unit });
                exclamations += c == '!' ? 1 : 0;
            }
            // Anything else (quotes, brackets, hyphens, slashes, unknown symbols) only separates words.
            i++;
        }
        FlushWords(normalized, latin, words, items, ref unit);
        shouting = latinWords > 0 && capsWords == latinWords;
        return items;
    }

    private int MatchEmoji(string normalized, int at, out double valence)
    {
        for (var length = Math.Min(_maxEmojiLength, normalized.Length - at); length > 0; length--)
        {
            if (_emoji.TryGetValue(normalized.AsSpan(at, length), out valence))
            {
                return length;
            }
        }
        valence = 0;
        return 0;
    }

    /// <summary>Matches a run of Latin words against the lexicon, longest phrase first.</summary>
    private static void FlushWords(string normalized, Lexicon lexicon, List<(int Start, int End, bool Caps)> words,
        List<Item> items, ref int unit)
    {
        if (words.Count == 0)
        {
            return;
        }
        Span<char> key = stackalloc char[MaxKeyChars];
        var p = 0;
        while (p < words.Count)
        {
            var first = normalized.AsSpan(words[p].Start, words[p].End - words[p].Start);
            var matched = 0;
            Term term = default;
            if (lexicon.MaxWords > 1 && lexicon.StartsPhrase(first))
            {
                for (var n = Math.Min(lexicon.MaxWords, words.Count - p); n > 1 && matched == 0; n--)
                {
                    var length = 0;
                    for (var w = p; w < p + n && length >= 0; w++)
                    {
                        var word = normalized.AsSpan(words[w].Start, words[w].End - words[w].Start);
                        if (length + word.Length + 1 > MaxKeyChars)
                        {
                            length = -1;
                            break;
                        }
                        if (w > p)
                        {
                            key[length++] = ' ';
                        }
                        word.CopyTo(key[length..]);
                        length += word.Length;
                    }
                    if (length > 0 && lexicon.TryGet(key[..length], out term))
                    {
                        matched = n;
                    }
                }
            }
            if (matched == 0 && TryWord(lexicon, first, key, out term))
            {
                matched = 1;
            }
            if (matched > 0 && (term.Valence != 0 || term.Role != TermRole.None))
            {
                items.Add(new Item
                {
                    Kind = ItemKind.Word,
                    Valence = term.Valence,
                    Role = term.Role,
                    Factor = term.Factor,
                    Start = unit + p,
                    End = unit + p + matched,
                    Caps = matched == 1 && words[p].Caps,
                    SelfNegated = term.SelfNegated,
                });
            }
            p += Math.Max(matched, 1);
        }
        unit += words.Count;
        words.Clear();
    }

    /// <summary>Looks a word up as written, then with letters repeated three or more times ("sooo", "muuuito")
    /// reduced to one and to two.</summary>
    private static bool TryWord(Lexicon lexicon, ReadOnlySpan<char> word, Span<char> buffer, out Term term)
    {
        if (lexicon.TryGet(word, out term))
        {
            return true;
        }
        if (word.Length > buffer.Length || !HasTripleLetter(word))
        {
            return false;
        }
        for (var keep = 1; keep <= 2; keep++)
        {
            var length = 0;
            var run = 0;
            for (var p = 0; p < word.Length; p++)
            {
                run = p > 0 && word[p] == word[p - 1] ? run + 1 : 1;
                if (run <= keep)
                {
                    buffer[length++] = word[p];
                }
            }
            if (lexicon.TryGet(buffer[..length], out term))
            {
                return true;
            }
        }
        return false;
    }

    private static bool HasTripleLetter(ReadOnlySpan<char> word)
    {
        for (var p = 2; p < word.Length; p++)
        {
            if (word[p] == word[p - 1] && word[p] == word[p - 2])
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Forward longest match of a run of Han characters; a character no entry starts is skipped.</summary>
    private static void SegmentHan(string normalized, int start, int end, Lexicon lexicon, List<Item> items,
        ref int unit)
    {
        var p = start;
        while (p < end)
        {
            var matched = 0;
            Term term = default;
            for (var length = Math.Min(lexicon.MaxHanLength, end - p); length > 0; length--)
            {
                if (lexicon.TryGet(normalized.AsSpan(p, length), out term))
                {
                    matched = length;
                    break;
                }
            }
            if (matched > 0 && (term.Valence != 0 || term.Role != TermRole.None))
            {
                items.Add(new Item
                {
                    Kind = ItemKind.Word,
                    Valence = term.Valence,
                    Role = term.Role,
                    Factor = term.Factor,
                    Start = unit + (p - start),
                    End = unit + (p - start) + matched,
                    Han = true,
                });
            }
            p += Math.Max(matched, 1);
        }
        unit += end - start;
    }

    private enum ItemKind
    {
        Word,
        Emoji,
        ClauseBreak,
        SentenceBreak,
    }

    /// <summary>A lexicon match, emoji or break, with its position in units (Latin words or Han characters).</summary>
    private struct Item
    {
        public ItemKind Kind;
        public double Valence;
        public TermRole Role;
        public double Factor;
        public int Start;
        public int End;
        public bool Caps;
        public bool Han;
        public bool SelfNegated;
        public bool Negated;
        public double Negation;
        public bool Used;
        public double Score;
    }
}
