using CxWarehouse.Etl.Transform;

namespace CxWarehouse.Etl.Tests.Transform;

public sealed class ModelGraphTests
{
    [Fact]
    public void Load_RepositoryModels_OrdersEveryModelAfterItsDependencies()
    {
        var graph = ModelGraph.Load(Path.Combine(RepoPaths.Root, "sql"));
        var position = graph.Models.Select((m, i) => (m.Name, i)).ToDictionary(p => p.Name, p => p.i);

        Assert.Contains(graph.Models, m => m.Name == "kpi_values");
        Assert.All(graph.Models, m => Assert.All(m.DependsOn, d => Assert.True(position[d] < position[m.Name])));
        // The folder decides (staging: views) unless the file says otherwise (stg_crm__orders reads a setting: a table).
        Assert.Equal(Materialization.View, graph.Models.Single(m => m.Name == "stg_crm__customers").Materialization);
        Assert.Equal(Materialization.Table, graph.Models.Single(m => m.Name == "stg_crm__orders").Materialization);
        Assert.Equal(Materialization.Table, graph.Models.Single(m => m.Name == "fct_calls").Materialization);
    }

    [Fact]
    public void Load_KeyMapCompanions_ReferencesDependOnTheKeyModel()
    {
        var graph = ModelGraph.Load(Path.Combine(RepoPaths.Root, "sql"));

        // identity_matches reads core.customer_key_map and core.customer_key_events, kept by core.customer_keys.
        Assert.Contains("customer_keys", graph.Models.Single(m => m.Name == "identity_matches").DependsOn);
        Assert.Equal(Materialization.KeyMap, graph.Models.Single(m => m.Name == "customer_keys").Materialization);
        // Every model that names a customer looks the key up in core.customer_keys, none derives it again.
        Assert.DoesNotContain(graph.Models, m => m.Name != "customer_keys" && m.DependsOn.Contains("int_identity_clusters"));
    }

    [Fact]
    public void Load_FollowsKeyMapOnATable_IsRefused()
    {
        using var sql = new TempFolder();
        sql.Write("core/t.sql", "-- follows_key_map: core.customer_key_map\nselect 1 as customer_key");

        var error = Assert.Throws<ModelException>(() => ModelGraph.Load(sql.Path));

        Assert.Contains("sql/core/t.sql", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Cycle_NamesTheFileAndTheCycle()
    {
        using var sql = new TempFolder();
        sql.Write("core/a.sql", "select * from core.b");
        sql.Write("core/b.sql", "select * from core.a");

        var error = Assert.Throws<ModelException>(() => ModelGraph.Load(sql.Path));

        Assert.Contains("sql/core/", error.Message, StringComparison.Ordinal);
        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownReference_NamesTheFile()
    {
        using var sql = new TempFolder();
        sql.Write("marts/m.sql", "select * from core.missing_model");

        var error = Assert.Throws<ModelException>(() => ModelGraph.Load(sql.Path));

        Assert.Equal("sql/marts/m.sql: references core.missing_model, which no model builds", error.Message);
    }

    [Fact]
    public void Load_ReferenceInComment_IsIgnored()
    {
        using var sql = new TempFolder();
        sql.Write("marts/m.sql", "-- was core.old_model\nselect 1 as x");

        var graph = ModelGraph.Load(sql.Path);

        Assert.Empty(graph.Models.Single().DependsOn);
    }

    [Fact]
    public void Select_Plus_PicksDownstreamOnly()
    {
        using var sql = new TempFolder();
        sql.Write("staging/s.sql", "select 1 as x");
        sql.Write("core/c.sql", "select * from staging.s");
        sql.Write("marts/m.sql", "select * from core.c");
        sql.Write("marts/other.sql", "select 2 as y");
        var graph = ModelGraph.Load(sql.Path);

        Assert.Equal(["c", "m"], graph.Select("c+").Select(m => m.Name));
        Assert.Equal(["s", "c"], graph.Select("+c").Select(m => m.Name));
        Assert.Throws<ModelException>(() => graph.Select("nope"));
    }
}
