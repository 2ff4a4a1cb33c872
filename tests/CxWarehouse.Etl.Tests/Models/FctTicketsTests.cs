using CxWarehouse.Etl.Tests.Support;

namespace CxWarehouse.Etl.Tests.Models;

/// <summary>
/// Business-hours clocks and SLAs of core.fct_tickets, built by the real models from hand-written tickets, every
/// expected value worked out by hand below: the cases users of Zendesk's SLA reports keep raising (holidays,
/// clocks going forward and back, tickets spanning closed days, lunch breaks, a zone without DST).
/// </summary>
public sealed class FctTicketsTests(FctTicketsTests.Warehouse warehouse) : IClassFixture<FctTicketsTests.Warehouse>
{
    /// <summary>
    /// Default week Mon-Fri 09:00-18:00 and Sat 10:00-16:00; LDN (Europe/London) also open all Sunday; NYC
    /// (America/New_York) Mon-Fri 08:00-20:00 and Sunday 00:00-12:00; MAN (Europe/London) with a lunch break and
    /// closed on Saturday; SAO (America/Sao_Paulo) on the default week. The reporting zone, for tickets with no
    /// location or one the seed does not know, is UTC. In November London is on GMT, so local time = UTC there.
    /// </summary>
    public const string Service = """
        service:
          business_hours:
            mon-fri: "09:00-18:00"
            sat: "10:00-16:00"
          locations:
            LDN: { sun: "00:00-24:00" }
            NYC: { mon-fri: "08:00-20:00", sun: "00:00-12:00" }
            MAN: { mon-fri: "09:00-12:00, 13:00-17:00", sat: closed }
          holidays:
            - { date: 2026-12-25, name: Christmas Day }
            - { date: 2026-11-26, name: Thanksgiving, locations: [NYC] }
          sla:
            email: { first_response: 24h, clock: business }
            chat: { first_response: 2m, clock: calendar }
            social: { first_response: 1h }
        """;

    /// <summary>The tickets of every case, built once; the latest creation or response (the as-of) is D's.</summary>
    public sealed class Warehouse : IDisposable
    {
        public Warehouse()
        {
            Model = new ModelFixture(Service);
            foreach (var (id, location, channel, created, responded, resolved) in s_tickets)
            {
                Model.Insert("crm__tickets", $"""
                    SELECT '{id}' AS ticket_id, {Text(location)} AS location_id, '{channel}' AS channel,
                        TIMESTAMPTZ '{created}' AS created_at, {Instant(responded)} AS first_response_at,
                        {Instant(resolved)} AS resolved_at, 'open' AS status
                    """);
            }
            Model.Build();
        }

        public ModelFixture Model { get; }

        public void Dispose() => Model.Dispose();

        private static string Text(string? value) => value is null ? "NULL" : $"'{value}'";

        private static string Instant(string? value) => value is null ? "NULL::TIMESTAMPTZ" : $"TIMESTAMPTZ '{value}'";
    }

