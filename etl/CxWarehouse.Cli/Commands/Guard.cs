using CxWarehouse.Etl.Configuration;
using CxWarehouse.Etl.Runs;
using CxWarehouse.Etl.Transform;
using CxWarehouse.Etl.Warehouse;

namespace CxWarehouse.Cli.Commands;

/// <summary>Turns the errors a verb can meet into one clear line and the documented exit code.</summary>
internal static class Guard
{
    public static int Run(CliContext context, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (RunLockedException ex)
        {
            context.Log.Error(ex.Message);
            return ExitCodes.Locked;
        }
        catch (Exception ex) when (ex is ConfigException or ModelException or WarehouseLockedException
                                       or ArgumentException or IOException or UnauthorizedAccessException)
        {
            context.Log.Error(ex.Message);
            return ExitCodes.Usage;
        }
        catch (DuckDB.NET.Data.DuckDBException ex)
        {
            context.Log.Error("DuckDB: " + ex.Message.Split('\n')[0]);
            return ExitCodes.Usage;
        }
    }
}
