using CxWarehouse.Etl.Tests.Support;

namespace CxWarehouse.Etl.Tests.Kpis;

/// <summary>
/// Journey stages, the journey funnel, journey paths and cohort retention computed by hand on a few customers and
/// compared with core.fct_touchpoints, marts.journey_funnel, marts.journey_paths and marts.cohort_retention.
/// </summary>
/// <remarks>
/// The customers (reporting time zone UTC; ISO weeks start on Monday 2026-10-05 and 2026-10-12):
/// c1 visits the web (landing 10-05 10:00, package views 10-07 and 10-08), calls 10-09 09:00, buys by phone on
/// 10-10, calls again 10-20 09:00 (service) and buys again 11-15 (loyalty). c2 starts by buying in the studio on
/// 10-06, gives NPS 10 on 10-13 12:00 (loyalty, so service too) and then writes a ticket 10-14 (service).
/// c3 lands 10-05 12:00, asks for a quote 14:00, calls 10-08 12:00 and loses an opportunity: a non-buyer. c4 only
/// lands (10-12 08:00). c5 buys on the web on 11-02 (order dated 11-02, web purchase 10:05) and opens the gallery
/// 11-20 10:00 (service). c6 alternates six channels in September without buying (a long path). A caller no
/// customer matches rings on 2027-01-05, so the data runs to January 2027 and December and January have no orders.
/// </remarks>
public sealed class JourneyMartTests : IDisposable
{
    private const string Landing = "https://studio.example/en-gb/london/";

    private readonly ModelFixture _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    private void Customer(string id, string? email = null, string? phone = null) =>
        _warehouse.Insert("crm__customers", $"""
            SELECT '{id}' AS customer_id, 'First' AS first_name, '{id}' AS last_name, {Text(email)} AS email,
                {Text(phone)} AS phone, 'LDN' AS location_id, TIMESTAMPTZ '2026-01-01 00:00:00+00' AS created_at,
                TIMESTAMPTZ '2026-01-01 00:00:00+00' AS updated_at
            """);

    private void Web(string browser, string customerId, string at, string eventName, string page = Landing,
        string? transactionId = null) =>
        _warehouse.Insert("web__events", $"""
            SELECT '{browser}:{at}:{eventName}' AS event_key, TIMESTAMPTZ '{at}+00' AS event_at,
                '{eventName}' AS event_name, '{browser}' AS user_pseudo_id, '{customerId}' AS user_id,
                '{page}' AS page_location, {Text(transactionId)} AS transaction_id
            """);

    private void Order(string id, string customerId, string date, string channel, bool won = true) =>
        _warehouse.Insert("crm__orders", $"""
            SELECT '{id}' AS order_id, '{customerId}' AS customer_id, TIMESTAMPTZ '{date} 00:00:00+00' AS ordered_at,
                {(won ? "'Closed Won'" : "'Closed Lost'")} AS status, {(won ? "true" : "false")} AS is_won,
                100.0 AS amount, 'GBP' AS currency, 'LDN' AS location_id, '{channel}' AS channel,
                TIMESTAMPTZ '{date} 00:00:00+00' AS updated_at
            """);

    private void Call(string id, string phone, string at) =>
        _warehouse.Insert("calls__calls", $"""
            SELECT '{id}' AS call_id, TIMESTAMPTZ '{at}+00' AS initiated_at, 'voice' AS channel,
                'inbound' AS direction, '{phone}' AS customer_phone, 'LDN' AS location_id, true AS is_answered,
                5 AS queue_s, 120 AS talk_s, 0 AS hold_s, 10 AS acw_s, 'booking' AS topic
            """);

    private void Ticket(string id, string customerId, string at, string channel) =>
        _warehouse.Insert("crm__tickets", $"""
            SELECT '{id}' AS ticket_id, '{customerId}' AS customer_id, TIMESTAMPTZ '{at}+00' AS created_at,
                '{channel}' AS channel, 'question' AS ticket_type, 'LDN' AS location_id,
                TIMESTAMPTZ '{at}+00' AS updated_at
            """);

    private void Survey(string id, string email, string at, int nps) =>
        _warehouse.Insert("surveys__responses", $"""
            SELECT '{id}' AS response_id, TIMESTAMPTZ '{at}+00' AS responded_at, 'IP Address' AS status,
                true AS is_finished, '{email}' AS email, {nps}::INTEGER AS nps_score, 'LDN' AS location_id
            """);

