namespace CxWarehouse.Cli.Commands;

/// <summary>What a verb that is not built yet says: plainly, with exit code 2, never pretending.</summary>
internal static class NotAvailable
{
    public static int Say(string verb, string what)
    {
        Console.Error.WriteLine($"cxw {verb}: not available yet: {what}");
        return ExitCodes.Usage;
    }
}
