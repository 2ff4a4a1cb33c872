namespace CxWarehouse.Generator;

/// <summary>What <see cref="CxDataGenerator.Generate"/> wrote.</summary>
/// <param name="Files">Every file written except <c>manifest.json</c>, ordered by path.</param>
/// <param name="Touchpoints">Web events, orders, calls, tickets, survey responses and reviews generated.</param>
/// <param name="Persons">Persons simulated (CRM contacts and anonymous web visitors).</param>
public sealed record GeneratorSummary(IReadOnlyList<GeneratedFile> Files, long Touchpoints, int Persons);
