using CxWarehouse.Etl.Tests.Support;

namespace CxWarehouse.Etl.Tests.Kpis;

/// <summary>
/// Call and ticket KPIs computed by hand on a few records and compared with marts.kpi_values: service level with
/// short abandons, abandonment, ASA, AHT, first contact resolution with repeat contacts, first response and
/// resolution medians, complaint rate. Week 2026-W45 starts on Monday 2026-11-02.
/// </summary>
public sealed class ServiceKpiTests : IDisposable
{
    private readonly ModelFixture _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    private void Call(string id, string at, bool answered, double? queue, double? talk = null, double? hold = null,
        double? acw = null, string? agent = null, bool? resolved = null, string direction = "inbound", string? phone = null,
        string location = "LDN")
    {
        _warehouse.Insert("calls__calls", $"""
            SELECT '{id}' AS call_id, TIMESTAMPTZ '{at}' AS initiated_at, '{direction}' AS direction, {answered} AS is_answered,
                {N(queue)}::DOUBLE AS queue_s, {N(talk)}::DOUBLE AS talk_s, {N(hold)}::DOUBLE AS hold_s, {N(acw)}::DOUBLE AS acw_s,
                {S(agent)} AS agent, {(resolved is null ? "NULL" : resolved.Value ? "true" : "false")}::BOOLEAN AS is_resolved,
                {S(phone)} AS customer_phone, '{location}' AS location_id
            """);
    }

    private void Ticket(string id, string customer, string created, string? responded, string? resolved,
        bool complaint = false, string channel = "email")
    {
        _warehouse.Insert("crm__tickets", $"""
            SELECT '{id}' AS ticket_id, '{customer}' AS customer_id, TIMESTAMPTZ '{created}' AS created_at,
                {T(responded)} AS first_response_at, {T(resolved)} AS resolved_at, '{channel}' AS channel,
                {complaint} AS is_complaint, 'LDN' AS location_id
            """);
    }

    private void Customer(string id, string phone) => _warehouse.Insert("crm__customers", $"""
        SELECT '{id}' AS customer_id, '{phone}' AS phone, 'x{id}@example.com' AS email, 'LDN' AS location_id,
            TIMESTAMPTZ '2026-01-01 00:00:00+00' AS created_at, TIMESTAMPTZ '2026-01-01 00:00:00+00' AS updated_at
        """);

    private void Order(string id, string customer, string at) => _warehouse.Insert("crm__orders", $"""
        SELECT '{id}' AS order_id, '{customer}' AS customer_id, TIMESTAMPTZ '{at}' AS ordered_at, true AS is_won,
            100.0 AS amount, 'GBP' AS currency, 'LDN' AS location_id
        """);

    private static string N(double? v) => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL";

    private static string S(string? v) => v is null ? "NULL" : $"'{v}'";

    private static string T(string? v) => v is null ? "NULL::TIMESTAMPTZ" : $"TIMESTAMPTZ '{v}'";

    [Fact]
    public void CallKpis_ShortAbandonsLeaveTheDenominator_AnsweredAtTheThresholdCounts()
    {
        Call("c1", "2026-11-02 09:00:00+00", true, 10, 100, 20, 30, agent: "Ann", resolved: true);
        Call("c2", "2026-11-02 10:00:00+00", true, 30, 200, 0, 0, agent: "bob", resolved: false);
        Call("c3", "2026-11-03 10:00:00+00", false, 3);            // short abandon (< 5 s): out of both counts
        Call("c4", "2026-11-03 11:00:00+00", false, 40);           // abandoned
        Call("c5", "2026-11-04 11:00:00+00", false, null);         // abandoned, wait not recorded: never short
        Call("c6", "2026-11-05 11:00:00+00", true, 20, 60, agent: "ann"); // exactly 20 s is within; resolution, hold
                                                                          // and after-call work unrecorded
        Call("c7", "2026-11-05 12:00:00+00", true, 0, 500, direction: "outbound"); // not an offered call

        _warehouse.Build();

        Assert.Equal(40.0, _warehouse.Kpi("service_level", "week", "2026-11-02")!.Value); // c1, c6 of c1 c2 c4 c5 c6
        Assert.Equal(5, _warehouse.Kpi("service_level", "week", "2026-11-02")!.N);
        Assert.Equal(40.0, _warehouse.Kpi("abandonment_rate", "week", "2026-11-02")!.Value); // c4, c5
        Assert.Equal(20.0, _warehouse.Kpi("asa_s", "week", "2026-11-02")!.Value);           // (10 + 30 + 20) / 3
        // Unknown is not zero: c6's hold and after-call work are unrecorded, so its handle time is unknown, not 60 s.
        Assert.Equal(175.0, _warehouse.Kpi("aht_s", "week", "2026-11-02")!.Value!.Value, 9); // (150 + 200) / 2
        Assert.Equal(2, _warehouse.Kpi("aht_s", "week", "2026-11-02")!.N);
        Assert.Equal(200.0 / 3, _warehouse.Kpi("fcr", "week", "2026-11-02")!.Value!.Value, 9);   // c1 and c6 of 3 answered
        Assert.Equal(100.0, _warehouse.Kpi("service_level", "week", "2026-11-02", "agent", "ann")!.Value);
        Assert.Equal(200.0, _warehouse.Kpi("aht_s", "week", "2026-11-02", "agent", "bob")!.Value);
        Assert.Equal(0.0, _warehouse.Kpi("fcr", "week", "2026-11-02", "agent", "bob")!.Value);
        Assert.True(_warehouse.Kpi("service_level", "week", "2026-11-02")!.IsLowSample); // 5 < 30
    }

