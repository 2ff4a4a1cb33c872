using System.Globalization;

namespace CxWarehouse.Generator;

/// <summary>
/// Options for <see cref="CxDataGenerator"/>: how much data to write, from which seed and where.
/// </summary>
/// <param name="Scale">Size multiplier: 1 gives about 4,000 persons and 100,000 touchpoints.</param>
/// <param name="Seed">Seed of every random choice; the same options give byte-identical files.</param>
/// <param name="OutputDirectory">Folder that receives the source files, <c>truth/</c> and <c>manifest.json</c>.</param>
public sealed record GeneratorOptions(double Scale, int Seed, string OutputDirectory)
{
    /// <summary>First day persons can arrive (a Monday by default).</summary>
    public DateOnly Start { get; init; } = new(2024, 11, 25);

    /// <summary>Last day of data, inclusive (a Sunday by default); nothing later is exported.</summary>
    public DateOnly End { get; init; } = new(2026, 11, 22);

    /// <summary>Share of records corrupted per file (0 to 0.2); every corruption is listed in
    /// <c>truth/dirty.csv</c>.</summary>
    public double DirtyShare { get; init; } = 0.002;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        var inv = CultureInfo.InvariantCulture;
        if (double.IsNaN(Scale) || Scale <= 0 || Scale > 1000)
        {
            throw new ArgumentException(
                string.Create(inv, $"--scale must be greater than 0 and at most 1000 (got {Scale})."), nameof(Scale));
        }

        if (End <= Start)
        {
            throw new ArgumentException(
                string.Create(inv, $"--end must be after --start (got {Start:yyyy-MM-dd} to {End:yyyy-MM-dd})."),
                nameof(End));
        }

        if (double.IsNaN(DirtyShare) || DirtyShare < 0 || DirtyShare > 0.2)
        {
            throw new ArgumentException(
                string.Create(inv, $"--dirty-share must be between 0 and 0.2 (got {DirtyShare})."), nameof(DirtyShare));
        }

        if (string.IsNullOrWhiteSpace(OutputDirectory))
        {
            throw new ArgumentException("--output must name a folder.", nameof(OutputDirectory));
        }
    }
}
