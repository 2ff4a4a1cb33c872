using CxWarehouse.Etl.Configuration;

namespace CxWarehouse.Etl.Tests.Support;

/// <summary>Warehouse settings as a configuration file gives them, read by the configuration's own loader.</summary>
public static class WarehouseYaml
{
    /// <summary>The settings of a <c>warehouse:</c> section whose keys are <paramref name="section"/> (YAML lines,
    /// indented two spaces).</summary>
    public static WarehouseSettings Settings(TempFolder folder, string section) =>
        ConfigLoader.Parse(Path.Combine(folder.Path, "cxwarehouse.yml"), new StringReader("warehouse:\n" + section)).Warehouse;
}
