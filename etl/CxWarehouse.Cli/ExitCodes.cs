namespace CxWarehouse.Cli;

/// <summary>The process exit codes, documented in README.md.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Data problems: a failed data test, a stream that failed validation.</summary>
    public const int DataProblems = 1;

    /// <summary>Usage or infrastructure errors: a bad option or configuration, a missing file, a locked warehouse.</summary>
    public const int Usage = 2;

    /// <summary>Another run holds the lock (EX_TEMPFAIL).</summary>
    public const int Locked = 75;
}
