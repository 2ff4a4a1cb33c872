using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Extract;
using CxWarehouse.Etl.Load;
using CxWarehouse.Etl.Tests.Support;

namespace CxWarehouse.Etl.Tests.Extract;

/// <summary>The PostgreSQL source against a real server the tests start: a throwaway cluster, never skipped.</summary>
public sealed class PostgresSourceTests(PostgresCluster postgres) : IClassFixture<PostgresCluster>, IDisposable
{
    private readonly TempFolder _folder = new();
    private int _runs;

    public void Dispose() => _folder.Dispose();

    private SourceInput Input(string table, string? passwordEnv = null) => new()
    {
        Name = "crm_pg",
        Kind = "crm",
        Profile = "salesforce-db",
        Mapping = ProfileCatalog.Get("salesforce-db") with
        {
            Streams = new Dictionary<string, StreamMapping>
            {
                ["crm.customers"] = ProfileCatalog.Get("salesforce-db").Streams["crm.customers"] is var m
                    ? m with { Reader = m.Reader with { Table = table } }
                    : throw new InvalidOperationException(),
            },
        },
        Path = _folder.Path,
        Database = "postgres",
        Connection = postgres.ConnectionString,
        PasswordEnv = passwordEnv,
        LookbackHours = 2,
    };

    private (StreamResult Result, Lake Lake) Run(SourceInput input)
    {
        var lake = new Lake(Path.Combine(_folder.Path, "lake"));
        var extractor = new Extractor(lake, $"run{++_runs}", new WarehouseSettings { Threads = 1 });
        var (_, mapping) = extractor.Plan([input]).Single();
        return (extractor.Extract(input, mapping), lake);
    }

    private List<object?[]> Query(Lake lake, string sql) => LakeQuery.Rows(lake, _folder.Path, sql);

    private void CreateContacts(string table) => postgres.Execute($"""
        CREATE TABLE "{table}" ("Id" text PRIMARY KEY, "FirstName" text, "LastName" text, "Email" text, "Phone" text,
            "MobilePhone" text, "MailingCity" text, "MailingCountry" text, "LeadSource" text,
            "HasOptedOutOfEmail" boolean, "Segment__c" text, "Location__c" text, "CreatedDate" timestamptz,
            "LastModifiedDate" timestamptz);
        """);

    private void Upsert(string table, string id, string first, string modified) => postgres.Execute($"""
        INSERT INTO "{table}" VALUES ('{id}', '{first}', 'Lee', 'a@b.com', NULL, NULL, 'London', 'UK', 'Web', false,
            'portrait', 'LDN', '2026-01-01 00:00:00+00', '{modified}')
        ON CONFLICT ("Id") DO UPDATE SET "FirstName" = excluded."FirstName", "LastModifiedDate" = excluded."LastModifiedDate";
        """);

    [Fact]
    public void Postgres_FullThenIncrementalRead_MergesUpdatesAndKeepsUtc()
    {
        CreateContacts("Contact_inc");
        Upsert("Contact_inc", "003A", "Ann", "2026-01-10 10:00:00+00");
        Upsert("Contact_inc", "003B", "Bob", "2026-01-10 12:00:00+01");   // 11:00 UTC
        var (first, lake) = Run(Input("Contact_inc"));
        Upsert("Contact_inc", "003A", "Anne", "2026-01-11 09:00:00+00");
        Upsert("Contact_inc", "003C", "Old", "2026-01-01 00:00:00+00");   // before bookmark - look-back: not read

        var (second, _) = Run(Input("Contact_inc"));

        Assert.Equal(StreamStatus.Ok, first.Status);
        Assert.Equal(2, first.RowsLoaded);
        Assert.Equal(2, second.RowsRead); // 003A (new version) and 003B (inside the 2 h look-back)
        Assert.Equal(["003A=Anne", "003B=Bob"],
            Query(lake, "SELECT customer_id, first_name FROM data ORDER BY 1").Select(r => $"{r[0]}={r[1]}"));
        Assert.Equal("2026-01-10 11:00", Query(lake, "SELECT strftime(updated_at, '%Y-%m-%d %H:%M') FROM data WHERE customer_id = '003B'").Single()[0]);
        Assert.Equal(false, Query(lake, "SELECT is_opted_out FROM data WHERE customer_id = '003A'").Single()[0]);
    }

    [Fact]
    public void Postgres_MissingPasswordVariable_FailsNamingTheVariableOnly()
    {
        CreateContacts("Contact_pw");

        var (result, _) = Run(Input("Contact_pw", passwordEnv: "CXW_TEST_PG_PASSWORD_NOT_SET"));

        Assert.Equal(StreamStatus.Failed, result.Status);
        Assert.Contains("CXW_TEST_PG_PASSWORD_NOT_SET", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_UnknownTable_FailsTheStreamWithTheServersMessage()
    {
        var (result, _) = Run(Input("NoSuchTable"));

        Assert.Equal(StreamStatus.Failed, result.Status);
        Assert.Contains("NoSuchTable", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_PasswordInConnectionString_IsRefused()
    {
        const string yaml = """
            sources:
              - name: crm_pg
                profile: salesforce-db
                database: postgres
                connection: "Host=db;Username=cxw;Password=hunter2"
            """;

        var error = Assert.Throws<ConfigException>(() =>
            ConfigLoader.Parse(Path.Combine(_folder.Path, "c.yml"), new StringReader(yaml), _folder.Path));

        Assert.Contains("password_env", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}
