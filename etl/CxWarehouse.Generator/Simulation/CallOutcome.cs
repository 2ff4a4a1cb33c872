using CxWarehouse.Generator.Catalog;

namespace CxWarehouse.Generator.Simulation;

/// <summary>How a call went, for follow-ups and surveys.</summary>
internal sealed record CallOutcome(
    bool Answered,
    Agent? Agent,
    DateTime End,
    string Reference,
    bool Resolved,
    double WaitSeconds);