    [Fact]
    public void CallKpis_OnlyShortAbandons_GiveNoServiceLevel()
    {
        Call("c1", "2026-11-02 09:00:00+00", false, 1);
        Call("c2", "2026-11-02 09:05:00+00", false, 4.9);

        _warehouse.Build();

        Assert.Null(_warehouse.Kpi("service_level", "week", "2026-11-02"));
        Assert.Null(_warehouse.Kpi("abandonment_rate", "week", "2026-11-02"));
        Assert.Null(_warehouse.Kpi("asa_s", "week", "2026-11-02"));
    }

    [Fact]
    public void Fcr_RepeatContactWithinTheWindowUndoesTheResolution_AcrossCallsAndTickets()
    {
        Customer("A", "+44 20 7946 0001");
        Customer("B", "+44 20 7946 0002");
        Customer("C", "+44 20 7946 0003");
        // A calls (resolved), then writes a ticket 3 days later: the call was not resolved at first contact.
        Call("c1", "2026-11-02 09:00:00+00", true, 5, 60, resolved: true, phone: "+44 20 7946 0001");
        Ticket("t1", "A", "2026-11-05 09:00:00+00", "2026-11-05 10:00:00+00", "2026-11-05 12:00:00+00");
        // B: a resolved ticket, and the next contact 8 days later is outside the 7-day window.
        Ticket("t2", "B", "2026-11-03 09:00:00+00", "2026-11-03 09:30:00+00", "2026-11-03 11:00:00+00");
        Ticket("t3", "B", "2026-11-11 09:00:00+00", null, null);
        // C: still open, not resolved.
        Ticket("t4", "C", "2026-11-04 09:00:00+00", "2026-11-04 13:00:00+00", null);

        _warehouse.Build();

        var week = _warehouse.Kpi("fcr", "week", "2026-11-02")!;
        // Week 45 contacts: c1 (repeat), t1 (resolved, no repeat), t2 (resolved; t3 is 8 days on), t4 (open).
        Assert.Equal((2.0, 4.0), (week.Numerator!.Value, week.Denominator!.Value));
        Assert.Equal(50.0, week.Value);
        Assert.Equal(0.0, _warehouse.Kpi("fcr", "week", "2026-11-09")!.Value); // t3: open
        Assert.Equal(0.0, _warehouse.Kpi("fcr", "week", "2026-11-02", "channel", "phone")!.Value);
    }

    [Fact]
    public void TicketKpis_MediansOfRespondedAndResolvedTickets()
    {
        Ticket("t1", "A", "2026-11-02 09:00:00+00", "2026-11-02 09:10:00+00", "2026-11-02 11:00:00+00");
        Ticket("t2", "A", "2026-11-02 10:00:00+00", "2026-11-02 10:30:00+00", "2026-11-03 10:00:00+00", complaint: true);
        Ticket("t3", "A", "2026-11-03 10:00:00+00", "2026-11-03 12:00:00+00", null, complaint: true);
        Ticket("t4", "A", "2026-11-04 10:00:00+00", null, null, channel: "chat");
        Order("o1", "A", "2026-11-02 12:00:00+00");
        Order("o2", "A", "2026-11-03 12:00:00+00");
        Order("o3", "A", "2026-11-04 12:00:00+00");
        Order("o4", "A", "2026-11-05 12:00:00+00");

        _warehouse.Build();

        var response = _warehouse.Kpi("first_response_min", "week", "2026-11-02")!;
        Assert.Equal((30.0, 3L), (response.Value!.Value, response.N)); // median of 10, 30, 120; t4 unanswered
        Assert.Equal(13.0, _warehouse.Kpi("resolution_h", "week", "2026-11-02")!.Value); // median of 2 and 24
        Assert.Equal(24.0, _warehouse.Kpi("complaint_resolution_h", "week", "2026-11-02")!.Value);
        Assert.Equal(500.0, _warehouse.Kpi("complaint_rate", "week", "2026-11-02")!.Value); // 1000 * 2 / 4
        Assert.Null(_warehouse.Kpi("first_response_min", "week", "2026-11-02", "channel", "chat"));
    }