    private static readonly (string Id, string? Location, string Channel, string Created, string? Responded,
        string? Resolved)[] s_tickets =
    [
        ("A", "LDN", "web", "2026-11-03 10:00:00+00", "2026-11-03 10:45:00+00", "2026-11-03 15:00:00+00"),
        ("B", "LDN", "web", "2026-11-03 19:00:00+00", "2026-11-04 09:30:00+00", "2026-11-04 11:00:00+00"),
        ("C", null, "web", "2026-11-06 17:00:00+00", "2026-11-09 09:15:00+00", null),
        ("D", null, "web", "2026-12-24 17:30:00+00", "2026-12-28 09:10:00+00", null),
        ("E", null, "web", "2026-12-25 11:00:00+00", "2026-12-26 10:30:00+00", null),
        ("F", "NYC", "web", "2026-11-26 00:00:00+00", "2026-11-27 13:30:00+00", null),
        ("G", "LDN", "web", "2026-11-25 17:00:00+00", "2026-11-27 09:30:00+00", null),
        ("H", "LDN", "web", "2026-03-28 20:00:00+00", "2026-03-30 08:30:00+00", "2026-03-30 10:00:00+00"),
        ("I", "LDN", "web", "2026-10-24 19:00:00+00", "2026-10-26 09:30:00+00", null),
        ("J", "NYC", "web", "2026-03-07 17:00:00+00", "2026-03-09 13:00:00+00", null),
        ("K", "NYC", "web", "2026-10-31 16:00:00+00", "2026-11-02 14:00:00+00", null),
        ("L", "MAN", "web", "2026-11-03 11:30:00+00", "2026-11-03 13:30:00+00", null),
        ("M", "MAN", "web", "2026-11-06 16:30:00+00", "2026-11-09 09:30:00+00", null),
        ("N", "SAO", "web", "2026-11-03 11:00:00+00", "2026-11-03 12:30:00+00", null),
        ("O", "LDN", "web", "2026-11-03 19:00:00+00", "2026-11-03 20:00:00+00", null),
        ("P", "XYZ", "web", "2026-11-03 08:00:00+00", "2026-11-03 09:30:00+00", null),
        ("S1", null, "email", "2026-11-02 10:00:00+00", "2026-11-04 15:59:00+00", null),
        ("S2", null, "email", "2026-11-02 10:00:00+00", "2026-11-04 16:01:00+00", null),
        ("S3", null, "email", "2026-11-02 10:00:00+00", "2026-11-04 16:00:00+00", null),
        ("S4", null, "email", "2026-11-02 12:00:00+00", "2026-11-05 08:30:00+00", null),
        ("S5", null, "email", "2026-11-02 10:00:00+00", null, null),
        ("S6", null, "email", "2026-12-28 09:00:00+00", null, null),
        ("S7", null, "chat", "2026-11-07 20:00:00+00", "2026-11-07 20:01:30+00", null),
        ("S8", null, "chat", "2026-11-07 20:00:00+00", "2026-11-07 20:03:00+00", null),
        ("S9", null, "chat", "2026-11-07 20:00:00+00", null, null),
        ("S10", "LDN", "social", "2026-11-06 17:30:00+00", "2026-11-07 10:20:00+00", null),
        ("S11", "NYC", "social", "2026-11-01 05:30:00+00", "2026-11-01 06:20:00+00", null),
        ("S12", null, "chat", "2026-12-28 09:09:00+00", null, null),
    ];

    private (double? BusinessMin, double? CalendarMin, double? BusinessH, double? CalendarH) Clocks(string id)
    {
        var row = warehouse.Model.Rows("""
            SELECT first_response_business_min, first_response_min, resolution_business_h, resolution_h
            FROM core.fct_tickets WHERE ticket_id = $1
            """, id).Single();
        return ((double?)row[0], (double?)row[1], (double?)row[2], (double?)row[3]);
    }

    private (double? TargetMin, string? Clock, string? DueAt, bool? Met) Sla(string id)
    {
        var row = warehouse.Model.Rows("""
            SELECT sla_target_min, sla_clock, strftime(timezone('UTC', sla_due_at), '%Y-%m-%d %H:%M:%S'), is_sla_met
            FROM core.fct_tickets WHERE ticket_id = $1
            """, id).Single();
        return ((double?)row[0], (string?)row[1], (string?)row[2], (bool?)row[3]);
    }

