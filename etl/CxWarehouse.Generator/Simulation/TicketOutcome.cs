namespace CxWarehouse.Generator.Simulation;

/// <summary>How a ticket went, for follow-ups and surveys.</summary>
internal sealed record TicketOutcome(string CaseId, DateTime? Closed, double FirstResponseHours, bool Escalated);
