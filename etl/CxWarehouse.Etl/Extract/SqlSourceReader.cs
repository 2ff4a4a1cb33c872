using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using CxWarehouse.Etl.Configuration;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Parquet;
using Parquet.Schema;

namespace CxWarehouse.Etl.Extract;

/// <summary>What landing a SQL read produced: the Parquet file, its columns and rows.</summary>
internal sealed record SqlLanding(string Path, IReadOnlyList<string> Columns, long Rows, string Sha256, string Display);

/// <summary>
/// Reads a table or query of a SQLite or PostgreSQL source through Dapper, unbuffered, into a Parquet landing file
/// of text columns (Parquet.Net, one row group per batch), so memory stays flat whatever the table's size. An
/// incremental read asks only for rows whose cursor column is at or after the bookmark less the look-back
/// window, as a bound parameter.
/// </summary>
internal static class SqlSourceReader
{
    private const int BatchRows = 50_000;

    public static DbConnection Open(SourceInput input)
    {
        if (input.Database == "postgres")
        {
            var builder = new NpgsqlConnectionStringBuilder(input.Connection);
            if (input.PasswordEnv is not null)
            {
                builder.Password = Environment.GetEnvironmentVariable(input.PasswordEnv)
                    ?? throw new SourceFileException(
                        $"{input.Name}: the environment variable {input.PasswordEnv} (the database password) is not set");
            }
            var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            return connection;
        }
        if (!File.Exists(input.Path))
        {
            throw new SourceFileException($"{input.Name}: SQLite database not found: {Path.GetFileName(input.Path)}");
        }
        var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = input.Path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        sqlite.Open();
        return sqlite;
    }

    public static SqlLanding Land(SourceInput input, ReaderOptions reader, DateTimeOffset? since, string folder)
    {
        using var connection = Open(input);
        var postgres = input.Database == "postgres";
        string Quote(string name) => string.Join(".", name.Split('.').Select(SqlText.Identifier));
        var source = reader.Table is not null ? Quote(reader.Table) : $"({reader.Query}) AS source_query";
        var sql = $"SELECT * FROM {source}";
        var parameters = new DynamicParameters();
        if (since is not null && reader.CursorColumn is not null)
        {
            sql += $" WHERE {SqlText.Identifier(reader.CursorColumn)} >= @since";
            // SQLite keeps ISO 8601 text; PostgreSQL compares a real timestamptz.
            parameters.Add("since", postgres
                ? since.Value.UtcDateTime
                : since.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }
        if (reader.CursorColumn is not null)
        {
            sql += $" ORDER BY {SqlText.Identifier(reader.CursorColumn)}";
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.parquet");
        var display = $"{input.Database}:{reader.Table ?? "query"}";
        long rows;
        IReadOnlyList<string> columns;
        using (var data = connection.ExecuteReader(sql, parameters))
        {
            columns = Enumerable.Range(0, data.FieldCount).Select(data.GetName).ToList();
            var duplicate = columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new SourceFileException($"{input.Name}/{display}: the result names column '{duplicate.Key}' twice");
            }
            rows = WriteAsync(data, columns, path).GetAwaiter().GetResult();
        }
        using var hash = File.OpenRead(path);
        return new SqlLanding(path, columns, rows, Convert.ToHexStringLower(SHA256.HashData(hash)), display);
    }

    private static async Task<long> WriteAsync(System.Data.IDataReader data, IReadOnlyList<string> columns, string path)
    {
        var fields = columns.Select(c => new DataField<string>(c)).ToArray();
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), file);
        var buffers = columns.Select(_ => new string?[BatchRows]).ToArray();
        long rows = 0;
        var count = 0;
        while (data.Read())
        {
            for (var i = 0; i < buffers.Length; i++)
            {
                buffers[i][count] = data.IsDBNull(i) ? null : Text(data.GetValue(i));
            }
            count++;
            rows++;
            if (count == BatchRows)
            {
                await WriteGroupAsync(writer, fields, buffers, count);
                count = 0;
            }
        }
        if (count > 0 || rows == 0)
        {
            await WriteGroupAsync(writer, fields, buffers, count);
        }
        return rows;
    }

    private static async Task WriteGroupAsync(ParquetWriter writer, DataField<string>[] fields, string?[][] buffers,
        int count)
    {
        using var group = writer.CreateRowGroup();
        for (var i = 0; i < fields.Length; i++)
        {
            await group.WriteAsync(fields[i], new ArraySegment<string?>(buffers[i], 0, count)!, null);
        }
    }

    /// <summary>Values become text the typed step parses: invariant numbers, ISO 8601 times (Z when UTC).</summary>
    private static string Text(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        DateTime { Kind: DateTimeKind.Utc } d => d.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
