namespace CxWarehouse.Generator.Simulation;

/// <summary>One Amazon Connect contact trace record for a voice contact.</summary>
internal sealed class ConnectRecord
{
    public required string ContactId { get; init; }
    public string? InitialContactId { get; init; }
    public string? PreviousContactId { get; init; }
    public string? NextContactId { get; set; }
    public required string InitiationMethod { get; init; }
    public required DateTime Initiation { get; init; }
    public required DateTime ConnectedToSystem { get; init; }
    public required DateTime Disconnect { get; init; }
    public required DateTime LastUpdate { get; set; }
    public required string DisconnectReason { get; init; }
    public required string CustomerAddress { get; init; }
    public required string SystemAddress { get; init; }
    public required string Region { get; init; }
    public required string LocationCode { get; init; }
    public required string Topic { get; init; }
    public bool Resolved { get; set; }
    public DateTime? Enqueue { get; init; }
    public DateTime? Dequeue { get; init; }
    public Catalog.Agent? Agent { get; init; }
    public DateTime? ConnectedToAgent { get; init; }
    public int TalkSeconds { get; init; }
    public int HoldSeconds { get; init; }
    public int Holds { get; init; }
    public int LongestHold { get; init; }
    public int AcwSeconds { get; set; }
    public int ConnectionAttempts { get; init; }

    /// <summary>Delivered twice by the stream (at-least-once); 0 = once, 1 = identical copy, 2 = later updated
    /// copy.</summary>
    public int Redelivery { get; init; }
}