    private static string Text(string? value) => value is null ? "NULL" : $"'{value}'";

    private void Journeys()
    {
        Customer("c1", phone: "+447700900001");
        Web("p1", "c1", "2026-10-05 10:00:00", "page_view");
        Web("p1", "c1", "2026-10-07 10:00:00", "view_item");
        Web("p1", "c1", "2026-10-08 10:00:00", "view_item");
        Call("k1", "+447700900001", "2026-10-09 09:00:00");
        Order("o1", "c1", "2026-10-10", "phone");
        Call("k2", "+447700900001", "2026-10-20 09:00:00");
        Order("o2", "c1", "2026-11-15", "studio");

        Customer("c2", email: "c2@example.com");
        Order("o3", "c2", "2026-10-06", "studio");
        Ticket("t1", "c2", "2026-10-14 00:00:00", "email");
        Survey("s1", "c2@example.com", "2026-10-13 12:00:00", 10);

        Customer("c3", phone: "+447700900003");
        Web("p3", "c3", "2026-10-05 12:00:00", "page_view");
        Web("p3", "c3", "2026-10-05 14:00:00", "generate_lead");
        Call("k3", "+447700900003", "2026-10-08 12:00:00");
        Order("o4", "c3", "2026-10-09", "phone", won: false);

        Customer("c4");
        Web("p4", "c4", "2026-10-12 08:00:00", "page_view");

        Customer("c5");
        Web("p5", "c5", "2026-11-02 10:00:00", "view_item");
        Web("p5", "c5", "2026-11-02 10:05:00", "purchase", transactionId: "o5");
        Order("o5", "c5", "2026-11-02", "web");
        Web("p5", "c5", "2026-11-20 10:00:00", "page_view", page: "https://studio.example/account/gallery");

        Customer("c6", phone: "+447700900006");
        Web("p6", "c6", "2026-09-01 10:00:00", "page_view");
        Call("k6a", "+447700900006", "2026-09-02 10:00:00");
        Web("p6", "c6", "2026-09-03 10:00:00", "view_item_list");
        Ticket("t6a", "c6", "2026-09-04 10:00:00", "email");
        Call("k6b", "+447700900006", "2026-09-05 10:00:00");
        Ticket("t6b", "c6", "2026-09-06 10:00:00", "chat");

        Call("k9", "+447700900999", "2027-01-05 10:00:00");
    }

    /// <summary>One group's funnel rows by stage: customers, reached_next, conversion, drop-off, median days.</summary>
    private Dictionary<string, (long Customers, long? ReachedNext, double? Conversion, double? DropOff, double? Median)>
        Funnel(string grain, string periodStart, string segment = "all", string channel = "all")
    {
        var rows = _warehouse.Rows("""
            SELECT stage, stage_order, customers, reached_next, conversion_pct, drop_off_pct, median_days_to_next
            FROM marts.journey_funnel
            WHERE period_grain = $1 AND period_start = CAST($2 AS DATE) AND segment = $3 AND channel = $4
            ORDER BY stage_order
            """, grain, periodStart, segment, channel);
        Assert.Equal(["awareness", "consideration", "purchase", "service", "loyalty"], rows.Select(r => (string)r[0]!));
        Assert.Equal([1, 2, 3, 4, 5], rows.Select(r => (int)r[1]!));
        return rows.ToDictionary(r => (string)r[0]!, r => ((long)r[2]!, r[3] as long?, r[4] as double?,
            r[5] as double?, r[6] as double?));
    }

