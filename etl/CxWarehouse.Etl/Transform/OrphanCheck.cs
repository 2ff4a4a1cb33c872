using System.Data.Common;
using System.Globalization;
using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Extract;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Transform;

/// <summary>
/// A reference from one stream's rows to another's (or to the locations seed): an order's customer, a survey
/// response's order, ticket or call, a ticket's customer, a review's location.
/// </summary>
/// <param name="Name">The relation's name in audit.orphans, run_results.json and the reports.</param>
/// <param name="Child">The referring stream.</param>
/// <param name="Key">The referring stream's primary key, to name each orphan.</param>
/// <param name="Field">The referring field.</param>
/// <param name="Parent">The stream (or <c>seeds.locations</c>) referred to.</param>
/// <param name="ParentField">The field referred to.</param>
/// <param name="When">The rows the relation applies to, besides a non-null reference.</param>
public sealed record Relation(string Name, string Child, string Key, string Field, string Parent, string ParentField,
    string? When = null);

/// <summary>
/// One relation's orphans in one run: rows of <c>Child</c> with a reference, how many name nothing in
/// <c>Parent</c> and their share; <c>Status</c> is ok, warn (above the threshold) or not_checked (one side has no
/// rows), and <c>Message</c> says so in words.
/// </summary>
public sealed record OrphanResult(string Relation, string Child, string Parent, long Rows, long Orphans, double? Percent,
    OrphanStatus Status, string Message);

/// <summary>
/// Counts orphans (reliability.md item 33): rows whose reference names no row of the stream it refers to. They are
/// loaded (the reference may arrive in a later delivery) and kept: <c>audit.orphan_rows</c> lists them, and every
/// run's counts are appended to <c>audit.orphans</c>; a relation above the threshold is warned about.
/// </summary>
public static class OrphanCheck
{
    private const string OwnReviews = "child._source NOT IN (SELECT name FROM config.sources WHERE competitor IS NOT NULL)";

    /// <summary>Every relation between streams, declared once.</summary>
    public static readonly IReadOnlyList<Relation> Relations =
    [
        new("order_customer", "crm.orders", "order_id", "customer_id", "crm.customers", "customer_id"),
        new("ticket_customer", "crm.tickets", "ticket_id", "customer_id", "crm.customers", "customer_id"),
        new("loyalty_customer", "crm.loyalty", "member_id", "customer_id", "crm.customers", "customer_id"),
        new("response_customer", "surveys.responses", "response_id", "customer_id", "crm.customers", "customer_id"),
        new("response_order", "surveys.responses", "response_id", "touchpoint_id", "crm.orders", "order_id",
            "lower(touchpoint_type) = 'order'"),
        new("response_ticket", "surveys.responses", "response_id", "touchpoint_id", "crm.tickets", "ticket_id",
            "lower(touchpoint_type) = 'ticket'"),
        new("response_call", "surveys.responses", "response_id", "touchpoint_id", "calls.calls", "call_id",
            "lower(touchpoint_type) = 'call'"),
        // A competitor's reviews name the competitor's own orders and places, never ours.
        new("review_order", "reviews.reviews", "review_id", "order_id", "crm.orders", "order_id", OwnReviews),
        new("review_location", "reviews.reviews", "review_id", "location_id", "seeds.locations", "location_id", OwnReviews),
    ];

    private static string Table(string stream) =>
        stream.StartsWith("seeds.", StringComparison.Ordinal) ? stream : $"raw.{StreamCatalog.Get(stream).RawView}";

    private static string Referring(Relation r) =>
        $"{Table(r.Child)} AS child WHERE child.{SqlText.Identifier(r.Field)} IS NOT NULL"
        + (r.When is null ? "" : $" AND ({r.When})");

    /// <summary>The check's statements, in <c>etl/CxWarehouse.Etl/Sql/transform/orphan_check.sql</c>.</summary>
    private const string Statements = "transform/orphan_check.sql";

    /// <summary>Counts every relation's orphans, records them under the run and refreshes audit.orphan_rows.</summary>
    public static IReadOnlyList<OrphanResult> Run(DbConnection db, string runId, OrphanSettings settings)
    {
        DuckDb.Execute(db, SqlResources.Get(Statements, "table"));
        var results = new List<OrphanResult>();
        var rowQueries = new List<string>();
        foreach (var r in Relations)
        {
            (string, string)[] match =
            [
                ("referring", Referring(r)), ("parent", Table(r.Parent)),
                ("parent_field", SqlText.Identifier(r.ParentField)), ("field", SqlText.Identifier(r.Field)),
            ];
            var counts = DuckDb.Rows(db, SqlResources.Get(Statements, "counts", match)).Single();
            var (rows, orphans, parents) = (Convert.ToInt64(counts[0], CultureInfo.InvariantCulture),
                Convert.ToInt64(counts[1], CultureInfo.InvariantCulture), Convert.ToInt64(counts[2], CultureInfo.InvariantCulture));
            OrphanResult result;
            if (rows == 0 || parents == 0)
            {
                var why = rows == 0 ? $"no {r.Child} rows with a {r.Field}" : $"no {r.Parent} data";
                result = new OrphanResult(r.Name, r.Child, r.Parent, rows, 0, null, OrphanStatus.NotChecked, $"not checked: {why}");
            }
            else
            {
                var percent = Math.Round(100.0 * orphans / rows, 2);
                var warn = orphans > 0 && percent > settings.WarnPercent;
                result = new OrphanResult(r.Name, r.Child, r.Parent, rows, orphans, percent, warn ? OrphanStatus.Warn : OrphanStatus.Ok,
                    string.Create(CultureInfo.InvariantCulture,
                        $"{orphans} of {rows} {r.Child} rows: {r.Field} not found in {r.Parent} ({percent:0.##}%)")
                    + (warn
                        ? string.Create(CultureInfo.InvariantCulture,
                            $", above the threshold of {settings.WarnPercent:0.##}% (quality.orphan_warn_percent)")
                        : ""));
                rowQueries.Add(SqlResources.Get(Statements, "orphan_rows",
                [
                    .. match, ("relation_name", SqlText.Literal(r.Name)), ("child_name", SqlText.Literal(r.Child)),
                    ("key", SqlText.Identifier(r.Key)), ("field_name", SqlText.Literal(r.Field)),
                    ("parent_name", SqlText.Literal(r.Parent)),
                ]));
            }
            results.Add(result);
            DuckDb.Execute(db, SqlResources.Get(Statements, "delete_result"), runId, r.Name);
            DuckDb.Execute(db, SqlResources.Get(Statements, "insert_result"), runId, r.Name,
                r.Child, r.Parent, result.Rows, result.Orphans, result.Percent, result.Status.Spelled(), result.Message);
        }
        var union = rowQueries.Count > 0
            ? string.Join("\nUNION ALL\n", rowQueries)
            : SqlResources.Get(Statements, "no_orphan_rows");
        DuckDb.Execute(db, SqlResources.Get(Statements, "view", ("rows", union)));
        return results;
    }
}
