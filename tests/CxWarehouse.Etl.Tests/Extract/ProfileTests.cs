using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Extract;
using CxWarehouse.Etl.Load;
using CxWarehouse.Etl.Tests.Support;

namespace CxWarehouse.Etl.Tests.Extract;

/// <summary>The built-in profiles, each proven on a small export in the layout the real system writes.</summary>
public sealed class ProfileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private int _runs;

    private (StreamResult Result, Lake Lake) Run(string profile, string stream, string path, string? zone = null,
        char? decimalSeparator = null)
    {
        var lake = new Lake(Path.Combine(_folder.Path, "lake"));
        var input = new SourceInput
        {
            Name = "src",
            Kind = ProfileCatalog.Get(profile).Kind,
            Profile = profile,
            Mapping = ProfileCatalog.Get(profile),
            Path = Path.Combine(_folder.Path, path),
            TimeZone = zone,
            Decimal = decimalSeparator,
            Streams = [stream],
        };
        var extractor = new Extractor(lake, $"run{++_runs}", new WarehouseSettings { Threads = 1 });
        var (_, mapping) = extractor.Plan([input]).Single();
        return (extractor.Extract(input, mapping), lake);
    }

    private List<object?[]> Query(Lake lake, string sql) => LakeQuery.Rows(lake, _folder.Path, sql);

    private static void AssertCounts(StreamResult result, long read, long loaded, long quarantined, long deduplicated)
    {
        Assert.True(result.Status == StreamStatus.Ok, $"{result.Status}: {result.Message}");
        Assert.Equal(read, result.RowsRead);
        Assert.Equal(loaded, result.RowsLoaded);
        Assert.Equal(quarantined, result.RowsQuarantined);
        Assert.Equal(deduplicated, result.RowsDeduplicated);
        Assert.True(result.Reconciles);
    }

    [Fact]
    public void BuiltInProfiles_LoadAndMapEveryRequiredField()
    {
        var names = ProfileCatalog.Names.ToList();

        Assert.Contains("hubspot", names);
        Assert.Contains("zendesk", names);
        foreach (var name in names)
        {
            var profile = ProfileCatalog.Get(name);
            Assert.Equal(name, profile.Name);
            Assert.False(string.IsNullOrWhiteSpace(profile.Description), $"{name} has no description");
            Assert.NotEmpty(profile.Streams);
            foreach (var (streamName, mapping) in profile.Streams)
            {
                Assert.Equal(streamName, mapping.Stream.Name);
                Assert.Equal(profile.Kind, mapping.Stream.Kind);
                Assert.True(mapping.Reader.IsSql || mapping.Files.Length > 0, $"{name}/{streamName} reads no files");
                foreach (var field in mapping.Stream.Fields.Where(f => f.Required))
                {
                    Assert.True(mapping.Fields.ContainsKey(field.Name),
                        $"{name}/{streamName}: required field {field.Name} is not mapped");
                }
            }
        }
    }

    // HubSpot: label headers, local portal times (New York here), dated export names.

    [Fact]
    public void HubSpot_Contacts_AreReadFromDatedExports_InThePortalTimeZone()
    {
        // The default view plus Lifecycle Stage; Original Source, City and Country/Region are not exported.
        const string header = "\"Record ID\",\"First Name\",\"Last Name\",\"Email\",\"Phone Number\",\"Contact owner\","
            + "\"Lead Status\",\"Create Date\",\"Last Activity Date\",\"Lifecycle Stage\"\r\n";
        _folder.Write("hs/hubspot-crm-exports-all-contacts-2026-03-01.csv", header
            + "\"51\",\"Ana\",\"Silva\",\"ana@example.com\",\"+1 212 555 0101\",\"Jane Doe\",\"NEW\",\"2026-03-01 15:17\",\"2026-03-01 16:00\",\"lead\"\r\n"
            + "\"52\",\"Ben\",\"Okafor\",\"ben@example.com\",\"\",\"Jane Doe\",\"OPEN\",\"2026-01-10 09:05\",\"\",\"customer\"\r\n"
            + "\"53\",\"Cleo\",\"Marsh\",\"cleo@example.com\",\"\",\"\",\"\",\"03/01/2026 3:17 PM\",\"\",\"subscriber\"\r\n");
        // A later export of the same view: contact 51 again, updated.
        _folder.Write("hs/hubspot-crm-exports-all-contacts-2026-07-02.csv", header
            + "\"51\",\"Ana\",\"Silva-Reis\",\"ana@example.com\",\"+1 212 555 0101\",\"Jane Doe\",\"CONNECTED\",\"2026-03-01 15:17\",\"2026-07-01 09:00\",\"customer\"\r\n"
            + "\"54\",\"Dev\",\"Patel\",\"dev@example.com\",\"\",\"\",\"\",\"2026-07-01 09:00\",\"\",\"lead\"\r\n");
        // Another object's export in the same folder is not read as contacts.
        _folder.Write("hs/hubspot-crm-exports-all-deals-2026-03-01.csv", "\"Record ID\",\"Deal Name\"\r\n\"9\",\"x\"\r\n");

        var (result, lake) = Run("hubspot", "crm.customers", "hs", zone: "America/New_York");

        AssertCounts(result, read: 5, loaded: 3, quarantined: 1, deduplicated: 1);
        Assert.Equal(2, result.Files.Count);
        var rows = Query(lake, """
            SELECT customer_id, last_name, segment, lead_source, strftime(created_at, '%Y-%m-%d %H:%M'),
                strftime(updated_at, '%Y-%m-%d %H:%M')
            FROM data ORDER BY customer_id
            """);
        Assert.Equal(["51", "52", "54"], rows.Select(r => (string)r[0]!));
        // EST (UTC-5) in March, EDT (UTC-4) in July.
        Assert.Equal(["51", "Silva-Reis", "customer", null, "2026-03-01 20:17", "2026-07-01 13:00"], rows[0]);
        Assert.Equal("2026-01-10 14:05", rows[1][4]);
        Assert.Null(rows[1][5]);
        Assert.Equal("2026-07-01 13:00", rows[2][4]);
        var bad = Query(lake, "SELECT file, line, \"column\", reason FROM q").Single();
        Assert.Equal("hubspot-crm-exports-all-contacts-2026-03-01.csv", bad[0]);
        Assert.Equal(4L, Convert.ToInt64(bad[1]));
        Assert.Equal("Create Date", bad[2]);
        Assert.Contains("Create Date: cannot read '03/01/2026 3:17 PM' as a timestamp", (string)bad[3]!);
    }

    [Fact]
    public void HubSpot_Deals_MapStageToIsWon_AndCloseDateOrCreateDateToOrderedAt()
    {
        // The default deals view plus Associated Contact IDs; Currency and Last Activity Date are not exported.
        _folder.Write("hs/hubspot-crm-exports-all-deals-2026-03-15.csv",
            "\"Record ID\",\"Deal Name\",\"Deal Stage\",\"Amount\",\"Close Date\",\"Deal owner\",\"Pipeline\",\"Create Date\",\"Associated Contact IDs\"\r\n"
            + "\"9001\",\"Spring wedding\",\"Closed Won\",\"2500.50\",\"2026-03-10 14:00\",\"Jane Doe\",\"Sales Pipeline\",\"2026-02-01 10:00\",\"51\"\r\n"
            + "\"9002\",\"Family portrait\",\"Appointment Scheduled\",\"300\",\"\",\"Jane Doe\",\"Sales Pipeline\",\"2026-03-02 09:30\",\"52\"\r\n"
            + "\"9003\",\"Corporate headshots\",\"Closed Lost\",\"n/a\",\"2026-03-05 11:00\",\"Sam Lee\",\"Sales Pipeline\",\"2026-02-20 08:00\",\"53\"\r\n"
            + "\"9004\",\"Newborn session\",\"closedwon\",\"450\",\"2026-03-12 17:45\",\"Sam Lee\",\"Sales Pipeline\",\"2026-03-01 12:00\",\"\"\r\n"
            + "\"9005\",\"Engagement shoot\",\"Closed Lost\",\"800\",\"2026-03-11 10:00\",\"Sam Lee\",\"Sales Pipeline\",\"2026-03-03 12:00\",\"54\"\r\n");

        var (result, lake) = Run("hubspot", "crm.orders", "hs", zone: "America/New_York");

        AssertCounts(result, read: 5, loaded: 4, quarantined: 1, deduplicated: 0);
        var rows = Query(lake, """
            SELECT order_id, customer_id, status, is_won, amount, strftime(ordered_at, '%Y-%m-%d %H:%M'), currency
            FROM data ORDER BY order_id
            """);
        Assert.Equal(["9001", "9002", "9004", "9005"], rows.Select(r => (string)r[0]!));
        // 2026-03-10 is after the switch to EDT (UTC-4) on 8 March.
        Assert.Equal(["9001", "51", "Closed Won", true, 2500.50m, "2026-03-10 18:00", null], rows[0]);
        // An open deal without a close date is ordered when it was created (EST, UTC-5).
        Assert.Equal(["9002", "52", "Appointment Scheduled", false, 300m, "2026-03-02 14:30", null], rows[1]);
        Assert.Equal(true, rows[2][3]);
        Assert.Null(rows[2][1]);
        Assert.Equal(false, rows[3][3]);
        var bad = Query(lake, "SELECT line, \"column\", reason FROM q").Single();
        Assert.Equal(4L, Convert.ToInt64(bad[0]));
        Assert.Equal("Amount", bad[1]);
        Assert.Contains("Amount: cannot read 'n/a' as an amount", (string)bad[2]!);
    }

    [Theory]
    [InlineData("2026-03-10 14:00", "2026-03-10 18:00")]
    [InlineData("2026-03-10 14:00:00", "2026-03-10 18:00")]
    [InlineData("2026-03-10", "2026-03-10 04:00")]
    public void HubSpot_Deals_CloseDate_ToTheMinute_WithSeconds_OrTheDateAlone(string closeDate, string orderedUtc)
    {
        _folder.Write("hs/hubspot-crm-exports-all-deals-2026-03-15.csv",
            "\"Record ID\",\"Deal Name\",\"Deal Stage\",\"Amount\",\"Close Date\",\"Deal owner\",\"Pipeline\",\"Create Date\"\r\n"
            + $"\"9001\",\"Spring wedding\",\"Closed Won\",\"2500.50\",\"{closeDate}\",\"Jane Doe\",\"Sales Pipeline\",\"2026-02-01 10:00\"\r\n");

        var (result, lake) = Run("hubspot", "crm.orders", "hs", zone: "America/New_York");

        AssertCounts(result, read: 1, loaded: 1, quarantined: 0, deduplicated: 0);
        Assert.Equal(orderedUtc, Query(lake, "SELECT strftime(ordered_at, '%Y-%m-%d %H:%M') FROM data").Single()[0]);
    }

    [Theory]
    // A spreadsheet in a German locale writes the day first between points, to the minute, with seconds or alone.
    [InlineData("10.03.2026 14:00", "2026-03-10 18:00")]
    [InlineData("10.03.2026 14:00:00", "2026-03-10 18:00")]
    [InlineData("10.03.2026", "2026-03-10 04:00")]
    // A two-digit year is 2026, not the year 26 (which DuckDB's %Y would read).
    [InlineData("10.03.26 14:00", "2026-03-10 18:00")]
    // A day that does not exist is not moved to another: the row is quarantined.
    [InlineData("31.02.2026 14:00", null)]
    public void HubSpot_Deals_CloseDate_DayFirstBetweenPoints_IsRead_WithAFourOrTwoDigitYear(string closeDate, string? orderedUtc)
    {
        _folder.Write("hs/hubspot-crm-exports-all-deals-2026-03-15.csv",
            "Record ID;Deal Name;Deal Stage;Amount;Close Date;Deal owner;Pipeline;Create Date\r\n"
            + $"9001;Spring wedding;Closed Won;2500;{closeDate};Jane Doe;Sales Pipeline;01.02.2026 10:00\r\n"
            + "9002;Family portrait;Closed Won;300;2026-03-11 10:00;Jane Doe;Sales Pipeline;2026-02-01 10:00\r\n");

        var (result, lake) = Run("hubspot", "crm.orders", "hs", zone: "America/New_York");

        if (orderedUtc is null)
        {
            AssertCounts(result, read: 2, loaded: 1, quarantined: 1, deduplicated: 0);
            Assert.Contains($"cannot read '{closeDate}' as a timestamp", (string)Query(lake, "SELECT reason FROM q").Single()[0]!);
            return;
        }
        AssertCounts(result, read: 2, loaded: 2, quarantined: 0, deduplicated: 0);
        Assert.Equal(orderedUtc, Query(lake, "SELECT strftime(ordered_at, '%Y-%m-%d %H:%M') FROM data WHERE order_id = '9001'").Single()[0]);
    }

    [Fact]
    public void HubSpot_Deals_SavedAgainWithSemicolons_AreReadWithTheSourcesDecimalComma()
    {
        // The deals export opened and saved again by a spreadsheet in a European locale.
        _folder.Write("hs/hubspot-crm-exports-all-deals-2026-03-15.csv",
            "Record ID;Deal Name;Deal Stage;Amount;Close Date;Deal owner;Pipeline;Create Date\r\n"
            + "9001;Spring wedding;Closed Won;2500,50;2026-03-10 14:00;Jane Doe;Sales Pipeline;2026-02-01 10:00\r\n"
            + "9002;Corporate, headshots;Closed Lost;1.250.000;2026-03-05 11:00;Sam Lee;Sales Pipeline;2026-02-20 08:00\r\n");

        var (result, lake) = Run("hubspot", "crm.orders", "hs", zone: "America/New_York", decimalSeparator: ',');

        AssertCounts(result, read: 2, loaded: 2, quarantined: 0, deduplicated: 0);
        var rows = Query(lake, "SELECT order_id, status, is_won, amount FROM data ORDER BY order_id");
        Assert.Equal(["9001", "Closed Won", true, 2500.50m], rows[0]);
        Assert.Equal(["9002", "Closed Lost", false, 1250000m], rows[1]);
    }

    [Fact]
    public void HubSpot_Tickets_AreMappedWithChannelAndCloseDate()
    {
        // The default tickets view plus Priority, Category and Close date; Ticket description is not exported.
        _folder.Write("hs/hubspot-crm-exports-all-tickets-2026-03-20.csv",
            "\"Ticket ID\",\"Ticket name\",\"Pipeline\",\"Ticket status\",\"Create date\",\"Ticket owner\",\"Source\","
            + "\"Last activity date\",\"Priority\",\"Category\",\"Close date\"\r\n"
            + "\"7001\",\"Album not delivered\",\"Support Pipeline\",\"Closed\",\"2026-03-01 15:17\",\"Jane Doe\",\"Email\",\"2026-03-03 10:00\",\"High\",\"Product issue\",\"2026-03-03 09:40\"\r\n"
            + "\"7002\",\"Reschedule shoot\",\"Support Pipeline\",\"New\",\"2026-03-18 08:05\",\"\",\"Chat\",\"\",\"Low\",\"General inquiry\",\"\"\r\n"
            + "\"7003\",\"Invoice question\",\"Support Pipeline\",\"New\",\"\",\"Sam Lee\",\"Phone\",\"\",\"Medium\",\"Billing issue\",\"\"\r\n"
            + "\"7004\",\"Website form\",\"Support Pipeline\",\"Waiting on contact\",\"2026-03-19 23:30\",\"Sam Lee\",\"Form\",\"2026-03-20 01:00\",\"\",\"\",\"\"\r\n");

        var (result, lake) = Run("hubspot", "crm.tickets", "hs", zone: "America/New_York");

        AssertCounts(result, read: 4, loaded: 3, quarantined: 1, deduplicated: 0);
        var rows = Query(lake, """
            SELECT ticket_id, ticket_number, subject, status, priority, channel, ticket_type, agent_id, description,
                strftime(created_at, '%Y-%m-%d %H:%M'), strftime(resolved_at, '%Y-%m-%d %H:%M'),
                strftime(updated_at, '%Y-%m-%d %H:%M'), is_complaint
            FROM data ORDER BY ticket_id
            """);
        Assert.Equal(["7001", "7001", "Album not delivered", "Closed", "High", "email", "Product issue", "Jane Doe", null,
            "2026-03-01 20:17", "2026-03-03 14:40", "2026-03-03 15:00", null], rows[0]);
        Assert.Equal("chat", rows[1][5]);
        Assert.Null(rows[1][10]);
        // Local late evening is the next day in UTC (EDT, UTC-4).
        Assert.Equal(["7004", "web", "2026-03-20 03:30"], new[] { rows[2][0], rows[2][5], rows[2][9] });
        var bad = Query(lake, "SELECT line, \"column\", reason FROM q").Single();
        Assert.Equal(4L, Convert.ToInt64(bad[0]));
        Assert.Equal("Create date", bad[1]);
        Assert.Contains("Create date: required value is missing", (string)bad[2]!);
    }

    // Zendesk: NDJSON tickets, UTC ISO 8601 times, the same ticket again in a later export.

    [Fact]
    public void Zendesk_Tickets_FromNdJson_MapComplaintsChannelsAndTheLatestVersion()
    {
        string[] lines =
        [
            """{"id":35436,"url":"https://acme.zendesk.com/api/v2/tickets/35436.json","created_at":"2026-03-01T10:00:00Z","updated_at":"2026-03-01T11:00:00Z","type":"incident","subject":"Printer on fire","raw_subject":"Printer on fire","description":"The printer is on fire.","status":"open","priority":"high","via":{"channel":"web","source":{"from":{},"to":{},"rel":null}},"requester_id":20978392,"submitter_id":20978392,"assignee_id":235323,"organization_id":509974,"group_id":98738,"tags":["enterprise"],"custom_fields":[{"id":27642,"value":"745"}],"satisfaction_rating":{"score":"unoffered"}}""",
            """{"id":35437,"created_at":"2026-03-02T08:30:00Z","updated_at":"2026-03-02T09:00:00Z","type":"problem","subject":"Photos missing from album","description":"Half the photos are missing.","status":"pending","priority":"normal","via":{"channel":"email","source":{"from":{"address":"ana@example.com","name":"Ana Silva"},"to":{"address":"support@acme.com"},"rel":null}},"requester_id":20978393,"assignee_id":235323,"organization_id":null,"group_id":98738,"tags":[],"satisfaction_rating":{"score":"offered"}}""",
            """{"id":35438,"created_at":"2026-03-03T14:00:00Z","updated_at":"2026-03-03T14:20:00Z","type":"question","subject":"Rude photographer","description":"Called to complain.","status":"solved","via":{"channel":"voice","source":{"from":{"phone":"+12125550101"},"to":{},"rel":"inbound"}},"requester_id":20978394,"assignee_id":null,"group_id":98738,"tags":["complaint","vip"],"satisfaction_rating":{"score":"bad","comment":"Slow"}}""",
            """{"id":35439,"created_at":"2026-02-30T10:00:00Z","updated_at":"2026-03-04T10:00:00Z","type":"task","subject":"Bad date","description":"x","status":"new","priority":"low","via":{"channel":"api","source":{"from":{},"to":{},"rel":null}},"requester_id":20978395,"tags":[]}""",
            """{"id":35436,"created_at":"2026-03-01T10:00:00Z","updated_at":"2026-03-05T16:45:00Z","type":"incident","subject":"Printer on fire","description":"The printer is on fire.","status":"solved","priority":"high","via":{"channel":"web","source":{"from":{},"to":{},"rel":null}},"requester_id":20978392,"assignee_id":235323,"tags":["enterprise","fixed"],"satisfaction_rating":{"score":"good"}}""",
            """{"id":35440,"created_at":"2026-03-06T12:00:00Z","updated_at":"2026-03-06T12:05:00Z","type":null,"subject":"Chat: opening hours","description":"When are you open?","status":"closed","priority":null,"via":{"channel":"native_messaging"},"requester_id":20978396,"assignee_id":235324}""",
        ];
        _folder.Write("zd/tickets.json", string.Join("\n", lines) + "\n");
        _folder.Write("zd/users.json", """{"id":1,"created_at":"2026-01-01T00:00:00Z"}""" + "\n");

        var (result, lake) = Run("zendesk", "crm.tickets", "zd");

        AssertCounts(result, read: 6, loaded: 4, quarantined: 1, deduplicated: 1);
        Assert.Equal("tickets.json", result.Files.Single().Path);
        var rows = Query(lake, """
            SELECT ticket_id, ticket_number, customer_id, email, status, priority, channel, ticket_type, is_complaint,
                agent_id, subject, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ'), strftime(updated_at, '%Y-%m-%dT%H:%M:%SZ'),
                first_response_at, resolved_at
            FROM data ORDER BY ticket_id
            """);
        Assert.Equal(["35436", "35437", "35438", "35440"], rows.Select(r => (string)r[0]!));
        // The later version of 35436 wins.
        Assert.Equal(["35436", "35436", "20978392", null, "solved", "high", "web", "incident", false, "235323",
            "Printer on fire", "2026-03-01T10:00:00Z", "2026-03-05T16:45:00Z", null, null], rows[0]);
        // A problem is a complaint; the sender of an email ticket is its email.
        Assert.Equal(["ana@example.com", "email", "problem", true], new[] { rows[1][3], rows[1][6], rows[1][7], rows[1][8] });
        // A complaint tag makes a complaint; voice is the phone channel; a missing priority is NULL.
        Assert.Equal([null, "phone", "question", true, null], new[] { rows[2][5], rows[2][6], rows[2][7], rows[2][8], rows[2][9] });
        // No type and no tags: not a complaint; messaging is chat.
        Assert.Equal([null, "chat", null, false], new[] { rows[3][5], rows[3][6], rows[3][7], rows[3][8] });
        var bad = Query(lake, "SELECT line, \"column\", reason FROM q").Single();
        Assert.Equal(4L, Convert.ToInt64(bad[0]));
        Assert.Equal("created_at", bad[1]);
        Assert.Contains("created_at: cannot read '2026-02-30T10:00:00Z' as a timestamp", (string)bad[2]!);
    }

    [Fact]
    public void Zendesk_NdJsonFileName_IsMatchedToo()
    {
        _folder.Write("zd/tickets-2026-03.ndjson",
            """{"id":1,"created_at":"2026-03-01T10:00:00Z","updated_at":"2026-03-01T10:00:00Z","status":"new","via":{"channel":"email"}}""" + "\n");

        var (result, lake) = Run("zendesk", "crm.tickets", "zd");

        AssertCounts(result, read: 1, loaded: 1, quarantined: 0, deduplicated: 0);
        Assert.Equal("email", Query(lake, "SELECT channel FROM data").Single()[0]);
    }
}
