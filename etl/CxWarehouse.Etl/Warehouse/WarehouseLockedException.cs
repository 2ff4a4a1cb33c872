namespace CxWarehouse.Etl.Warehouse;

/// <summary>Another process holds the warehouse file open for writing.</summary>
public sealed class WarehouseLockedException(string path, Exception inner)
    : Exception($"the warehouse {path} is locked by another process (a running cxw or a BI tool writing to it); "
        + "close it or wait, then retry", inner);
