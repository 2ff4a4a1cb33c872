using CxWarehouse.Text;

namespace CxWarehouse.Etl.Configuration;

/// <summary>
/// The voice-of-the-customer sections: <c>topics:</c> (a built-in taxonomy, extended or replaced by the business's
/// own topics) and <c>follow_up:</c> (how long a detractor, a low CSAT or a negative review may wait for an answer).
/// </summary>
public static partial class ConfigLoader
{
    private static readonly string[] s_topicLanguages = ["en", "zh", "pt"];

    private static TopicSettings ReadTopics(YamlReader yaml)
    {
        if (yaml.Map("topics") is not { } topics)
        {
            return new TopicSettings();
        }
        topics.OnlyKeys("taxonomy", "custom");
        var taxonomy = topics.OneOf("taxonomy", [.. TopicTagger.BuiltInTaxonomies, "none"])
            ?? TopicTagger.DefaultTaxonomy;
        var custom = new List<TopicDefinition>();
        if (topics.Map("custom") is { } list)
        {
            foreach (var (name, _, map) in list.Entries())
            {
                if (map is null)
                {
                    throw list.Error(name, "a topic needs a mapping: { parent: ..., en: [...], zh: [...], pt: [...] }");
                }
                map.OnlyKeys([.. s_topicLanguages, "parent"]);
                var keywords = s_topicLanguages.Where(map.Has)
                    .ToDictionary(l => l, l => map.StringList(l), StringComparer.Ordinal);
                custom.Add(new TopicDefinition(name, map.String("parent"), keywords));
            }
        }
        try
        {
            return new TopicSettings { Taxonomy = taxonomy, Custom = custom, Tagger = TopicTagger.Compose(taxonomy, custom) };
        }
        catch (ArgumentException ex)
        {
            throw topics.Error(custom.Count > 0 ? "custom" : "taxonomy", ex.Message);
        }
    }

    private static FollowUpSettings ReadFollowUp(YamlReader yaml)
    {
        var settings = new FollowUpSettings();
        if (yaml.Map("follow_up") is not { } f)
        {
            return settings;
        }
        f.OnlyKeys("detractor", "low_csat", "negative_review");
        return new FollowUpSettings
        {
            DetractorHours = Hours(f, "detractor") ?? settings.DetractorHours,
            LowCsatHours = Hours(f, "low_csat") ?? settings.LowCsatHours,
            NegativeReviewHours = Hours(f, "negative_review") ?? settings.NegativeReviewHours,
        };

        static double? Hours(YamlReader f, string key)
        {
            if (f.String(key) is not { } text)
            {
                return null;
            }
            var minutes = DurationMinutes(text);
            return minutes is > 0 ? minutes / 60.0
                : throw f.Error(key, $"'{text}' is not a duration such as 24h, 90m or 1h30m");
        }
    }
}

/// <summary>The <c>topics:</c> section: which built-in taxonomy (<c>services</c>, <c>retail</c>,
/// <c>hospitality</c> or <c>none</c>) and the business's own topics added to it.</summary>
public sealed record TopicSettings
{
    public string Taxonomy { get; init; } = TopicTagger.DefaultTaxonomy;

    public IReadOnlyList<TopicDefinition> Custom { get; init; } = [];

    /// <summary>The tagger the text functions use: the taxonomy with the custom topics.</summary>
    public TopicTagger Tagger { get; init; } = TopicTagger.Default;
}

/// <summary>The <c>follow_up:</c> section: the hours a customer waits at most for an answer (the closed loop).</summary>
public sealed record FollowUpSettings
{
    /// <summary>An NPS detractor (0-6).</summary>
    public double DetractorHours { get; init; } = 48;

    /// <summary>A CSAT of 1 or 2 on the 5-point scale.</summary>
    public double LowCsatHours { get; init; } = 48;

    /// <summary>A negative review (rating 1-2, or negative text without a rating) not yet answered.</summary>
    public double NegativeReviewHours { get; init; } = 24;
}
