using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CxWarehouse.Text;

/// <summary>One topic of a taxonomy: its name, an optional parent topic (for roll-ups: "wifi" under
/// "facilities"), and its keywords per language code (<c>en</c>, <c>zh</c>, <c>pt</c>).</summary>
public sealed record TopicDefinition(string Name, string? Parent,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Keywords);

/// <summary>
/// Finds which topics of a taxonomy a customer text mentions (price, staff attitude, waiting time, ...), offline,
/// by keywords per language. Three taxonomies are built in (<see cref="BuiltInTaxonomies"/>: <c>services</c>, the
/// default, <c>retail</c> and <c>hospitality</c>, embedded as <c>Lexicons/topics-{name}.yml</c>); a business
/// extends or replaces one with its own topics (<see cref="Compose"/>, the <c>topics:</c> section of
/// cxwarehouse.yml).
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
    public const string DefaultTaxonomy = "services";
    private const int MinPrefixLength = 3;

    private static readonly Lazy<TopicTagger> s_default = new(() => new TopicTagger(BuiltIn(DefaultTaxonomy)));

    private readonly string[] _topics;
    private readonly Dictionary<string, string?> _parents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KeywordIndex> _indexes;

    /// <summary>
    /// A tagger over <paramref name="taxonomy"/>: topic name → language code (<c>en</c>, <c>zh</c>, <c>pt</c>) →
    /// keywords. Topics are reported in the order given.
    /// </summary>
    public TopicTagger(IEnumerable<KeyValuePair<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>> taxonomy)
        : this(taxonomy.Select(t => new TopicDefinition(t.Key, null, t.Value)))
    {
    }

    /// <summary>A tagger over <paramref name="topics"/>, reported in the order given; a parent must be one of
    /// them, and not the topic itself.</summary>
    public TopicTagger(IEnumerable<TopicDefinition> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var list = topics.ToList();
        var names = new List<string>();
        var definition = new System.Text.StringBuilder();
        _indexes = SentimentAnalyzer.SupportedLanguages.ToDictionary(l => l, _ => new KeywordIndex(),
            StringComparer.Ordinal);
        foreach (var (topic, parent, languages) in list)
        {
            if (string.IsNullOrWhiteSpace(topic) || topic.Contains(',', StringComparison.Ordinal))
            {
                throw new ArgumentException($"topic name '{topic}' is empty or has a comma", nameof(topics));
            }
            if (names.Contains(topic, StringComparer.Ordinal))
            {
                throw new ArgumentException($"topic {topic} is listed twice", nameof(topics));
            }
            definition.Append(topic).Append('\u001f').Append(parent).Append('\u001e');
            foreach (var (language, keywords) in languages.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                definition.Append(language).Append('\u001f').AppendJoin('\u001f', keywords).Append('\u001e');
                var code = SentimentAnalyzer.NormalizeLanguage(language)
                    ?? throw new ArgumentException($"topic {topic}: no language '{language}' (en, zh, pt)",
                        nameof(topics));
                foreach (var keyword in keywords)
                {
                    _indexes[code].Add(names.Count, topic, keyword);
                }
            }
            names.Add(topic);
            _parents[topic] = parent;
        }
        foreach (var (topic, parent) in _parents)
        {
            if (parent is not null && (parent == topic || !_parents.ContainsKey(parent)))
            {
                throw new ArgumentException($"topic {topic}: parent '{parent}' is not another topic of the taxonomy",
                    nameof(topics));
            }
        }
        _topics = [.. names];
        Fingerprint = Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(definition.ToString())))[..16];
    }

    /// <summary>
    /// What the tagger tags by, as 16 hex digits: equal for two taggers over the same topics, parents and keywords
    /// (in the same order), different otherwise. Kept scores name it (<c>cx_text_version()</c>), so a changed
    /// taxonomy scores every text again.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>The tagger over the default built-in taxonomy (<c>services</c>), loaded on first use.</summary>
    public static TopicTagger Default => s_default.Value;

    /// <summary>The names of the built-in taxonomies.</summary>
    public static IReadOnlyList<string> BuiltInTaxonomies { get; } = ["services", "retail", "hospitality"];

    /// <summary>The topic names, in taxonomy order.</summary>
    public IReadOnlyList<string> Topics => _topics;

    /// <summary>Each topic's parent, or null for a top-level topic.</summary>
    public IReadOnlyDictionary<string, string?> Parents => _parents;

    /// <summary>The topics of built-in taxonomy <paramref name="name"/>.</summary>
    public static List<TopicDefinition> BuiltIn(string name)
    {
        if (!BuiltInTaxonomies.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"no built-in topic taxonomy '{name}' (choose {string.Join(", ", BuiltInTaxonomies)} or none)",
                nameof(name));
        }
        using var reader = LexiconResources.Open($"topics-{name}.yml");
        return ReadYaml(reader);
    }

    /// <summary>
    /// A business's taxonomy: built-in <paramref name="taxonomy"/> (null or <c>none</c>: no built-in topics) with
    /// <paramref name="custom"/> topics appended; a custom topic named like a built-in one adds its keywords to it
    /// (and sets its parent when given).
    /// </summary>
    public static TopicTagger Compose(string? taxonomy, IEnumerable<TopicDefinition> custom)
    {
        ArgumentNullException.ThrowIfNull(custom);
        var topics = taxonomy is null or "none" ? [] : BuiltIn(taxonomy);
        foreach (var topic in custom)
        {
            var at = topics.FindIndex(t => t.Name == topic.Name);
            if (at < 0)
            {
                topics.Add(topic);
                continue;
            }
            var merged = topics[at].Keywords.ToDictionary(k => k.Key, k => k.Value.ToList(), StringComparer.Ordinal);
            foreach (var (language, keywords) in topic.Keywords)
            {
                merged[language] = [.. merged.GetValueOrDefault(language) ?? [], .. keywords];
            }
            topics[at] = new TopicDefinition(topic.Name, topic.Parent ?? topics[at].Parent,
                merged.ToDictionary(m => m.Key, m => (IReadOnlyList<string>)m.Value, StringComparer.Ordinal));
        }
        return new TopicTagger(topics);
    }

    /// <summary>
    /// Reads a taxonomy in YAML: a mapping of topic name to a mapping of language code to a list of keywords, and an
    /// optional <c>parent</c>, e.g. <c>price: { en: [price, expensive, "value for money"], zh: [价格, 贵], pt: [preço] }</c>.
    /// </summary>
    public static TopicTagger FromYaml(TextReader yaml)
    {
        var topics = ReadYaml(yaml);
        try
        {
            return new TopicTagger(topics);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException("topics: " + ex.Message, ex);
        }
    }

    private static List<TopicDefinition> ReadYaml(TextReader yaml)
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
        var taxonomy = new List<TopicDefinition>();
        foreach (var (topicNode, languagesNode) in root.Children)
        {
            var topic = Scalar(topicNode);
            if (languagesNode is not YamlMappingNode languages)
            {
                throw new InvalidDataException(
                    $"topics line {languagesNode.Start.Line}: topic {topic} needs a mapping of language to keywords");
            }
            var byLanguage = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            string? parent = null;
            foreach (var (languageNode, keywordsNode) in languages.Children)
            {
                if (Scalar(languageNode) == "parent")
                {
                    parent = Scalar(keywordsNode);
                    continue;
                }
                if (keywordsNode is not YamlSequenceNode keywords)
                {
                    throw new InvalidDataException(
                        $"topics line {keywordsNode.Start.Line}: {topic}.{Scalar(languageNode)} needs a list");
                }
                byLanguage[Scalar(languageNode)] = [.. keywords.Children.Select(Scalar)];
            }
            taxonomy.Add(new TopicDefinition(topic, parent, byLanguage));
        }
        return taxonomy;
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
