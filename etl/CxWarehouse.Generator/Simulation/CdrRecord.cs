namespace CxWarehouse.Generator.Simulation;

/// <summary>One Asterisk cdr-csv row.</summary>
internal sealed record CdrRecord
{
    public required string AccountCode { get; init; }
    public required string Source { get; init; }
    public required string Destination { get; init; }
    public required string Context { get; init; }
    public required string CallerName { get; init; }
    public required string Channel { get; init; }
    public required string DestinationChannel { get; init; }
    public required string LastApp { get; init; }
    public required string LastData { get; init; }
    public required DateTime StartLocal { get; init; }
    public DateTime? AnswerLocal { get; init; }
    public required DateTime EndLocal { get; init; }
    public required string Disposition { get; init; }
    public required string UniqueId { get; init; }
    public required string UserField { get; init; }
}
