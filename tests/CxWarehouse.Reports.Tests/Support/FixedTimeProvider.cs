namespace CxWarehouse.Reports.Tests.Support;

/// <summary>A clock that always reads the same instant, for deterministic output.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
