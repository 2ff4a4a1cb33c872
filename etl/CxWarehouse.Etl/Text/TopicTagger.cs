using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CxWarehouse.Etl.Text;

/// <summary>
/// Finds which topics of a taxonomy a customer text mentions (price, staff attitude, waiting time, ...), offline,
/// by keywords per language. The default taxonomy is the embedded <c>Text/Lexicons/topics.yml</c>; another can be
/// read with <see cref="FromYaml"/> or given to the constructor.
/// </summary>
/// <remarks>
/// Latin keywords (English, Portuguese) match whole words, or several words in a row; a keyword ending in
/// <c>*</c> matches any word it begins (<c>atend*</c>: atendimento, atendente). Case and Latin diacritics are
/// ignored (<c>preço</c> matches "preco"). Chinese keywords match anywhere in a run of Han characters. Latin words
/// in a Chinese text use the English keywords; Han characters in any text use the Chinese ones. A mention counts
/// whatever its sentiment or negation. Instances are immutable and safe to share between threads.
/// </remarks>
public sealed class TopicTagger
{
    private const int MinPrefixLength = 3;

    private static readonly Lazy<TopicTagger> s_default = new(() =>
    {
        using var reader = LexiconResources.Open("topics.yml");
        return FromYaml(reader);
    });

    private readonly string[] _topics;
    private readonly Dictionary<string, KeywordIndex> _indexes;

    /// <summary>
    /// A tagger over <paramref name="taxonomy"/>: topic name → language code (<c>en</c>, <c>zh</c>, <c>pt</c>) →
    /// keywords. Topics are reported in the order given.
    /// </summary>
    public TopicTagger(IEnumerable<KeyValuePair<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>> taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        var topics = new List<string>();
        _indexes = SentimentAnalyzer.SupportedLanguages.ToDictionary(l => l, _ => new KeywordIndex(),
            StringComparer.Ordinal);
        foreach (var (topic, languages) in taxonomy)
        {
            if (string.IsNullOrWhiteSpace(topic) || topic.Contains(',', StringComparison.Ordinal))
            {
                throw new ArgumentException($"topic name '{topic}' is empty or has a comma", nameof(taxonomy));
            }
            if (topics.Contains(topic, StringComparer.Ordinal))
            {
                throw new ArgumentException($"topic {topic} is listed twice", nameof(taxonomy));
            }
            foreach (var (language, keywords) in languages)
            {
                var code = SentimentAnalyzer.NormalizeLanguage(language)
                    ?? throw new ArgumentException($"topic {topic}: no language '{language}' (en, zh, pt)",
                        nameof(taxonomy));
                foreach (var keyword in keywords)
                {
                    _indexes[code].Add(topics.Count, topic, keyword);
                }
            }
            topics.Add(topic);
        }
        _topics = [.. topics];
    }

    /// <summary>The tagger over the embedded taxonomy, loaded on first use.</summary>
    public static TopicTagger Default => s_default.Value;

    /// <summary>The topic names, in taxonomy order.</summary>
    public IReadOnlyList<string> Topics => _topics;

