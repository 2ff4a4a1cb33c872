namespace CxWarehouse.Etl.Extract;

/// <summary>What a domain rule checks.</summary>
public enum RuleKind
{
    /// <summary>A number within [Min, Max] (either bound may be open).</summary>
    Range,

    /// <summary>A timestamp or date not before another field of the same row (<see cref="DomainRule.Earlier"/>).</summary>
    Order,

    /// <summary>A timestamp not after the run's time plus the stream's tolerance.</summary>
    NotFuture,

    /// <summary>A timestamp or date not before the stream's earliest plausible date.</summary>
    NotBefore,
}

/// <summary>
/// A rule a value must satisfy to be true, not merely readable (reliability.md items 28-30). A row that breaks one
/// is quarantined naming the rule, or, for a rule on the order of events whose stream's policy says so, loaded with
/// the offending value nulled and flagged.
/// </summary>
public sealed record DomainRule(string Name, string Stream, string Field, RuleKind Kind, string Description)
{
    public double? Min { get; init; }

    public double? Max { get; init; }

    /// <summary>For <see cref="RuleKind.Order"/>: the field this one must not precede.</summary>
    public string? Earlier { get; init; }

    /// <summary>A condition over the row's typed fields limiting the rows the rule applies to.</summary>
    public string? When { get; init; }
}

/// <summary>
/// The domain rules of the canonical streams, declared once per stream and field; placeholder ids
/// (reliability.md item 31) are NULL spellings of every id field. Documented in README.md ("What happens to bad
/// input").
/// </summary>
public static class DomainRules
{
    /// <summary>
    /// Values that systems write for "no record" in an id field (compared trimmed and lower-cased): Salesforce's
    /// empty ids, 0, -1, N/A and unknown. They are read as NULL, never as a real customer, agent or order.
    /// </summary>
    public static readonly IReadOnlyList<string> PlaceholderIds =
        ["000000000000000aaa", "000000000000000", "0", "-1", "n/a", "unknown"];

    /// <summary>
    /// Rows where a timestamp is a plan, not an event: an open or lost opportunity's close date is the date it is
    /// expected to close, which may be ahead; a won order's is when it was won.
    /// </summary>
    private static readonly Dictionary<string, string> s_futureOnlyWhen = new(StringComparer.Ordinal)
    {
        ["crm.orders.ordered_at"] = "coalesce(\"is_won\", true)",
    };

    /// <summary>Timestamps and dates that may lie in the future: promises and plans, not events.</summary>
    private static readonly HashSet<string> s_mayBeFuture =
        ["crm.orders.promised_at", "crm.orders.service_date", "crm.campaigns.started_on", "crm.campaigns.ended_on"];

    private static DomainRule Range(string stream, string field, double? min, double? max)
    {
        var name = max is null ? $"{field}_not_negative" : $"{field}_in_{Bound(min)}_{Bound(max)}";
        var description = max is null ? $"{field} is not negative" : $"{field} is between {Bound(min)} and {Bound(max)}";
        return new DomainRule(name, stream, field, RuleKind.Range, description) { Min = min, Max = max };
    }

    private static DomainRule After(string stream, string field, string earlier) =>
        new($"{field}_not_before_{earlier}", stream, field, RuleKind.Order, $"{field} is not before {earlier}")
        {
            Earlier = earlier,
        };

    private static string Bound(double? value) =>
        value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>Ranges and orders of events, by stream.</summary>
    private static readonly DomainRule[] s_declared =
    [
        Range("crm.orders", "amount", 0, null),
        After("crm.orders", "delivered_at", "ordered_at"),
        Range("crm.loyalty", "points", 0, null),
        After("crm.tickets", "first_response_at", "created_at"),
        After("crm.tickets", "resolved_at", "created_at"),
        Range("crm.campaigns", "spend", 0, null),
        After("crm.campaigns", "ended_on", "started_on"),
        Range("web.events", "engagement_ms", 0, null),
        Range("calls.calls", "queue_s", 0, null),
        Range("calls.calls", "talk_s", 0, null),
        Range("calls.calls", "hold_s", 0, null),
        Range("calls.calls", "acw_s", 0, null),
        After("calls.calls", "answered_at", "initiated_at"),
        After("calls.calls", "ended_at", "initiated_at"),
        After("calls.calls", "ended_at", "answered_at"),
        Range("surveys.responses", "nps_score", 0, 10),
        Range("surveys.responses", "csat_score", 1, 5),
        Range("surveys.responses", "ces_score", 1, 7),
        After("surveys.responses", "responded_at", "started_at"),
        Range("reviews.reviews", "rating", 1, 5),
        After("reviews.reviews", "replied_at", "posted_at"),
    ];

    /// <summary>Every rule of a stream: the declared ones, then time bounds on each of its timestamps and dates.</summary>
    public static IReadOnlyList<DomainRule> For(CanonicalStream stream)
    {
        var rules = s_declared.Where(r => r.Stream == stream.Name).ToList();
        foreach (var field in stream.Fields.Where(f => f.Type is FieldType.Timestamp or FieldType.Date))
        {
            if (field.Type == FieldType.Timestamp && !s_mayBeFuture.Contains($"{stream.Name}.{field.Name}"))
            {
                rules.Add(new DomainRule($"{field.Name}_not_in_future", stream.Name, field.Name, RuleKind.NotFuture,
                    $"{field.Name} is not after the run's time plus the tolerance")
                {
                    When = s_futureOnlyWhen.GetValueOrDefault($"{stream.Name}.{field.Name}"),
                });
            }
            rules.Add(new DomainRule($"{field.Name}_not_before_earliest", stream.Name, field.Name, RuleKind.NotBefore,
                $"{field.Name} is not before the earliest plausible date"));
        }
        return rules;
    }

    /// <summary>An id field (a record's own id or a reference to another's), where placeholders mean "none".</summary>
    public static bool IsIdField(CanonicalField field) =>
        field.Type == FieldType.Text
        && (field.Name.EndsWith("_id", StringComparison.Ordinal) || field.Name == "agent")
        && field.Name is not ("location_id" or "user_pseudo_id");
}
