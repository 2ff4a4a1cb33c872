using System.Collections.Frozen;

namespace CxWarehouse.Text;

/// <summary>
/// The terms and phrases a text is about, for emerging-topic detection (<c>marts.emerging_topics</c>): words that
/// name something (not function words, not sentiment or modifier words of the language's lexicon, at least three
/// letters, not numbers) and two-word phrases within a clause whose words are not function words and at least one of
/// which names something ("late delivery", "rude receptionist", "entrega atrasada"). Chinese text has no spaces:
/// its terms are the pairs of adjacent Han characters within a clause with no function character, that are not a
/// sentiment or modifier word other than a negative one ("包装", "退款"). Each term once per text, in order of first
/// appearance, at most <see cref="MaxTerms"/>.
/// </summary>
/// <remarks>Deterministic and immutable; safe to share between threads.</remarks>
public sealed class TermExtractor
{
    /// <summary>The most terms taken from one text (a long text would otherwise weigh more than a short one).</summary>
    public const int MaxTerms = 60;

    private static readonly FrozenSet<string> s_englishStop = FrozenSet.Create(StringComparer.Ordinal,
        "the", "and", "for", "but", "not", "nor", "yet", "was", "were", "are", "is", "been", "being", "be", "have",
        "has", "had", "having", "did", "does", "doing", "done", "you", "your", "yours", "they", "them", "their",
        "theirs", "she", "her", "hers", "him", "his", "its", "our", "ours", "we", "me", "my", "mine", "this", "that",
        "these", "those", "there", "here", "what", "which", "who", "whom", "whose", "when", "where", "why", "how",
        "with", "without", "from", "into", "onto", "upon", "about", "above", "below", "after", "before", "again",
        "then", "than", "too", "very", "can", "could", "would", "should", "will", "shall", "may", "might", "must",
        "just", "also", "all", "any", "some", "each", "every", "both", "few", "more", "most", "other", "such", "only",
        "own", "same", "out", "off", "over", "under", "once", "through", "during", "until", "while", "because",
        "between", "against", "within", "via", "per", "one", "two", "got", "get", "gets", "getting", "went", "go",
        "goes", "going", "come", "came", "make", "made", "take", "took", "said", "say", "says", "told", "tell",
        "asked", "ask", "it's", "i'm", "i've", "i'd", "i'll", "we're", "we've", "they're", "you're", "that's",
        "there's", "what's", "didn't", "don't", "doesn't", "wasn't", "weren't", "isn't", "aren't", "won't",
        "wouldn't", "couldn't", "can't", "cannot", "haven't", "hasn't", "hadn't", "shouldn't", "let", "lets", "let's",
        "still", "even", "ever", "never", "really", "much", "many", "lot", "lots", "thing", "things", "something",
        "anything", "nothing", "everything", "someone", "anyone", "everyone", "time", "times", "day", "days", "way",
        "now", "back", "since", "yes", "yeah", "okay", "etc", "well", "like", "dont", "didnt", "im",
        "ive", "cant", "wont", "whilst", "although", "though", "however", "unless", "around", "along", "overall",
        "quite", "rather", "anyway", "actually", "basically", "probably", "maybe", "perhaps", "definitely", "today",
        "yesterday", "first", "last", "next", "another", "three", "four", "five", "able", "else", "who's", "us");

    private static readonly FrozenSet<string> s_portugueseStop = FrozenSet.Create(StringComparer.Ordinal,
        "que", "nao", "com", "para", "pra", "por", "pelo", "pela", "pelos", "pelas", "uma", "umas", "uns", "dos",
        "das", "nos", "nas", "aos", "mas", "foi", "era", "sao", "ser", "sou", "estou", "esta", "estava", "estavam",
        "este", "esse", "essa", "isso", "isto", "aquilo", "aquele", "aquela", "tem", "ter", "tinha", "tive", "teve",
        "meu", "minha", "meus", "minhas", "seu", "sua", "seus", "suas", "nosso", "nossa", "eles", "elas", "ele",
        "ela", "voce", "voces", "tambem", "bem", "muito", "muita", "muitos", "muitas", "mais", "menos", "aqui", "ali",
        "quando", "onde", "como", "porque", "pois", "sem", "sob", "sobre", "entre", "ate", "ja", "ainda", "todo",
        "toda", "todos", "todas", "tudo", "nada", "nunca", "sempre", "depois", "antes", "dia", "dias", "vez", "vezes",
        "fui", "fomos", "foram", "ficou", "fiquei", "ficaram", "fez", "fiz", "feito", "vai", "vou", "vem", "veio",
        "estao", "qual", "quais", "quem", "cada", "outro", "outra", "outros", "outras", "mesmo", "mesma",
        "apenas", "so", "entao", "agora", "la", "lhe", "lhes", "num", "numa", "pro", "sim", "nem", "tao",
        "pode", "podem", "poderia", "seria", "sera", "havia", "houve", "estar", "estive", "esteve", "geral",
        "realmente", "bastante", "talvez", "hoje", "ontem", "primeiro", "primeira", "ultimo", "ultima");

