using System.Text.RegularExpressions;
using CxWarehouse.Etl.Configuration;

namespace CxWarehouse.Etl.Extract;

/// <summary>Fitting a stream mapping to one file's columns.</summary>
public sealed partial class Extractor
{
    /// <summary>
    /// The time zone a Qualtrics export states for its dates in its third header row
    /// (<c>{"ImportId":"startDate","timeZone":"America/Denver"}</c>), when it states one the machine knows; else null.
    /// </summary>
    internal static string? StatedTimeZone(FilePeek? peek, ReaderOptions reader)
    {
        if (peek is null || reader.Format != SourceFormat.Csv || !reader.Header || reader.ExtraHeaderRows < 2)
        {
            return null;
        }
        var rows = peek.CsvRecords(reader.Delimiter, 1 + reader.ExtraHeaderRows);
        if (rows.Count < 3)
        {
            return null;
        }
        var zones = rows[2].Select(cell => StatedZonePattern().Match(cell)).Where(m => m.Success)
            .Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
        return zones.Count == 1 && TimeZoneInfo.TryFindSystemTimeZoneById(zones[0], out _) ? zones[0] : null;
    }

    [GeneratedRegex("""['"]timeZone['"]\s*:\s*['"]([^'"]+)['"]""")]
    private static partial Regex StatedZonePattern();

    /// <summary>
    /// The mapping as this file can be read: survey questions bound to the file's columns, won and lost stages
    /// from the source's configuration, mappings of optional columns the file lacks dropped. A required field
    /// whose columns the file lacks, or a mapped name the header repeats, fails the file with a message that names
    /// what is missing and lists what the file has.
    /// </summary>
    private static (StreamMapping Mapping, SourceFileFacts Facts) ForFile(StreamMapping mapping, SourceFileFacts facts,
        ReaderOptions reader, string shown, SourceInput input, FilePeek? peek)
    {
        mapping = WithStages(mapping, input);
        if (reader.Format is not (SourceFormat.Csv or SourceFormat.Sql))
        {
            var kept = mapping.Fields.Where(f => f.Value.Question is null)
                .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
            return (mapping with { Fields = kept }, facts);
        }
        facts = facts with { Header = SpelledAsMapped(facts.Header, mapping) };
        var header = facts.Header.ToHashSet(StringComparer.Ordinal);
        var repeated = SourceFileInspector.Repeated(facts.Header);
        var questions = mapping.Fields.Values.Any(f => f.Question is not null)
            ? QuestionFinder.Find(facts.Header, peek?.CsvRecords(reader.Delimiter, 1 + reader.ExtraHeaderRows) ?? [],
                reader.ExtraHeaderRows, input.Questions, shown)
            : new Dictionary<string, string>();
        var fields = new Dictionary<string, FieldMapping>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var (name, field) in mapping.Fields)
        {
            var bound = field;
            if (field.Question is not null)
            {
                if (!questions.TryGetValue(field.Question, out var column))
                {
                    continue;
                }
                bound = field with { Question = null, Expression = QuestionFinder.Value(field.Question, column) };
            }
            var named = bound.Column is not null ? [bound.Column] : NamesIn(bound);
            var ambiguous = named.FirstOrDefault(repeated.Contains);
            if (ambiguous is not null)
            {
                var copies = facts.Header.Count(h => h == ambiguous || h.StartsWith(ambiguous + " (", StringComparison.Ordinal));
                throw new SourceFileException($"{shown}: line 1: the header names column '{ambiguous}' "
                    + (copies == 2 ? "twice" : $"{copies} times") + " and "
                    + $"{name} reads it; map '{ambiguous}' (the first) or '{ambiguous} (2)' (the second, and so on) "
                    + "in a mapping of your own");
            }
            if (bound.Column is not null && !header.Contains(bound.Column))
            {
                if (mapping.Stream.Field(name).Required)
                {
                    missing.Add($"required column '{bound.Column}' is missing (for {name})");
                }
                continue;
            }
            if (bound.Expression is not null && mapping.Stream.Field(name).Required && named.Count > 0
                && named.All(n => !header.Contains(n)))
            {
                missing.Add($"required column {string.Join(" or ", named.Select(n => $"'{n}'"))} is missing (for {name})");
                continue;
            }
            fields[name] = bound;
        }
        if (missing.Count > 0)
        {
            var hint = facts.Header.Count == 1
                ? $" (the header has a single column: is the delimiter '{reader.Delimiter}' right?)"
                : "";
            var has = string.Join(", ", facts.Header.Take(40).Select(h => $"'{h}'")) + (facts.Header.Count > 40 ? ", ..." : "");
            throw new SourceFileException($"{shown}: line 1: {string.Join("; ", missing)}{hint}. The file has "
                + $"{facts.Header.Count} column(s): {has}. Export a view that includes the missing columns, or map "
                + "the fields yourself");
        }
        return (mapping with { Fields = fields }, facts);
    }

    /// <summary>
    /// The header with each name the mapping reads spelled as the mapping spells it when the file differs only in
    /// case: Salesforce's Data Loader writes <c>FIRSTNAME</c> where the Data Export writes <c>FirstName</c>. A name the
    /// file has exactly, or in more than one spelling, is left as it is.
    /// </summary>
    private static IReadOnlyList<string> SpelledAsMapped(IReadOnlyList<string> header, StreamMapping mapping)
    {
        var exact = header.ToHashSet(StringComparer.Ordinal);
        var wanted = mapping.Fields.Values.Where(f => f.Column is not null).Select(f => f.Column!)
            .Concat(mapping.Fields.Values.SelectMany(NamesIn))
            .Concat(mapping.Deleted is null ? [] : NamesIn(new FieldMapping { Expression = mapping.Deleted }))
            .Concat(mapping.Combine is null ? [] : mapping.Combine.Columns.Select(c => c.Key).Append(mapping.Combine.Key).Append(mapping.Combine.Order))
            .Where(n => !exact.Contains(n))
            .GroupBy(n => n, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        if (wanted.Count == 0)
        {
            return header;
        }
        var counts = header.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(),
            StringComparer.OrdinalIgnoreCase);
        return header.Select(h => wanted.TryGetValue(h, out var spelled) && counts[h] == 1 ? spelled : h).ToList();
    }

    /// <summary>Source column names an expression reads ("Close Date").</summary>
    private static List<string> NamesIn(FieldMapping field) => field.Expression is null
        ? []
        : QuotedName().Matches(field.Expression)
            .Select(m => m.Groups[1].Value.Replace("\"\"", "\"", StringComparison.Ordinal))
            .Where(n => n is not ("_file" or "_record"))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The source's won_stages and lost_stages replace the profile's reading of the stage names: is_won is true for
    /// a won stage, false for a lost one and for any other (open) stage.
    /// </summary>
    private static StreamMapping WithStages(StreamMapping mapping, SourceInput input)
    {
        if (input.WonStages.Count == 0 && input.LostStages.Count == 0)
        {
            return mapping;
        }
        if (!mapping.Fields.TryGetValue("status", out var status) || !mapping.Fields.ContainsKey("is_won"))
        {
            return mapping;
        }
        var stage = status.Column is not null
            ? (mapping.Reader.Format is SourceFormat.Csv or SourceFormat.Sql ? SqlText.Identifier(status.Column) : $"json ->> {SqlText.Literal(status.Column.StartsWith('$') ? status.Column : "$." + status.Column)}")
            : $"({status.Expression})";
        var won = input.WonStages.Count == 0 ? "false"
            : $"lower(trim({stage})) IN ({string.Join(", ", input.WonStages.Select(w => SqlText.Literal(w.Trim().ToLowerInvariant())))})";
        var fields = new Dictionary<string, FieldMapping>(mapping.Fields, StringComparer.Ordinal)
        {
            ["is_won"] = new FieldMapping { Expression = input.WonStages.Count == 0 ? $"({mapping.Fields["is_won"].Expression ?? "false"}) AND {LostTest(stage, input)}" : won },
        };
        return mapping with { Fields = fields };
    }

    private static string LostTest(string stage, SourceInput input) =>
        $"lower(trim({stage})) NOT IN ({string.Join(", ", input.LostStages.Select(w => SqlText.Literal(w.Trim().ToLowerInvariant())))})";
}