    /// <summary>
    /// Reads a taxonomy in YAML: a mapping of topic name to a mapping of language code to a list of keywords, e.g.
    /// <c>price: { en: [price, expensive, "value for money"], zh: [价格, 贵], pt: [preço, caro] }</c>.
    /// </summary>
    public static TopicTagger FromYaml(TextReader yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(yaml);
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"topics line {ex.Start.Line}: not valid YAML: {ex.Message}", ex);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InvalidDataException("topics: expected a mapping of topic to language to keywords");
        }
        var taxonomy = new List<KeyValuePair<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>>();
        foreach (var (topicNode, languagesNode) in root.Children)
        {
            var topic = Scalar(topicNode);
            if (languagesNode is not YamlMappingNode languages)
            {
                throw new InvalidDataException(
                    $"topics line {languagesNode.Start.Line}: topic {topic} needs a mapping of language to keywords");
            }
            var byLanguage = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var (languageNode, keywordsNode) in languages.Children)
            {
                if (keywordsNode is not YamlSequenceNode keywords)
                {
                    throw new InvalidDataException(
                        $"topics line {keywordsNode.Start.Line}: {topic}.{Scalar(languageNode)} needs a list");
                }
                byLanguage[Scalar(languageNode)] = [.. keywords.Children.Select(Scalar)];
            }
            taxonomy.Add(new(topic, byLanguage));
        }
        try
        {
            return new TopicTagger(taxonomy);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException("topics: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// The topics <paramref name="text"/> mentions, in taxonomy order; empty for a null or blank text.
    /// <paramref name="language"/> is read as by <see cref="SentimentAnalyzer.NormalizeLanguage"/> (null: detect).
    /// </summary>
    public IReadOnlyList<string> Tag(string? text, string? language = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var code = SentimentAnalyzer.NormalizeLanguage(language) ?? SentimentAnalyzer.DetectLanguage(text);
        var latin = _indexes[code == "zh" ? "en" : code];
        var han = _indexes["zh"];
        var normalized = TextScanner.Normalize(text, out _);
        var found = new bool[_topics.Length];
        var words = new List<Range>();
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
                han.MatchHan(normalized.AsSpan(i, end - i), found);
                i = end;
            }
            else if (TextScanner.IsWordChar(c))
            {
                var end = TextScanner.WordEnd(normalized, i);
                words.Add(i..end);
                i = end;
            }
            else
            {
                i++;
            }
        }
        latin.MatchWords(normalized, words, found);
        var result = new List<string>();
        for (var t = 0; t < _topics.Length; t++)
        {
            if (found[t])
            {
                result.Add(_topics[t]);
            }
        }
        return result;
    }

    private static string Scalar(YamlNode node) => node is YamlScalarNode { Value: { } value }
        ? value
        : throw new InvalidDataException($"topics line {node.Start.Line}: expected a plain value");

    /// <summary>The keywords of one language, indexed by first word (Latin), prefix (Latin *) or string (Han).</summary>
    private sealed class KeywordIndex
    {
        private readonly Dictionary<string, List<(int Topic, string[] Following, bool Prefix)>> _byFirstWord =
            new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<int>> _byPrefix = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<int>> _han = new(StringComparer.Ordinal);
        private int _maxPrefix;
        private int _maxHan;

        public void Add(int topic, string topicName, string keyword)
        {
            var trimmed = keyword.Trim();
            var prefix = trimmed.EndsWith('*');
            var key = TextScanner.NormalizeKey(prefix ? trimmed[..^1] : trimmed);
            if (key.Length == 0 || key.Contains('*', StringComparison.Ordinal))
            {
                throw new ArgumentException($"topic {topicName}: keyword '{keyword}' is empty or has * inside");
            }
            if (key.Any(TextScanner.IsHan))
            {
                if (!key.All(TextScanner.IsHan) || prefix)
                {
                    throw new ArgumentException(
                        $"topic {topicName}: Chinese keyword '{keyword}' must be Han characters only, without *");
                }
                AddTopic(_han, key, topic);
                _maxHan = Math.Max(_maxHan, key.Length);
                return;
            }
            var words = key.Split(' ');
            if (prefix && words.Length == 1)
            {
                if (key.Length < MinPrefixLength)
                {
                    throw new ArgumentException(
                        $"topic {topicName}: prefix keyword '{keyword}' needs {MinPrefixLength} letters or more");
                }
                AddTopic(_byPrefix, key, topic);
                _maxPrefix = Math.Max(_maxPrefix, key.Length);
                return;
            }
            if (!_byFirstWord.TryGetValue(words[0], out var list))
            {
                _byFirstWord[words[0]] = list = [];
            }
            list.Add((topic, words[1..], prefix));
        }

        public void MatchWords(string normalized, List<Range> words, bool[] found)
        {
            var byFirst = _byFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
            var byPrefix = _byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
            for (var p = 0; p < words.Count; p++)
            {
                var word = normalized.AsSpan(words[p]);
                if (byFirst.TryGetValue(word, out var candidates))
                {
                    foreach (var (topic, rest, prefix) in candidates)
                    {
                        if (!found[topic] && RestMatches(normalized, words, p + 1, rest, prefix))
                        {
                            found[topic] = true;
                        }
                    }
                }
                for (var length = Math.Min(_maxPrefix, word.Length); length >= MinPrefixLength; length--)
                {
                    if (byPrefix.TryGetValue(word[..length], out var topics))
                    {
                        foreach (var topic in topics)
                        {
                            found[topic] = true;
                        }
                    }
                }
            }
        }

        public void MatchHan(ReadOnlySpan<char> run, bool[] found)
        {
            var han = _han.GetAlternateLookup<ReadOnlySpan<char>>();
            for (var p = 0; p < run.Length; p++)
            {
                for (var length = 1; length <= Math.Min(_maxHan, run.Length - p); length++)
                {
                    if (han.TryGetValue(run.Slice(p, length), out var topics))
                    {
                        foreach (var topic in topics)
                        {
                            found[topic] = true;
                        }
                    }
                }
            }
        }

        private static bool RestMatches(string normalized, List<Range> words, int from, string[] rest, bool prefix)
        {
            if (from + rest.Length > words.Count)
            {
                return false;
            }
            for (var r = 0; r < rest.Length; r++)
            {
                var word = normalized.AsSpan(words[from + r]);
                var last = r == rest.Length - 1;
                if (last && prefix ? !word.StartsWith(rest[r], StringComparison.Ordinal)
                        : !word.SequenceEqual(rest[r]))
                {
                    return false;
                }
            }
            return true;
        }

        private static void AddTopic(Dictionary<string, List<int>> index, string key, int topic)
        {
            if (!index.TryGetValue(key, out var topics))
            {
                index[key] = topics = [];
            }
            if (!topics.Contains(topic))
            {
                topics.Add(topic);
            }
        }
    }
}
