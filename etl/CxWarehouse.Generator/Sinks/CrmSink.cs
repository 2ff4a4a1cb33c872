using CxWarehouse.Generator.Output;
using Microsoft.Data.Sqlite;

namespace CxWarehouse.Generator.Sinks;

/// <summary>
/// Salesforce exports: Data Loader CSVs under <c>crm/</c> and the same objects, clean, in a database of their own
/// (<c>crm-db/crm.sqlite</c>, not among the CSVs). The database is written in one transaction with rollback journal (no WAL),
/// a fixed page size and a final VACUUM, so the file is byte-identical for identical input.
/// </summary>
internal sealed class CrmSink : IDisposable
{
    public const string DatabasePath = "crm-db/crm.sqlite";

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly OutputSet _output;
    private bool _finished;

    public CrmSink(OutputSet output, TruthSink truth, int seed, double dirtyShare)
    {
        _output = output;
        var path = Path.Combine(output.Root, "crm-db", "crm.sqlite");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        foreach (var stale in new[] { path, path + "-journal", path + "-wal", path + "-shm" })
        {
            File.Delete(stale);
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        _connection.Open();
        Execute("PRAGMA page_size = 4096; PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF;");
        Execute("PRAGMA cache_size = -8000;");
        _transaction = _connection.BeginTransaction();

        Contacts = new SfTable(output, truth, _connection, _transaction, "Contact", "crm/Contact.csv",
        [
            new("Id", SfType.Text), new("FirstName", SfType.Text), new("LastName", SfType.Text),
            new("Email", SfType.Text), new("Phone", SfType.Text), new("MobilePhone", SfType.Text),
            new("MailingCity", SfType.Text), new("MailingCountry", SfType.Text), new("LeadSource", SfType.Text),
            new("OwnerId", SfType.Reference), new("HasOptedOutOfEmail", SfType.Bool), new("Segment__c", SfType.Text),
            new("Location__c", SfType.Text), new("CreatedDate", SfType.DateTime),
            new("LastModifiedDate", SfType.DateTime), new("IsDeleted", SfType.Bool),
        ], seed, dirtyShare, dateColumn: "CreatedDate", optionalColumn: "MobilePhone", textColumn: "LastName");

        Opportunities = new SfTable(output, truth, _connection, _transaction, "Opportunity", "crm/Opportunity.csv",
        [
            new("Id", SfType.Text), new("ContactId", SfType.Reference), new("Name", SfType.Text),
            new("StageName", SfType.Text), new("Amount", SfType.Money), new("CurrencyIsoCode", SfType.Text),
            new("CloseDate", SfType.Date), new("Type", SfType.Text), new("LeadSource", SfType.Text),
            new("IsClosed", SfType.Bool), new("IsWon", SfType.Bool), new("CampaignId", SfType.Reference),
            new("Location__c", SfType.Text), new("Package__c", SfType.Text), new("Channel__c", SfType.Text),
            new("Shoot_Date__c", SfType.Date), new("Delivered_Date__c", SfType.DateTime),
            new("CreatedDate", SfType.DateTime), new("LastModifiedDate", SfType.DateTime),
                new("IsDeleted", SfType.Bool),
        ], seed, dirtyShare, dateColumn: "CloseDate", numberColumn: "Amount", optionalColumn: "CampaignId",
            textColumn: "Name");

        Cases = new SfTable(output, truth, _connection, _transaction, "Case", "crm/Case.csv",
        [
            new("Id", SfType.Text), new("CaseNumber", SfType.Text), new("ContactId", SfType.Reference),
            new("SuppliedEmail", SfType.Text), new("Status", SfType.Text), new("Priority", SfType.Text),
            new("Origin", SfType.Text), new("Type", SfType.Text), new("Reason", SfType.Text),
            new("Subject", SfType.Text), new("Description", SfType.Text), new("IsClosed", SfType.Bool),
            new("IsEscalated", SfType.Bool), new("First_Response__c", SfType.DateTime),
            new("ClosedDate", SfType.DateTime), new("Location__c", SfType.Text), new("OwnerId", SfType.Reference),
            new("CreatedDate", SfType.DateTime), new("LastModifiedDate", SfType.DateTime),
                new("IsDeleted", SfType.Bool),
        ], seed, dirtyShare, dateColumn: "CreatedDate", optionalColumn: "SuppliedEmail", textColumn: "Description");

        Campaigns = new SfTable(output, truth, _connection, _transaction, "Campaign", "crm/Campaign.csv",
        [
            new("Id", SfType.Text), new("Name", SfType.Text), new("Type", SfType.Text), new("Status", SfType.Text),
            new("StartDate", SfType.Date), new("EndDate", SfType.Date), new("BudgetedCost", SfType.Money),
            new("ActualCost", SfType.Money), new("CurrencyIsoCode", SfType.Text), new("Location__c", SfType.Text),
            new("CreatedDate", SfType.DateTime), new("LastModifiedDate", SfType.DateTime),
                new("IsDeleted", SfType.Bool),
        ], seed, dirtyShare, dateColumn: "StartDate", numberColumn: "ActualCost", optionalColumn: "Location__c",
            textColumn: "Name");

        LoyaltyMembers =
            new SfTable(output, truth, _connection, _transaction, "LoyaltyProgramMember",
                "crm/LoyaltyProgramMember.csv",
        [
            new("Id", SfType.Text), new("ContactId", SfType.Reference), new("MembershipNumber", SfType.Text),
            new("EnrollmentDate", SfType.Date), new("EnrollmentChannel", SfType.Text), new("MemberStatus", SfType.Text),
            new("MemberTier__c", SfType.Text), new("PointsBalance__c", SfType.Int),
            new("CreatedDate", SfType.DateTime), new("LastModifiedDate", SfType.DateTime),
        ], seed, dirtyShare, dateColumn: "EnrollmentDate", numberColumn: "PointsBalance__c");

        // users.csv is a 23-row reference list that every other object points at; it is kept clean.
        Users = new SfTable(output, null, _connection, _transaction, "User", "crm/users.csv",
        [
            new("Id", SfType.Text), new("Username", SfType.Text), new("Name", SfType.Text),
                new("Location__c", SfType.Text),
        ], seed, 0);
    }

    public SfTable Contacts { get; }

    public SfTable Opportunities { get; }

    public SfTable Cases { get; }

    public SfTable Campaigns { get; }

    public SfTable LoyaltyMembers { get; }

    public SfTable Users { get; }

    private IEnumerable<SfTable> Tables => [Contacts, Opportunities, Cases, Campaigns, LoyaltyMembers, Users];

    /// <summary>Indexes, commit, VACUUM; registers the database in the manifest.</summary>
    public void Finish()
    {
        var rows = 0L;
        foreach (var table in Tables)
        {
            table.CreateIndex(_connection, _transaction);
            rows += table.Rows;
        }

        _transaction.Commit();
        Execute("VACUUM;");
        _connection.Close();
        _finished = true;
        _output.AddExternal(DatabasePath, rows);
    }

    public void Dispose()
    {
        foreach (var table in Tables)
        {
            table.Dispose();
        }

        if (!_finished)
        {
            _transaction.Dispose();
        }

        _connection.Dispose();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