/// <summary>
/// Finds a Qualtrics export's NPS, CSAT, CES and comment questions by what they are, not by their position: an NPS
/// question has Qualtrics' <c>_NPS_GROUP</c> companion column or asks about recommending (English, Chinese,
/// Portuguese, Spanish, French, German); CSAT asks about satisfaction; CES about ease or effort; the comment is a
/// text entry that asks for more. The source's <c>questions:</c> names them instead (QID12 or Q12).
/// </summary>
internal static partial class QuestionFinder
{
    public static Dictionary<string, string> Find(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows,
        int extraHeaderRows, IReadOnlyDictionary<string, string> configured, string shown)
    {
        var texts = extraHeaderRows >= 1 && rows.Count > 1 ? rows[1] : [];
        var importIds = extraHeaderRows >= 2 && rows.Count > 2 ? rows[2] : [];
        string Text(int i) => i < texts.Count ? texts[i] : "";
        string ImportId(int i) => i < importIds.Count ? ImportIdOf(importIds[i]) : "";
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (role, named) in configured)
        {
            var at = Enumerable.Range(0, header.Count).FirstOrDefault(i => header[i] == named || ImportId(i) == named, -1);
            if (at < 0)
            {
                throw new SourceFileException($"{shown}: questions.{role} names '{named}', which is neither a column nor "
                    + $"a question id of this export (its questions: {string.Join(", ", Enumerable.Range(0, header.Count).Where(i => IsQuestion(header[i])).Select(i => header[i]))})");
            }
            found[role] = header[at];
        }
        var candidates = Enumerable.Range(0, header.Count)
            .Where(i => IsQuestion(header[i]) && !header[i].EndsWith("_NPS_GROUP", StringComparison.OrdinalIgnoreCase)
                && !Text(i).EndsWith(" - Group", StringComparison.Ordinal) && !header[i].Contains(" - Topics", StringComparison.Ordinal)
                && !ImportId(i).Contains("Topics", StringComparison.Ordinal))
            .ToList();
        bool IsText(int i) => ImportId(i).EndsWith("_TEXT", StringComparison.Ordinal) || header[i].EndsWith("_TEXT", StringComparison.Ordinal);
        void Take(string role, Func<int, bool> test)
        {
            if (found.ContainsKey(role))
            {
                return;
            }
            foreach (var i in candidates)
            {
                if (!found.ContainsValue(header[i]) && test(i))
                {
                    found[role] = header[i];
                    return;
                }
            }
        }
        var npsGroups = header.Where(h => h.EndsWith("_NPS_GROUP", StringComparison.OrdinalIgnoreCase))
            .Select(h => h[..^"_NPS_GROUP".Length]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Take("nps", i => !IsText(i) && npsGroups.Contains(header[i]));
        Take("nps", i => !IsText(i) && Recommend().IsMatch(Text(i)));
        Take("csat", i => !IsText(i) && Satisfied().IsMatch(Text(i)));
        Take("ces", i => !IsText(i) && Easy().IsMatch(Text(i)));
        Take("comment", i => IsText(i) && Comment().IsMatch(Text(i)));
        return found;
    }