    // Function characters of Chinese: particles, pronouns, copulas, common adverbs and measure words.
    private static readonly FrozenSet<char> s_chineseStop = FrozenSet.Create(
        '的', '了', '是', '我', '你', '他', '她', '它', '们', '在', '有', '和', '就', '也', '都', '很', '这', '那', '个',
        '一', '不', '没', '吗', '呢', '吧', '啊', '还', '要', '会', '说', '着', '给', '对', '把', '被', '让', '等', '与',
        '及', '或', '但', '而', '又', '再', '才', '已', '经', '过', '得', '地', '之', '其', '此', '么', '什', '哦', '呀',
        '嘛', '啦', '哈', '嗯', '太', '非', '常', '真', '比', '较', '挺', '最', '更', '好', '到', '去', '来', '上', '下',
        '里', '次', '些', '点', '从', '为', '因', '所', '以', '如', '果', '虽', '然', '可', '能', '想', '看', '用', '做');

    private static readonly Lazy<TermExtractor> s_default = new(() =>
        new TermExtractor(SentimentAnalyzer.SupportedLanguages.ToDictionary(l => l, Lexicon.LoadEmbedded,
            StringComparer.Ordinal)));

    private readonly Dictionary<string, Lexicon> _lexicons;

    internal TermExtractor(Dictionary<string, Lexicon> lexicons) => _lexicons = lexicons;

    /// <summary>The extractor over the embedded lexicons.</summary>
    public static TermExtractor Default => s_default.Value;

    /// <summary>
    /// The terms of <paramref name="text"/>, in order of first appearance, each once; empty for a null or blank
    /// text. <paramref name="language"/> is read as by <see cref="SentimentAnalyzer.NormalizeLanguage"/> (null:
    /// detect); Han characters are read as Chinese in any text.
    /// </summary>
    public IReadOnlyList<string> Extract(string? text, string? language = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var code = SentimentAnalyzer.NormalizeLanguage(language) ?? SentimentAnalyzer.DetectLanguage(text);
        var latinCode = code == "zh" ? "en" : code;
        var latin = _lexicons[latinCode];
        var stop = latinCode == "pt" ? s_portugueseStop : s_englishStop;
        var han = _lexicons["zh"];
        var normalized = TextScanner.Normalize(text, out _);
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        void Add(string term)
        {
            if (terms.Count < MaxTerms && seen.Add(term))
            {
                terms.Add(term);
            }
        }

        // The previous word of the clause: (text, whether it may be part of a phrase, whether it names something).
        (string Word, bool Usable, bool Names)? previous = null;
        var i = 0;
        while (i < normalized.Length && terms.Count < MaxTerms)
        {
            var c = normalized[i];
            if (TextScanner.IsHan(c))
            {
                var end = i;
                while (end < normalized.Length && TextScanner.IsHan(normalized[end]))
                {
                    end++;
                }
                for (var k = i; k + 1 < end; k++)
                {
                    if (s_chineseStop.Contains(normalized[k]) || s_chineseStop.Contains(normalized[k + 1]))
                    {
                        continue;
                    }
                    // A pair that is a negative word of the lexicon often names the problem itself (退款 refund,
                    // 破损 damage), so it is kept; other lexicon pairs and pairs with a one-character sentiment or
                    // modifier word (慢, 好, 不) are not.
                    var pair = normalized.AsSpan(k, 2);
                    var isWord = han.TryGet(pair, out var entry);
                    if ((!isWord || entry is { Role: TermRole.None, Valence: < 0 })
                        && !han.TryGet(pair[..1], out _) && !han.TryGet(pair[1..], out _))
                    {
                        Add(pair.ToString());
                    }
                }
                previous = null;
                i = end;
            }
            else if (TextScanner.IsWordChar(c))
            {
                var end = TextScanner.WordEnd(normalized, i);
                var word = normalized[i..end];
                var usable = word.Length >= 3 && !stop.Contains(word) && !word.All(char.IsDigit);
                var names = usable && !latin.TryGet(word, out _);
                if (names)
                {
                    Add(word);
                }
                if (usable && previous is { Usable: true } before && (names || before.Names))
                {
                    Add(before.Word + " " + word);
                }
                previous = (word, usable, names);
                i = end;
            }
            else
            {
                if (TextScanner.IsSentenceBreak(c) || TextScanner.IsClauseBreak(c))
                {
                    previous = null;
                }
                i++;
            }
        }
        return terms;
    }
}
