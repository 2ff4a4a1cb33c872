using CxWarehouse.Generator.Catalog;

namespace CxWarehouse.Generator.Simulation;

/// <summary>A web session planned during a person's journey, run in time order at the end.</summary>
internal sealed record PlannedSession(
    DateTime Start,
    int Sequence,
    SessionKind Kind,
    Product? Product,
    string? TransactionId,
    decimal Deposit,
    decimal Price);