    /// <summary>
    /// The SQL reading a question's column: an export of numeric values as it is; an export of choice text by the
    /// number a label starts with ("10 - Extremely likely") or, for the standard satisfaction and agreement scales, by
    /// the label's place on the scale. A label it does not know stays text, so its row is quarantined for it.
    /// </summary>
    public static string Value(string role, string column)
    {
        var c = $"trim({SqlText.Identifier(column)})";
        if (role == "comment")
        {
            return SqlText.Identifier(column);
        }
        var labels = role switch
        {
            "csat" => s_satisfaction,
            "ces" => s_agreement,
            _ => [],
        };
        var cases = string.Join(" ", labels.Select(l => $"WHEN {SqlText.Literal(l.Label)} THEN '{l.Score}'"));
        return $"CASE WHEN regexp_matches({c}, '^[0-9]+([.,]0+)?$') THEN {c} "
            + $"WHEN regexp_matches({c}, '^[0-9]+ *[-–:=]') THEN regexp_extract({c}, '^([0-9]+)', 1) "
            + (cases.Length > 0 ? $"ELSE CASE lower({c}) {cases} ELSE {c} END END" : $"ELSE {c} END");
    }

    private static readonly (string Label, int Score)[] s_satisfaction =
    [
        ("extremely satisfied", 5), ("very satisfied", 5), ("somewhat satisfied", 4), ("satisfied", 4),
        ("neither satisfied nor dissatisfied", 3), ("neutral", 3), ("somewhat dissatisfied", 2), ("dissatisfied", 2),
        ("very dissatisfied", 1), ("extremely dissatisfied", 1),
    ];

    private static readonly (string Label, int Score)[] s_agreement =
    [
        ("strongly agree", 7), ("agree", 6), ("somewhat agree", 5), ("neither agree nor disagree", 4),
        ("somewhat disagree", 3), ("disagree", 2), ("strongly disagree", 1),
    ];

    /// <summary>Metadata columns of an export are not questions.</summary>
    private static bool IsQuestion(string column) => !s_metadata.Contains(column);

    private static readonly HashSet<string> s_metadata = new(StringComparer.OrdinalIgnoreCase)
    {
        "StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished", "RecordedDate",
        "ResponseId", "ResponseID", "ResponseSet", "Name", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
        "ExternalReference", "ExternalDataReference", "EmailAddress", "LocationLatitude", "LocationLongitude",
        "LocationAccuracy", "DistributionChannel", "UserLanguage", "touchpoint", "location",
    };

    private static string ImportIdOf(string cell)
    {
        var match = ImportIdPattern().Match(cell);
        return match.Success ? match.Groups[1].Value : "";
    }

    [GeneratedRegex("\"ImportId\"\\s*:\\s*\"([^\"]*)\"")]
    private static partial Regex ImportIdPattern();

    [GeneratedRegex(@"recommend|recomend|recommand|empfehlen|推荐|推薦|おすすめ|勧め", RegexOptions.IgnoreCase)]
    private static partial Regex Recommend();

    [GeneratedRegex(@"satisf|zufrieden|满意|滿意|満足", RegexOptions.IgnoreCase)]
    private static partial Regex Satisfied();

    [GeneratedRegex(@"\beas(y|e|ily)\b|effort|esfuerzo|esforço|einfach|leicht|fácil|facil|facile|容易|轻松|輕鬆|省力|方便|簡単", RegexOptions.IgnoreCase)]
    private static partial Regex Easy();

    [GeneratedRegex(@"comment|feedback|tell us|anything else|why|reason|improve|kommentar|anmerkung|comentário|comentario|commentaire|pourquoi|por qu|por que|意见|意見|建议|建議|原因", RegexOptions.IgnoreCase)]
    private static partial Regex Comment();
}