    [Fact]
    public void FctTouchpoints_StageRules_FollowTheSpec()
    {
        Journeys();
        _warehouse.Build();

        var stages = _warehouse.Rows("""
            SELECT CASE WHEN touchpoint_type = 'web_session' THEN strftime(occurred_at, 'web %m-%d %H:%M')
                ELSE touchpoint_id END, journey_stage
            FROM core.fct_touchpoints
            """).ToDictionary(r => (string)r[0]!, r => (string)r[1]!);

        Assert.Equal("awareness", stages["web 10-05 10:00"]); // c1's first visit: a landing page only
        Assert.Equal("consideration", stages["web 10-07 10:00"]); // a package view
        Assert.Equal("consideration", stages["k1"]); // a call before the first order is an inquiry
        Assert.Equal("purchase", stages["o1"]);
        Assert.Equal("service", stages["k2"]); // a call after it is a support contact
        Assert.Equal("loyalty", stages["o2"]); // a repeat order
        Assert.Equal("purchase", stages["o3"]); // c2's journey starts with a studio purchase
        Assert.Equal("service", stages["t1"]);
        Assert.Equal("loyalty", stages["s1"]); // promoter score after buying
        Assert.Equal("consideration", stages["web 10-05 14:00"]); // c3 asks for a quote
        Assert.Equal("consideration", stages["k3"]);
        Assert.False(stages.ContainsKey("o4")); // a lost opportunity is no touchpoint
        Assert.Equal("purchase", stages["web 11-02 10:00"]); // c5's web purchase
        Assert.Equal("service", stages["web 11-20 10:00"]); // opening the delivered gallery
        Assert.Equal("consideration", stages["t6a"]); // c6 never bought: tickets are inquiries
        Assert.False(stages.ContainsKey("k9")); // a caller who is no customer
        // customer_360's stage is the furthest one reached.
        Assert.Equal(["c1=loyalty", "c2=loyalty", "c3=consideration", "c4=awareness", "c5=service", "c6=consideration"],
            _warehouse.Rows("SELECT last_name || '=' || journey_stage FROM marts.customer_360 ORDER BY last_name")
                .Select(r => (string)r[0]!));
    }

    [Fact]
    public void JourneyFunnel_MonthOfJourneyStart_CountsConversionsAndMedianDays()
    {
        Journeys();
        _warehouse.Build();

        // October starts: c1 (10-05), c2 (10-06), c3 (10-05), c4 (10-12). Reaching a stage implies the earlier ones:
        // c2 is aware and considering when it buys. Days to the next stage:
        // awareness -> consideration: c1 2.0, c2 0, c3 2h = 1/12; consideration -> purchase: c1 10-07 10:00 to
        // 10-10 = 2 + 14/24, c2 0; purchase -> service: c1 10 + 9/24, c2 7.5 (its promoter score implies service);
        // service -> loyalty: c1 25 + 15/24, c2 0.
        var october = Funnel("month", "2026-10-01");
        Assert.Equal((4L, 3L, 75.0, 25.0), Head(october["awareness"]));
        Assert.Equal(1.0 / 12, october["awareness"].Median!.Value, 9);
        Assert.Equal((3L, 2L), (october["consideration"].Customers, october["consideration"].ReachedNext!.Value));
        Assert.Equal(200.0 / 3, october["consideration"].Conversion!.Value, 9);
        Assert.Equal(100.0 / 3, october["consideration"].DropOff!.Value, 9);
        Assert.Equal((2 + 14.0 / 24) / 2, october["consideration"].Median!.Value, 9);
        Assert.Equal((2L, 2L, 100.0, 0.0), Head(october["purchase"]));
        Assert.Equal((10 + 9.0 / 24 + 7.5) / 2, october["purchase"].Median!.Value, 9);
        Assert.Equal((2L, 2L, 100.0, 0.0), Head(october["service"]));
        Assert.Equal((25 + 15.0 / 24 + 0) / 2, october["service"].Median!.Value, 9);
        Assert.Equal((2L, null, null, null, null), october["loyalty"]); // no next stage

        // November: c5 only; it reaches service (the gallery, 18 days 10 hours after the order) but not loyalty.
        var november = Funnel("month", "2026-11-01");
        Assert.Equal((1L, 1L, 100.0, 0.0), Head(november["awareness"]));
        Assert.Equal(18 + 10.0 / 24, november["purchase"].Median!.Value, 9);
        Assert.Equal((1L, 0L, 0.0, 100.0, null), november["service"]);
        Assert.Equal((0L, null, null, null, null), november["loyalty"]);

        // The two ISO weeks of October's starts.
        Assert.Equal([3L, 3L, 2L, 2L, 2L], Customers(Funnel("week", "2026-10-05")));
        Assert.Equal([1L, 0L, 0L, 0L, 0L], Customers(Funnel("week", "2026-10-12")));
        Assert.Equal(["2026-09-01", "2026-10-01", "2026-11-01"], _warehouse.Rows(
            "SELECT DISTINCT CAST(period_start AS VARCHAR) FROM marts.journey_funnel WHERE period_grain = 'month' "
            + "ORDER BY 1")
            .Select(r => (string)r[0]!));
    }

    private static IEnumerable<long> Customers(Dictionary<string, (long Customers, long? ReachedNext,
        double? Conversion, double? DropOff, double? Median)> funnel) => funnel.Values.Select(v => v.Customers);

