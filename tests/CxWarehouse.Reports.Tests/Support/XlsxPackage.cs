using System.IO.Compression;
using System.Text.RegularExpressions;

namespace CxWarehouse.Reports.Tests.Support;

/// <summary>Raw XML of an .xlsx package, to check what ClosedXML actually wrote.</summary>
internal static partial class XlsxPackage
{
    public static IReadOnlyList<(string Entry, string Xml)> Worksheets(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return [.. zip.Entries
            .Where(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal))
            .Select(e =>
            {
                using var reader = new StreamReader(e.Open());
                return (e.FullName, reader.ReadToEnd());
            })];
    }

    /// <summary>The cell data of a worksheet (conditional-format rules legitimately contain formulas).</summary>
    public static string SheetData(string worksheetXml)
    {
        var match = SheetDataPattern().Match(worksheetXml);
        return match.Success ? match.Value : "";
    }

    public static bool HasFormulaElement(string xml) => FormulaPattern().IsMatch(xml);

    [GeneratedRegex(@"<(\w+:)?sheetData[\s\S]*?</(\w+:)?sheetData>")]
    private static partial Regex SheetDataPattern();

    [GeneratedRegex(@"<(\w+:)?f[\s/>]")]
    private static partial Regex FormulaPattern();
}
