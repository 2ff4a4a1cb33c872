using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Tests.Support;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Etl.Tests.Warehouse;

/// <summary>
/// The warehouse writes text as it is unless <c>warehouse: compress_text: true</c> asks for DuckDB's dictionary and
/// FSST encodings; either way the rows read back the same.
/// </summary>
public sealed class TextCompressionTests
{
    // Repetitive text, as a warehouse's is: a few hundred distinct values, which DuckDB dictionary-encodes when
    // allowed to.
    private const string Create = """
        CREATE TABLE texts AS
        SELECT i, 'customer ' || (i % 300) || ' of the studio in ' || ['London', 'Leeds', 'Bristol'][i % 3 + 1] AS t
        FROM range(300000) AS r(i)
        """;

    private static WarehouseSettings Settings(TempFolder folder, string extra) =>
        WarehouseYaml.Settings(folder, "  threads: 1\n" + extra);

    private static (string[] Encodings, string Hash) Write(TempFolder folder, WarehouseSettings settings)
    {
        var path = Path.Combine(folder.Path, "cx.duckdb");
        using (var db = DuckDb.Open(path, settings, null, readOnly: false))
        {
            DuckDb.Execute(db, Create);
            DuckDb.Execute(db, "CHECKPOINT");
        }
        using var read = DuckDb.Open(path, new WarehouseSettings(), null, readOnly: true);
        var encodings = DuckDb.Scalar<string>(read,
            "SELECT string_agg(DISTINCT compression, ',' ORDER BY compression) FROM pragma_storage_info('texts') "
            + "WHERE column_name = 't' AND segment_type = 'VARCHAR' AND compression <> 'Constant'")!.Split(',');
        var hash = DuckDb.Scalar<string>(read, "SELECT CAST(sum(hash(i, t)) AS VARCHAR) FROM texts")!;
        return (encodings, hash);
    }

    [Fact]
    public void Warehouse_WritesTextUncompressed_UnlessCompressTextIsSet()
    {
        using var plain = new TempFolder();
        using var compact = new TempFolder();

        var (plainEncodings, plainHash) = Write(plain, Settings(plain, ""));
        var (compactEncodings, compactHash) = Write(compact, Settings(compact, "  compress_text: true\n"));

        Assert.Equal(["Uncompressed"], plainEncodings);
        Assert.DoesNotContain("Uncompressed", compactEncodings);
        Assert.Equal(plainHash, compactHash);
    }

    [Fact]
    public void CompressText_IsABoolean()
    {
        using var folder = new TempFolder();

        var ex = Assert.ThrowsAny<Exception>(() => Settings(folder, "  compress_text: sometimes\n"));

        Assert.Contains("compress_text", ex.Message, StringComparison.Ordinal);
    }
}