    private static (long, long?, double?, double?) Head(
        (long Customers, long? ReachedNext, double? Conversion, double? DropOff, double? Median) row) =>
        (row.Customers, row.ReachedNext, row.Conversion, row.DropOff);

    [Fact]
    public void JourneyFunnel_SegmentsAndFirstTouchChannels_SplitTheCohort()
    {
        Journeys();
        _warehouse.Build();

        // First touch: c1, c3 and c4 on the web, c2 in the studio (its purchase).
        Assert.Equal([3L, 2L, 1L, 1L, 1L], Customers(Funnel("month", "2026-10-01", channel: "web")));
        Assert.Equal([1L, 1L, 1L, 1L, 1L], Customers(Funnel("month", "2026-10-01", channel: "studio")));

        // Customers without a won order are Prospects: c3 considers, c4 only lands; nobody to convert at purchase.
        var prospects = Funnel("month", "2026-10-01", segment: "Prospects");
        Assert.Equal([2L, 1L, 0L, 0L, 0L], Customers(prospects));
        Assert.Equal((1L, 0L, 0.0, 100.0), Head(prospects["consideration"]));
        Assert.Null(prospects["purchase"].Conversion);
        Assert.Equal([2L, 1L, 0L, 0L, 0L], Customers(Funnel("month", "2026-10-01", "Prospects", "web")));

        // The buyers' segments (customer_360's RFM segments) split the rest of the cohort.
        var segments = _warehouse.Rows("""
            SELECT segment, customers FROM marts.journey_funnel
            WHERE period_grain = 'month' AND period_start = DATE '2026-10-01' AND channel = 'all'
                AND stage = 'purchase' AND segment NOT IN ('all', 'Prospects')
            """);
        Assert.Equal(2L, segments.Sum(r => (long)r[1]!));
        Assert.All(segments, r => Assert.Contains((string)r[0]!,
            new[] { "Champions", "Loyal", "At risk", "Hibernating", "New", "Others", "Churned" }));
    }

    [Fact]
    public void JourneyPaths_StepsUpToFirstPurchaseOrWhereNonBuyersStop_CollapsedAndShortened()
    {
        Journeys();
        _warehouse.Build();

        var rows = _warehouse.Rows("""
            SELECT path_kind, path, steps, customers, share_pct, path_rank, last_stage, median_days
            FROM marts.journey_paths ORDER BY path_kind, path_rank
            """);
        Assert.Equal(6, rows.Count);
        // c1: the two package-view sessions collapse into one step; the purchase is the phone order of 10-10, and
        // the second order, the service call and the loyalty are after the path's end. 10-05 10:00 to 10-10 00:00.
        AssertPath(rows[0], "buyer", "awareness:web > consideration:web > consideration:phone > purchase:phone", 4, 1,
            "purchase", 4 + 14.0 / 24);
        AssertPath(rows[1], "buyer", "purchase:studio", 1, 2, "purchase", 0); // c2 starts at the purchase
        AssertPath(rows[2], "buyer", "purchase:web", 1, 3, "purchase", 0); // c5: the order, not its web session too
        AssertPath(rows[3], "non_buyer", "awareness:web", 1, 1, "awareness", 0); // c4
        AssertPath(rows[4], "non_buyer", "awareness:web > consideration:web > consideration:phone", 3, 2,
            "consideration", 3); // c3, 10-05 12:00 to 10-08 12:00
        // c6: six steps, written as the first and the last four.
        AssertPath(rows[5], "non_buyer",
            "awareness:web > … > consideration:web > consideration:email > consideration:phone > consideration:chat",
            6, 3, "consideration", 5);
        Assert.All(rows, r =>
        {
            Assert.Equal(1L, (long)r[3]!); // one customer each: a third of its kind
            Assert.Equal(100.0 / 3, (double)r[4]!, 9);
        });
    }

    private static void AssertPath(object?[] row, string kind, string path, int steps, int rank, string lastStage,
        double medianDays)
    {
        Assert.Equal((kind, path, steps, rank, lastStage), ((string)row[0]!, (string)row[1]!, (int)row[2]!,
            (int)row[5]!, (string)row[6]!));
        Assert.Equal(medianDays, (double)row[7]!, 9);
    }

