using Npgsql;
using Xunit.Abstractions;

namespace CxWarehouse.Etl.Tests.Support;

public sealed class PostgresClusterTests(PostgresCluster cluster, ITestOutputHelper output)
    : IClassFixture<PostgresCluster>
{
    [Fact]
    public void Execute_CreateTableAndInsertWithParameters_RowsReadBack()
    {
        cluster.Execute("CREATE TABLE smoke (id integer PRIMARY KEY, name text NOT NULL, amount numeric(10,2))");
        (int Id, string Name, decimal? Amount)[] rows = [(1, "Ada", 12.50m), (2, "Zoë ☕", null), (3, "O'Brien", -3m)];

        using var connection = new NpgsqlConnection(cluster.ConnectionString);
        connection.Open();
        foreach (var (id, name, amount) in rows)
        {
            using var insert = new NpgsqlCommand("INSERT INTO smoke (id, name, amount) VALUES (@id, @name, @amount)",
                connection);
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("name", name);
            insert.Parameters.AddWithValue("amount", amount is null ? DBNull.Value : amount.Value);
            Assert.Equal(1, insert.ExecuteNonQuery());
        }

        var read = new List<(int Id, string Name, decimal? Amount)>();
        using (var select = new NpgsqlCommand("SELECT id, name, amount FROM smoke ORDER BY id", connection))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                read.Add((reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetDecimal(2)));
            }
        }

        Assert.Equal(rows, read);
        Assert.Equal(3, cluster.Execute("UPDATE smoke SET name = upper(name)"));
    }

    [Fact]
    public void ConnectionString_LoopbackCxwTestWithoutPooling_ServerIsPostgres15()
    {
        output.WriteLine($"started in {cluster.StartupTime.TotalMilliseconds:F0} ms as OS user {cluster.OsUser}, "
            + $"port {cluster.Port}, folder {cluster.WorkFolder}");
        var settings = new NpgsqlConnectionStringBuilder(cluster.ConnectionString);
        Assert.Equal("127.0.0.1", settings.Host);
        Assert.Equal(cluster.Port, settings.Port);
        Assert.Equal(PostgresCluster.DatabaseName, settings.Database);
        Assert.False(settings.Pooling);

        using var connection = cluster.OpenConnection();
        using var query = new NpgsqlCommand(
            "SELECT current_database(), current_setting('server_version_num')::int / 10000, "
            + "current_setting('server_encoding'), current_setting('fsync')", connection);
        using var reader = query.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("cxw_test", reader.GetString(0));
        Assert.Equal(15, reader.GetInt32(1));
        Assert.Equal("UTF8", reader.GetString(2));
        Assert.Equal("off", reader.GetString(3));
    }

    [Fact]
    public void Dispose_SecondCluster_StopsServerAndDeletesFolder()
    {
        string folder;
        string connectionString;
        using (var second = new PostgresCluster())
        {
            Assert.NotEqual(cluster.Port, second.Port);
            Assert.NotEqual(cluster.WorkFolder, second.WorkFolder);
            Assert.True(Directory.Exists(second.WorkFolder));
            output.WriteLine($"second cluster started in {second.StartupTime.TotalMilliseconds:F0} ms");
            Assert.Equal(1, second.Execute("CREATE TABLE t (x int); INSERT INTO t VALUES (1)"));
            folder = second.WorkFolder;
            connectionString = second.ConnectionString;
        }

        Assert.False(Directory.Exists(folder));
        using var connection = new NpgsqlConnection(connectionString);
        Assert.ThrowsAny<NpgsqlException>(connection.Open);
    }
}