    [Theory]
    // A: LDN Tue 10:00-10:45, all inside 09:00-18:00.
    [InlineData("A", 45.0, 45.0)]
    // B: LDN Tue 19:00 (after closing) to Wed 09:30: only Wednesday 09:00-09:30 is open; 14.5 h elapsed.
    [InlineData("B", 30.0, 870.0)]
    // C: no location (UTC, default week) Fri 17:00 to Mon 09:15: Fri 17-18 (60) + Sat 10-16 (360) + Sun closed
    //    + Mon 09:00-09:15 (15) = 435; 64 h 15 min elapsed.
    [InlineData("C", 435.0, 3855.0)]
    // D: no location Thu 24 Dec 17:30 to Mon 28 Dec 09:10: Thu 17:30-18 (30) + Christmas closed + Sat 26 10-16 (360)
    //    + Sun closed + Mon 09:00-09:10 (10) = 400; 3 days 15 h 40 min elapsed.
    [InlineData("D", 400.0, 5260.0)]
    // E: created on Christmas Day (closed all day) at 11:00, answered Sat 26 Dec 10:30: Sat 10:00-10:30 only.
    [InlineData("E", 30.0, 1410.0)]
    // F: NYC Wed 25 Nov 19:00 EST to Fri 27 Nov 08:30 EST: Wed 19-20 (60) + Thanksgiving closed + Fri 08:00-08:30 (30).
    [InlineData("F", 90.0, 2250.0)]
    // G: the same days in London, where Thanksgiving is no holiday: Wed 17-18 (60) + Thu 9 h (540) + Fri 09-09:30 (30).
    [InlineData("G", 630.0, 2430.0)]
    // H: LDN Sat 28 Mar 20:00 GMT to Mon 30 Mar 09:30 BST: Sunday 29 Mar, open 00:00-24:00 local, lasts 23 h as the
    //    clocks go forward (1380) + Mon 09:00-09:30 (30); a wall-clock count would say 24 h 30.
    [InlineData("H", 1410.0, 2190.0)]
    // I: LDN Sat 24 Oct 20:00 BST to Mon 26 Oct 09:30 GMT: Sunday 25 Oct lasts 25 h as they go back (1500) + 30.
    [InlineData("I", 1530.0, 2310.0)]
    // J: NYC Sat 7 Mar 12:00 EST to Mon 9 Mar 09:00 EDT: Sat 12-16 (240) + Sun 8 Mar 00:00-12:00 local, 11 h as the
    //    clocks go forward (660) + Mon 08-09 (60); 44 h elapsed.
    [InlineData("J", 960.0, 2640.0)]
    // K: NYC Sat 31 Oct 12:00 EDT to Mon 2 Nov 09:00 EST: 240 + Sun 1 Nov 00:00-12:00 local, 13 h (780) + 60.
    [InlineData("K", 1080.0, 2760.0)]
    // L: MAN Tue 11:30-13:30 with lunch 12:00-13:00 closed: 11:30-12 (30) + 13-13:30 (30).
    [InlineData("L", 60.0, 120.0)]
    // M: MAN Fri 16:30 to Mon 09:30, Manchester closed on Saturdays: Fri 16:30-17 (30) + Mon 09-09:30 (30).
    [InlineData("M", 60.0, 3900.0)]
    // N: SAO Tue 3 Nov 08:00 to 09:30 local (UTC-3 all year since 2019; the old rules had DST from 1 Nov): opens
    //    09:00 local = 12:00 UTC, so 30 open minutes of 90.
    [InlineData("N", 30.0, 90.0)]
    // O: LDN Tue 19:00-20:00, after closing: no business time at all.
    [InlineData("O", 0.0, 60.0)]
    // P: XYZ, not in the locations seed: the reporting zone (UTC) and the default week: 09:00-09:30 of 08:00-09:30.
    [InlineData("P", 30.0, 90.0)]
    public void FirstResponseBusinessMin_WorkedByHand(string id, double businessMin, double calendarMin)
    {
        var clocks = Clocks(id);

        Assert.Equal(businessMin, clocks.BusinessMin!.Value, 6);
        Assert.Equal(calendarMin, clocks.CalendarMin!.Value, 6);
    }

    [Theory]
    // A: Tue 10:00-15:00, inside hours: 5 h on both clocks.
    [InlineData("A", 5.0, 5.0)]
    // B: Tue 19:00 to Wed 11:00: 09:00-11:00 open (2 h) of 16 h.
    [InlineData("B", 2.0, 16.0)]
    // H: LDN Sat 28 Mar 20:00 to Mon 30 Mar 11:00 BST: the 23 h Sunday + Mon 09-11 (2 h) = 25 h; 38 h elapsed.
    [InlineData("H", 25.0, 38.0)]
    public void ResolutionBusinessH_WorkedByHand(string id, double businessH, double calendarH)
    {
        var clocks = Clocks(id);

        Assert.Equal(businessH, clocks.BusinessH!.Value, 6);
        Assert.Equal(calendarH, clocks.CalendarH!.Value, 6);
    }

    [Fact]
    public void Clocks_NoResponseOrResolutionYet_AreNull()
    {
        var clocks = Clocks("S5");

        Assert.Equal((null, null, null, null), clocks);
        Assert.Null(Clocks("C").BusinessH);
    }

