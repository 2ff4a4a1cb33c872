using System.Globalization;

namespace CxWarehouse.Reports.Html;

/// <summary>
/// Small bars as table cells, for mail clients: every client that shows a table shows them, with no image to load.
/// </summary>
internal static class TableBars
{
    /// <summary>A 100-pixel bar, <paramref name="filled"/> pixels of it in <paramref name="color"/>.</summary>
    public static RawHtml Share(double filled, string color)
    {
        var end = (int)Math.Clamp(Math.Round(filled), 0, 100);
        var html = "<table role=\"presentation\" width=\"100\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" "
            + "style=\"width:100px;\"><tr>";
        if (end > 0)
        {
            html += Cell(end, color);
        }

        if (end < 100)
        {
            html += Cell(100 - end, Palette.NeutralBackground);
        }

        return new RawHtml(html + "</tr></table>");
    }

    private static string Cell(int width, string color) => string.Create(
        CultureInfo.InvariantCulture,
        $"<td width=\"{width}\" height=\"10\" bgcolor=\"{color}\" "
        + $"style=\"width:{width}px;height:10px;background-color:{color};font-size:1px;line-height:1px;\">&nbsp;</td>");
}