    [Fact]
    public void SlaAttainment_AnsweredInTime_LateOrPastDueMiss_NotYetDueLeftOut()
    {
        using var warehouse = new ModelFixture("""
            service:
              sla:
                email: { first_response: 1h, clock: calendar }
                chat: { first_response: 15m, clock: calendar }
            """);
        void Ticket(string id, string channel, string created, string? responded) => warehouse.Insert("crm__tickets", $"""
            SELECT '{id}' AS ticket_id, TIMESTAMPTZ '{created}' AS created_at, {T(responded)} AS first_response_at,
                '{channel}' AS channel, 'LDN' AS location_id
            """);
        Ticket("t1", "email", "2026-11-02 09:00:00+00", "2026-11-02 09:30:00+00"); // met
        Ticket("t2", "email", "2026-11-02 10:00:00+00", "2026-11-02 12:00:00+00"); // missed
        Ticket("t3", "email", "2026-11-03 10:00:00+00", "2026-11-03 11:00:00+00"); // exactly at due: met
        Ticket("t4", "chat", "2026-11-04 10:00:00+00", null);                      // unanswered, past due: missed
        Ticket("t5", "social", "2026-11-04 10:00:00+00", "2026-11-05 10:00:00+00"); // no target: left out
        Ticket("t6", "email", "2026-11-05 09:45:00+00", null);                     // the as-of time is 10:00: not yet due
        Ticket("t7", "chat", "2026-11-05 09:55:00+00", "2026-11-05 10:00:00+00");   // met; sets the as-of time

        warehouse.Build();

        var week = warehouse.Kpi("sla_attainment", "week", "2026-11-02")!;
        Assert.Equal((3.0, 5.0), (week.Numerator!.Value, week.Denominator!.Value)); // t1 t3 t7 of t1 t2 t3 t4 t7
        Assert.Equal(200.0 / 3, warehouse.Kpi("sla_attainment", "week", "2026-11-02", "channel", "email")!.Value!.Value, 9); // t1 t3 of t1 t2 t3
        Assert.Equal(50.0, warehouse.Kpi("sla_attainment", "week", "2026-11-02", "channel", "chat")!.Value);
        Assert.Null(warehouse.Kpi("sla_attainment", "week", "2026-11-02", "channel", "social"));
    }

    [Fact]
    public void BusinessHourKpis_CountOnlyOpeningHours_HolidaysClosed()
    {
        // Default hours Mon-Fri 09:00-17:00 in London (GMT in November); 2026-11-06 (Friday) a holiday.
        using var warehouse = new ModelFixture("""
            service:
              holidays:
                - { date: 2026-11-06, name: Studio day off }
            """);
        void Ticket(string id, string created, string responded, string resolved) => warehouse.Insert("crm__tickets", $"""
            SELECT '{id}' AS ticket_id, TIMESTAMPTZ '{created}' AS created_at, TIMESTAMPTZ '{responded}' AS first_response_at,
                TIMESTAMPTZ '{resolved}' AS resolved_at, 'email' AS channel, 'LDN' AS location_id
            """);
        // Thursday 16:30 -> Monday 09:30: 30 min Thursday, Friday closed (holiday), weekend closed, 30 min Monday.
        Ticket("t1", "2026-11-05 16:30:00+00", "2026-11-09 09:30:00+00", "2026-11-09 11:00:00+00");
        // Monday 08:00 (before opening) -> 09:10 and resolved 13:00: 10 min, 4 h.
        Ticket("t2", "2026-11-02 08:00:00+00", "2026-11-02 09:10:00+00", "2026-11-02 13:00:00+00");
        // Tuesday 10:00 -> 10:20, resolved Wednesday 10:00: 20 min, 8 h.
        Ticket("t3", "2026-11-03 10:00:00+00", "2026-11-03 10:20:00+00", "2026-11-04 10:00:00+00");

        warehouse.Build();

        Assert.Equal(20.0, warehouse.Kpi("first_response_business_min", "week", "2026-11-02")!.Value); // median 60, 10, 20
        Assert.Equal(4.0, warehouse.Kpi("resolution_business_h", "week", "2026-11-02")!.Value);      // median 2.5, 4, 8
        Assert.Equal(70.0, warehouse.Kpi("first_response_min", "week", "2026-11-02")!.Value);         // calendar: 5340, 70, 20
    }

    [Fact]
    public void ComplaintRate_ComplaintsWithoutOrders_HaveNoRate()
    {
        Ticket("t1", "A", "2026-11-02 09:00:00+00", null, null, complaint: true);

        _warehouse.Build();

        Assert.Null(_warehouse.Kpi("complaint_rate", "week", "2026-11-02"));
    }
}
