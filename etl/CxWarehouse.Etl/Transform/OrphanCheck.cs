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

    /// <summary>Counts every relation's orphans, records them under the run and refreshes audit.orphan_rows.</summary>
    public static IReadOnlyList<OrphanResult> Run(DbConnection db, string runId, OrphanSettings settings)
    {
        DuckDb.Execute(db, """
            CREATE TABLE IF NOT EXISTS audit.orphans (run_id VARCHAR, relation VARCHAR, child VARCHAR, parent VARCHAR,
                rows_checked BIGINT, orphans BIGINT, percent DOUBLE, status VARCHAR, message VARCHAR)
            """);
        var results = new List<OrphanResult>();
        var rowQueries = new List<string>();
        foreach (var r in Relations)
        {
            var field = SqlText.Identifier(r.Field);
            var parentField = SqlText.Identifier(r.ParentField);
            var missing = $"NOT EXISTS (SELECT 1 FROM {Table(r.Parent)} AS parent WHERE parent.{parentField} = child.{field})";
            var rows = DuckDb.Scalar<long>(db, $"SELECT count(*) FROM {Referring(r)}");
            var parents = DuckDb.Scalar<long>(db, $"SELECT count(*) FROM {Table(r.Parent)}");
            OrphanResult result;
            if (rows == 0 || parents == 0)
            {
                var why = rows == 0 ? $"no {r.Child} rows with a {r.Field}" : $"no {r.Parent} data";
                result = new OrphanResult(r.Name, r.Child, r.Parent, rows, 0, null, OrphanStatus.NotChecked, $"not checked: {why}");
            }
            else
            {
                var orphans = DuckDb.Scalar<long>(db, $"SELECT count(*) FROM {Referring(r)} AND {missing}");
                var percent = Math.Round(100.0 * orphans / rows, 2);
                var warn = orphans > 0 && percent > settings.WarnPercent;
                result = new OrphanResult(r.Name, r.Child, r.Parent, rows, orphans, percent, warn ? OrphanStatus.Warn : OrphanStatus.Ok,
                    string.Create(CultureInfo.InvariantCulture,
                        $"{orphans} of {rows} {r.Child} rows: {r.Field} not found in {r.Parent} ({percent:0.##}%)")
                    + (warn
                        ? string.Create(CultureInfo.InvariantCulture,
                            $", above the threshold of {settings.WarnPercent:0.##}% (quality.orphan_warn_percent)")
                        : ""));
                rowQueries.Add($"""
                    SELECT {SqlText.Literal(r.Name)} AS relation, {SqlText.Literal(r.Child)} AS child,
                        child._source AS source, CAST(child.{SqlText.Identifier(r.Key)} AS VARCHAR) AS child_key,
                        {SqlText.Literal(r.Field)} AS field, CAST(child.{field} AS VARCHAR) AS reference,
                        {SqlText.Literal(r.Parent)} AS parent
                    FROM {Referring(r)} AND {missing}
                    """);
            }
            results.Add(result);
            DuckDb.Execute(db, "DELETE FROM audit.orphans WHERE run_id = $1 AND relation = $2", runId, r.Name);
            DuckDb.Execute(db, "INSERT INTO audit.orphans VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", runId, r.Name,
                r.Child, r.Parent, result.Rows, result.Orphans, result.Percent, result.Status.Spelled(), result.Message);
        }
        DuckDb.Execute(db, "CREATE OR REPLACE VIEW audit.orphan_rows AS\n" + (rowQueries.Count > 0
            ? string.Join("\nUNION ALL\n", rowQueries)
            : """
              SELECT CAST(NULL AS VARCHAR) AS relation, CAST(NULL AS VARCHAR) AS child, CAST(NULL AS VARCHAR) AS source,
                  CAST(NULL AS VARCHAR) AS child_key, CAST(NULL AS VARCHAR) AS field, CAST(NULL AS VARCHAR) AS reference,
                  CAST(NULL AS VARCHAR) AS parent WHERE false
              """));
        return results;
    }
}