    [Fact]
    public void JourneyPaths_MoreThanFiftyPaths_OtherPathsCarriesTheRest()
    {
        // 56 non-buyers with one inquiry each: two by channel ch00, the others each by their own channel ch01..ch54.
        _warehouse.Insert("crm__customers", """
            SELECT 'n' || lpad(CAST(i AS VARCHAR), 2, '0') AS customer_id, 'n' AS last_name,
                TIMESTAMPTZ '2026-01-01 00:00:00+00' AS updated_at FROM range(55) AS t(i)
            UNION ALL SELECT 'x00', 'x', TIMESTAMPTZ '2026-01-01 00:00:00+00'
            """);
        _warehouse.Insert("crm__tickets", """
            SELECT 't' || customer_id AS ticket_id, customer_id, TIMESTAMPTZ '2026-10-05 10:00:00+00' AS created_at,
                'ch' || right(customer_id, 2) AS channel, TIMESTAMPTZ '2026-10-05 10:00:00+00' AS updated_at
            FROM fixture.crm__customers
            """);
        _warehouse.Build();

        var rows = _warehouse.Rows("""
            SELECT path, steps, customers, share_pct, path_rank, last_stage FROM marts.journey_paths ORDER BY path_rank
            """);
        Assert.Equal(51, rows.Count);
        Assert.Equal(("consideration:ch00", 2L, 1), ((string)rows[0][0]!, (long)rows[0][2]!, (int)rows[0][4]!));
        Assert.Equal(("consideration:ch01", 2), ((string)rows[1][0]!, (int)rows[1][4]!)); // ties: by path text
        Assert.Equal(("consideration:ch49", 50), ((string)rows[49][0]!, (int)rows[49][4]!));
        var other = rows[50];
        Assert.Equal(("(other paths)", null, 5L, 51, "consideration"),
            ((string)other[0]!, other[1] as int?, (long)other[2]!, (int)other[4]!, (string)other[5]!));
        Assert.Equal(100.0 * 5 / 56, (double)other[3]!, 9);
        Assert.Equal(56L, rows.Sum(r => (long)r[2]!));
    }

    [Fact]
    public void CohortRetention_ByMonthOfFirstWonOrder_MonthsWithoutOrdersIncluded()
    {
        Journeys();
        _warehouse.Build();

        var matrix = _warehouse.Rows("""
            SELECT CAST(cohort_month AS VARCHAR), months_since, cohort_customers, active_customers, retention_pct
            FROM marts.cohort_retention ORDER BY cohort_month, months_since
            """).Select(r => ((string)r[0]!, (int)r[1]!, (long)r[2]!, (long)r[3]!, (double)r[4]!));

        // October: c1 and c2 (c3's lost opportunity makes no cohort); c1 buys again in November. November: c5. The
        // data runs to January 2027, so December and January appear with nobody active.
        Assert.Equal(
        [
            ("2026-10-01", 0, 2L, 2L, 100.0),
            ("2026-10-01", 1, 2L, 1L, 50.0),
            ("2026-10-01", 2, 2L, 0L, 0.0),
            ("2026-10-01", 3, 2L, 0L, 0.0),
            ("2026-11-01", 0, 1L, 1L, 100.0),
            ("2026-11-01", 1, 1L, 0L, 0.0),
            ("2026-11-01", 2, 1L, 0L, 0.0),
        ], matrix);
    }

    [Fact]
    public void JourneyMarts_EmptySources_BuildEmpty()
    {
        _warehouse.Build();

        foreach (var mart in new[] { "journey_funnel", "journey_paths", "cohort_retention" })
        {
            Assert.Equal(0L, _warehouse.Scalar<long>($"SELECT count(*) FROM marts.{mart}"));
        }
        Assert.Equal(0L, _warehouse.Scalar<long>("SELECT count(*) FROM core.fct_touchpoints"));
    }

    [Fact]
    public void JourneyMarts_SqlTests_PassOnTheHandWrittenJourneys()
    {
        Journeys();
        _warehouse.Build();

        foreach (var test in new[] { "assert_journey_funnel_never_rises", "assert_journey_paths_add_up",
                     "assert_cohort_retention_complete" })
        {
            var sql = File.ReadAllText(Path.Combine(ModelFixture.Sql, "tests", test + ".sql"));
            Assert.Empty(_warehouse.Rows(sql));
        }
        Assert.Equal(6L, _warehouse.Scalar<long>("SELECT count(DISTINCT customer_key) FROM core.fct_touchpoints"));
    }
}
