using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Extract;
using CxWarehouse.Etl.Load;
using CxWarehouse.Etl.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CxWarehouse.Etl.Tests.Extract;

/// <summary>SQL sources read through Dapper: SQLite files, and a real PostgreSQL server the tests start.</summary>
public sealed class SqlSourceTests : IDisposable
{
    private const string ContactTable = """
        CREATE TABLE "Contact" ("Id" TEXT PRIMARY KEY, "FirstName" TEXT, "LastName" TEXT, "Email" TEXT, "Phone" TEXT,
            "MobilePhone" TEXT, "MailingCity" TEXT, "MailingCountry" TEXT, "LeadSource" TEXT, "HasOptedOutOfEmail" INTEGER,
            "Segment__c" TEXT, "Location__c" TEXT, "CreatedDate" TEXT, "LastModifiedDate" TEXT)
        """;

    private readonly TempFolder _folder = new();
    private int _runs;

    public void Dispose() => _folder.Dispose();

    private (StreamResult Result, Lake Lake) Run(SourceInput input, bool fullRefresh = false)
    {
        var lake = new Lake(Path.Combine(_folder.Path, "lake"));
        var extractor = new Extractor(lake, $"run{++_runs}", new WarehouseSettings { Threads = 1 }, fullRefresh);
        var (_, mapping) = extractor.Plan([input]).Single();
        return (extractor.Extract(input, mapping), lake);
    }

    private List<object?[]> Query(Lake lake, string sql) => LakeQuery.Rows(lake, _folder.Path, sql);

    private SourceInput SqliteInput(string path) => new()
    {
        Name = "crm_db",
        Kind = "crm",
        Profile = "salesforce-db",
        Mapping = ProfileCatalog.Get("salesforce-db"),
        Path = path,
        Streams = ["crm.customers"],
        LookbackHours = 1,
    };

    private static void Exec(SqliteConnection db, string sql, params (string, object?)[] args)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in args)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        command.ExecuteNonQuery();
    }

    private static void InsertContact(SqliteConnection db, string id, string first, string modified) =>
        Exec(db, """
            INSERT OR REPLACE INTO "Contact" VALUES ($id, $first, 'Lee', 'a@b.com', '+4420', NULL, 'London', 'UK', 'Web',
                0, 'portrait', 'LDN', '2026-01-01T00:00:00.000Z', $modified)
            """, ("$id", id), ("$first", first), ("$modified", modified));

    [Fact]
    public void Sqlite_IncrementalRead_TakesOnlyRowsSinceTheBookmarkLessTheLookBack()
    {
        var path = Path.Combine(_folder.Path, "crm.sqlite");
        using (var db = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            Exec(db, ContactTable);
            InsertContact(db, "003A", "Ann", "2026-01-10T10:00:00.000Z");
            InsertContact(db, "003B", "Bob", "2026-01-10T12:00:00.000Z");
        }
        var (first, lake) = Run(SqliteInput(path));
        using (var db = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            InsertContact(db, "003A", "Anne", "2026-01-11T09:00:00.000Z");   // updated after the bookmark
            InsertContact(db, "003C", "Cat", "2026-01-10T11:30:00.000Z");    // late, within the 1 h look-back
            InsertContact(db, "003D", "Dan", "2026-01-09T00:00:00.000Z");    // older than the look-back: not re-read
        }

        var (second, _) = Run(SqliteInput(path));

        Assert.Equal(2, first.RowsLoaded);
        Assert.Equal(3, second.RowsRead); // 003B (in the window), 003C, 003A
        Assert.Equal(second.RowsRead, second.RowsLoaded + second.RowsQuarantined + second.RowsDeduplicated);
        Assert.Equal(["003A=Anne", "003B=Bob", "003C=Cat"],
            Query(lake, "SELECT customer_id, first_name FROM data ORDER BY 1").Select(r => $"{r[0]}={r[1]}"));
        Assert.Contains("LastModifiedDate >= 2026-01-10T11:00:00", second.Files.Single().Message, StringComparison.Ordinal);

        var (refreshed, _) = Run(SqliteInput(path), fullRefresh: true);
        Assert.Equal(4, refreshed.RowsLoaded);
    }

    [Fact]
    public void Sqlite_BadValues_QuarantinedByRecord()
    {
        var path = Path.Combine(_folder.Path, "crm.sqlite");
        using (var db = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            Exec(db, ContactTable);
            InsertContact(db, "003A", "Ann", "2026-01-10T10:00:00.000Z");
            InsertContact(db, "003B", "Bob", "2026-02-30T10:00:00.000Z");
        }

        var (result, _) = Run(SqliteInput(path));

        Assert.Equal(1, result.RowsLoaded);
        Assert.Equal(1, result.RowsQuarantined);
    }

    [Fact]
    public void Sqlite_MissingDatabase_FailsNamingIt()
    {
        var (result, _) = Run(SqliteInput(Path.Combine(_folder.Path, "nope.sqlite")));

        Assert.Equal(StreamStatus.Failed, result.Status);
        Assert.Contains("nope.sqlite", result.Message, StringComparison.Ordinal);
    }
}