    [Theory]
    // Email, 24 business hours from Mon 2 Nov 10:00 (UTC, 9 h weekdays): Mon 8 h + Tue 9 h + Wed 7 h -> Wed 16:00.
    [InlineData("S1", 1440.0, "business", "2026-11-04 16:00:00", true)]   // answered 15:59
    [InlineData("S2", 1440.0, "business", "2026-11-04 16:00:00", false)]  // answered 16:01
    [InlineData("S3", 1440.0, "business", "2026-11-04 16:00:00", true)]   // answered at the due minute
    // From Mon 12:00 the 24 h run out at Wednesday's closing; the clock stands still overnight, so the SLA falls due
    // when it starts again, Thu 09:00, and an answer at 08:30 (24 business hours exactly) is in time.
    [InlineData("S4", 1440.0, "business", "2026-11-05 09:00:00", true)]
    // No answer, and the data (as of Mon 28 Dec 09:10, D's answer) is long past the due time: missed.
    [InlineData("S5", 1440.0, "business", "2026-11-04 16:00:00", false)]
    // No answer, created Mon 28 Dec 09:00: Mon 9 h + Tue 9 h + Wed 6 h -> Wed 30 Dec 15:00, after the as-of (Mon 28
    // Dec 09:10): not yet due.
    [InlineData("S6", 1440.0, "business", "2026-12-30 15:00:00", null)]
    // Chat, 2 calendar minutes from Sat 20:00 (closed): due 20:02 whatever the hours.
    [InlineData("S7", 2.0, "calendar", "2026-11-07 20:02:00", true)]   // answered 20:01:30
    [InlineData("S8", 2.0, "calendar", "2026-11-07 20:02:00", false)]  // answered 20:03
    [InlineData("S9", 2.0, "calendar", "2026-11-07 20:02:00", false)]  // never answered, long past due
    // Never answered, created a minute before the as-of (Mon 28 Dec 09:10): due 09:11, not yet.
    [InlineData("S12", 2.0, "calendar", "2026-12-28 09:11:00", null)]
    // Social, 1 h on the business clock (the default): LDN Fri 17:30 -> 30 min Friday + Sat 10:00-10:30.
    [InlineData("S10", 60.0, "business", "2026-11-07 10:30:00", true)]
    // NYC Sun 1 Nov 01:30 EDT (05:30 UTC), open all night: 1 h later is 01:30 EST (06:30 UTC), the clocks having
    // gone back at 02:00 EDT; answered 06:20 UTC, 50 minutes in.
    [InlineData("S11", 60.0, "business", "2026-11-01 06:30:00", true)]
    // Web has no target: no clock, no due time, no verdict.
    [InlineData("C", null, null, null, null)]
    public void Sla_WorkedByHand(string id, double? targetMin, string? clock, string? dueAt, bool? met)
    {
        Assert.Equal((targetMin, clock, dueAt, met), Sla(id));
    }

    [Theory]
    [InlineData("S1", 1439.0)]
    [InlineData("S2", 1441.0)]
    [InlineData("S4", 1440.0)]
    [InlineData("S7", 0.0)] // Saturday evening: closed
    [InlineData("S11", 50.0)]
    public void FirstResponseBusinessMin_SlaTickets_MatchTheDueTimes(string id, double businessMin)
    {
        Assert.Equal(businessMin, Clocks(id).BusinessMin!.Value, 6);
    }

    [Theory]
    // Sunday 00:00-24:00 local: 23 h and 25 h in London on the days the clocks change.
    [InlineData("LDN", "2026-03-29", "2026-03-29 00:00:00", "2026-03-29 23:00:00")]
    [InlineData("LDN", "2026-10-25", "2026-10-24 23:00:00", "2026-10-26 00:00:00")]
    // Sunday 00:00-12:00 local: 11 h and 13 h in New York.
    [InlineData("NYC", "2026-03-08", "2026-03-08 05:00:00", "2026-03-08 16:00:00")]
    [InlineData("NYC", "2026-11-01", "2026-11-01 04:00:00", "2026-11-01 17:00:00")]
    // A weekday in BST, and Sao Paulo at UTC-3.
    [InlineData("LDN", "2026-03-30", "2026-03-30 08:00:00", "2026-03-30 17:00:00")]
    [InlineData("SAO", "2026-11-03", "2026-11-03 12:00:00", "2026-11-03 21:00:00")]
    public void BusinessIntervals_DstDays_AreCutFromLocalWallTimes(string location, string date, string opens,
        string closes)
    {
        var rows = warehouse.Model.Rows("""
            SELECT strftime(timezone('UTC', opens_at), '%Y-%m-%d %H:%M:%S'),
                strftime(timezone('UTC', closes_at), '%Y-%m-%d %H:%M:%S')
            FROM intermediate.int_business_intervals WHERE location_id = $1 AND local_date = CAST($2 AS DATE)
            """, location, date);

        Assert.Equal([(opens, closes)], rows.Select(r => ((string)r[0]!, (string)r[1]!)));
    }

