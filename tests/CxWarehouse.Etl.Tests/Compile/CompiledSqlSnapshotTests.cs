using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Extract;
using CxWarehouse.Etl.Load;
using CxWarehouse.Etl.Transform;

namespace CxWarehouse.Etl.Tests.Compile;

/// <summary>
/// The compiled SQL of the sample's models and streams, held as approved files under
/// <c>Approved/Compiled/</c>, so that a change to generated SQL (a model, sql/kpis.yml, a mapping, the typed-select
/// builder) shows in review as a diff of what runs.
/// </summary>
/// <remarks>
/// After changing a model or what generates SQL, accept the new SQL with
/// <c>CXW_APPROVE=1 dotnet test tests/CxWarehouse.Etl.Tests -c Release --filter FullyQualifiedName~CompiledSqlSnapshotTests</c>
/// and review the diff of <c>tests/CxWarehouse.Etl.Tests/Approved/Compiled/</c> before committing it. Without
/// CXW_APPROVE a mismatch writes a <c>.received.sql</c> beside the approved file and fails.
/// </remarks>
public sealed class CompiledSqlSnapshotTests
{
    /// <summary>A fixed run time: the typed selects compare dates with the run's ("is in the future").</summary>
    private static readonly DateTimeOffset s_runTime = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    private static string Approved { get; } =
        Path.Combine(RepoPaths.Root, "tests", "CxWarehouse.Etl.Tests", "Approved", "Compiled");

    public static TheoryData<string> Models() => [.. Graph().Models.Select(m => m.Relation)];

    public static TheoryData<string, string> Streams()
    {
        var streams = new TheoryData<string, string>();
        foreach (var (input, mapping) in Plan())
        {
            streams.Add(input.Name, mapping.Stream.Name);
        }
        return streams;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Model_CompilesToItsApprovedSql(string relation)
    {
        var model = Graph().Models.Single(m => m.Relation == relation);

        ApprovedFile.Verify(CompiledSql.ModelText(model), Path.Combine(Approved, model.Schema), model.Name, "sql");
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void Stream_CompilesToItsApprovedTypedSelect(string source, string stream)
    {
        using var scratch = new TempFolder();
        var (input, mapping) = Plan().Single(p => p.Input.Name == source && p.Mapping.Stream.Name == stream);
        var extractor = new Extractor(new Lake(scratch.File("lake")), "compile", new WarehouseSettings()) { RunTime = s_runTime };

        var compiled = extractor.CompileSelect(input, mapping, scratch.Path, out var whyNot);

        Assert.True(compiled is not null, whyNot);
        ApprovedFile.Verify(compiled.Value.Header + compiled.Value.Select.Trim() + "\n",
            Path.Combine(Approved, "extract", source), stream, "sql");
    }

    [Fact]
    public void EveryApprovedFile_BelongsToAModelOrStreamOfTheSample()
    {
        var expected = Graph().Models.Select(m => Path.Combine(Approved, m.Schema, m.Name + ".approved.sql"))
            .Concat(Plan().Select(p => Path.Combine(Approved, "extract", p.Input.Name, p.Mapping.Stream.Name + ".approved.sql")))
            .ToHashSet(StringComparer.Ordinal);
        var stale = Directory.Exists(Approved)
            ? Directory.EnumerateFiles(Approved, "*.approved.sql", SearchOption.AllDirectories).Where(f => !expected.Contains(f)).ToList()
            : [];
        if (Environment.GetEnvironmentVariable(ApprovedFile.ApproveVariable) == "1")
        {
            stale.ForEach(File.Delete);
            return;
        }

        Assert.True(stale.Count == 0, "approved compiled SQL of no model or stream (delete it, or run with "
            + $"{ApprovedFile.ApproveVariable}=1): " + string.Join(", ", stale.Select(f => Path.GetRelativePath(Approved, f))));
    }

    private static ModelGraph Graph() => ModelGraph.Load(Path.Combine(RepoPaths.Root, "sql"));

    private static List<(SourceInput Input, StreamMapping Mapping)> Plan()
    {
        var config = ConfigLoader.Load(Path.Combine(RepoPaths.Root, "cxwarehouse.yml"));
        return [.. new Extractor(new Lake(Path.GetTempPath()), "compile", config.Warehouse).Plan(config.Sources)];
    }
}