    [Fact]
    public void BusinessIntervals_HolidaysAndClosedDays_HaveNone()
    {
        long Count(string? location, string date) => warehouse.Model.Scalar<long>("""
            SELECT count(*) FROM intermediate.int_business_intervals
            WHERE location_id IS NOT DISTINCT FROM $1 AND local_date = CAST($2 AS DATE)
            """, location, date);

        Assert.Equal(0, Count(null, "2026-12-25")); // Christmas, everywhere
        Assert.Equal(0, Count("LDN", "2026-12-25"));
        Assert.Equal(0, Count("NYC", "2026-11-26")); // Thanksgiving, New York only
        Assert.Equal(1, Count("LDN", "2026-11-26"));
        Assert.Equal(0, Count("MAN", "2026-11-07")); // Manchester's Saturday
        Assert.Equal(2, Count("MAN", "2026-11-06")); // morning and afternoon
        Assert.Equal(0, Count(null, "2026-11-08")); // Sunday in the default week
    }

    [Fact]
    public void Build_NoServiceSection_MondayToFridayNineToFiveAndNoSla()
    {
        using var model = new ModelFixture();
        // Fri 6 Nov 16:00 to Mon 9 Nov 09:30 UTC: Fri 16-17 (60) + weekend closed + Mon 09-09:30 (30).
        model.Insert("crm__tickets", """
            SELECT 'T' AS ticket_id, 'chat' AS channel, TIMESTAMPTZ '2026-11-06 16:00:00+00' AS created_at,
                TIMESTAMPTZ '2026-11-09 09:30:00+00' AS first_response_at
            """);

        model.Build();

        var row = model.Rows("""
            SELECT first_response_business_min, sla_target_min, sla_clock, sla_due_at, is_sla_met FROM core.fct_tickets
            """).Single();
        Assert.Equal(90.0, (double)row[0]!, 6);
        Assert.All(row[1..], Assert.Null);
        Assert.Equal(0, model.Scalar<long>("SELECT count(*) FROM config.sla_targets"));
    }

    [Fact]
    public void Build_NoTickets_EmptyCalendar()
    {
        using var model = new ModelFixture(Service);

        model.Build();

        Assert.Equal(0, model.Scalar<long>("SELECT count(*) FROM intermediate.int_business_intervals"));
        Assert.Equal(0, model.Scalar<long>("SELECT count(*) FROM core.fct_tickets"));
    }

    [Fact]
    public void ConfigTables_HoldTheServiceSection()
    {
        var model = warehouse.Model;

        Assert.Equal(3, model.Scalar<long>("SELECT count(*) FROM config.sla_targets"));
        Assert.Equal("calendar", model.Scalar<string>("SELECT clock FROM config.sla_targets WHERE channel = 'chat'"));
        Assert.Equal(2, model.Scalar<long>("SELECT count(*) FROM config.holidays"));
        Assert.Equal("NYC", model.Scalar<string>(
            "SELECT location_id FROM config.holidays WHERE holiday_date = DATE '2026-11-26'"));
        // The midnight that ends LDN's Sunday is stored as 00:00.
        Assert.Equal("00:00:00|00:00:00", model.Scalar<string>("""
            SELECT CAST(opens AS VARCHAR) || '|' || CAST(closes AS VARCHAR) FROM config.business_hours
            WHERE location_id = 'LDN' AND iso_weekday = 7
            """));
        Assert.Equal(1, model.Scalar<long>("""
            SELECT count(*) FROM config.business_hours WHERE location_id = 'MAN' AND iso_weekday = 6 AND opens IS NULL
            """)); // Manchester's Saturday, closed over the default
    }
}
