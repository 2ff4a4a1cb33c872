using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CxWarehouse.Reports.Excel;

/// <summary>
/// Saves an <see cref="XlsxWorkbook"/> as an Office Open XML package (SpreadsheetML, ECMA-376), each part streamed
/// with an <see cref="XmlWriter"/> into the zip: the sheets with shared strings and one style sheet, the comments
/// (with the VML shapes Excel draws them with) and the native charts (a drawing part per sheet, a chart part per
/// chart). Written directly rather than through an object model: a report's workbook took most of its time that way.
/// </summary>
internal static class XlsxPackageWriter
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRel = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string ContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string SheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    private const int FirstCustomFormat = 164;

    /// <summary>
    /// A column's stored width counts the cell padding besides its characters: Excel's default 8.43 is stored as
    /// 9.140625 (the 5 pixels of padding at Calibri 11's 7-pixel digit).
    /// </summary>
    private const double ColumnPadding = 0.710625;

    private static readonly XmlWriterSettings s_settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        CloseOutput = false,
    };

    /// <summary>Writes <paramref name="workbook"/> and its <paramref name="charts"/> to <paramref name="output"/>.</summary>
    public static void Save(XlsxWorkbook workbook, IReadOnlyList<SheetChart> charts, Stream output)
    {
        var styles = new StyleTable();
        var strings = new StringTable();
        var commented = workbook.Sheets
            .Select(sheet => sheet.Cells.Where(c => c.Comment is not null).OrderBy(c => c.Row).ThenBy(c => c.Column).ToList())
            .ToList();
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);

        // The content types first, as Office writes them (tools that sniff a file's type read the first entry).
        WritePart(zip, "[Content_Types].xml", w => WriteContentTypes(w, ContentTypeOverrides(workbook, charts, commented)));
        WriteRelationships(zip, "_rels/.rels",
        [
            ("rId1", Rel + "/officeDocument", "xl/workbook.xml"),
            ("rId2", PackageRel + "/metadata/core-properties", "docProps/core.xml"),
            ("rId3", Rel + "/extended-properties", "docProps/app.xml"),
        ]);
        WritePart(zip, "docProps/core.xml", w => WriteCore(w, workbook));
        WritePart(zip, "docProps/app.xml", WriteApp);
        WritePart(zip, "xl/workbook.xml", w => WriteWorkbook(w, workbook));
        WriteRelationships(zip, "xl/_rels/workbook.xml.rels",
        [
            .. workbook.Sheets.Select((_, i) => ($"rId{i + 1}", Rel + "/worksheet", $"worksheets/sheet{i + 1}.xml")),
            ($"rId{workbook.Sheets.Count + 1}", Rel + "/styles", "styles.xml"),
            ($"rId{workbook.Sheets.Count + 2}", Rel + "/sharedStrings", "sharedStrings.xml"),
        ]);

        var chartNumber = 0;
        var drawingNumber = 0;
        var commentNumber = 0;
        for (var i = 0; i < workbook.Sheets.Count; i++)
        {
            var sheet = workbook.Sheets[i];
            var relationships = new List<(string Id, string Type, string Target)>();
            string? drawingId = null;
            var sheetCharts = charts.Where(c => c.Sheet == sheet.Name).ToList();
            if (sheetCharts.Count > 0)
            {
                drawingNumber++;
                drawingId = $"rId{relationships.Count + 1}";
                relationships.Add((drawingId, Rel + "/drawing", $"../drawings/drawing{drawingNumber}.xml"));
                WriteDrawing(zip, drawingNumber, sheetCharts, ref chartNumber);
            }

            string? legacyId = null;
            if (commented[i].Count > 0)
            {
                commentNumber++;
                relationships.Add(($"rId{relationships.Count + 1}", Rel + "/comments", $"../comments{commentNumber}.xml"));
                legacyId = $"rId{relationships.Count + 1}";
                relationships.Add((legacyId, Rel + "/vmlDrawing", $"../drawings/vmlDrawing{commentNumber}.vml"));
                WriteComments(zip, commentNumber, commented[i]);
            }

            WritePart(zip, $"xl/worksheets/sheet{i + 1}.xml", w => WriteSheet(w, sheet, styles, strings, drawingId, legacyId));
            if (relationships.Count > 0)
            {
                WriteRelationships(zip, $"xl/worksheets/_rels/sheet{i + 1}.xml.rels", relationships);
            }
        }

        // The sheets' texts and styles are known once every sheet is written.
        WritePart(zip, "xl/sharedStrings.xml", strings.Write);
        WritePart(zip, "xl/styles.xml", styles.Write);
    }

    /// <summary>The parts and their content types, numbered as <see cref="Save"/> writes them.</summary>
    private static List<(string Part, string Type)> ContentTypeOverrides(
        XlsxWorkbook workbook, IReadOnlyList<SheetChart> charts, List<List<XlsxCell>> commented)
    {
        var overrides = new List<(string Part, string Type)>
        {
            ("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
            ("xl/workbook.xml", SheetType + ".sheet.main+xml"),
            ("xl/styles.xml", SheetType + ".styles+xml"),
            ("xl/sharedStrings.xml", SheetType + ".sharedStrings+xml"),
        };
        var chartNumber = 0;
        var drawingNumber = 0;
        var commentNumber = 0;
        for (var i = 0; i < workbook.Sheets.Count; i++)
        {
            overrides.Add(($"xl/worksheets/sheet{i + 1}.xml", SheetType + ".worksheet+xml"));
            var sheetCharts = charts.Count(c => c.Sheet == workbook.Sheets[i].Name);
            if (sheetCharts > 0)
            {
                overrides.Add(($"xl/drawings/drawing{++drawingNumber}.xml", "application/vnd.openxmlformats-officedocument.drawing+xml"));
                for (var c = 0; c < sheetCharts; c++)
                {
                    overrides.Add(($"xl/charts/chart{++chartNumber}.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"));
                }
            }

            if (commented[i].Count > 0)
            {
                overrides.Add(($"xl/comments{++commentNumber}.xml", SheetType + ".comments+xml"));
            }
        }

        return overrides;
    }

    private static void WritePart(ZipArchive zip, string name, Action<XmlWriter> write)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        using var writer = XmlWriter.Create(stream, s_settings);
        writer.WriteStartDocument(standalone: true);
        write(writer);
        writer.WriteEndDocument();
    }

    private static void WriteXml(ZipArchive zip, string name, XElement root) =>
        WritePart(zip, name, root.WriteTo);

    private static void WriteRelationships(ZipArchive zip, string name, IEnumerable<(string Id, string Type, string Target)> relationships) =>
        WritePart(zip, name, w =>
        {
            w.WriteStartElement("Relationships", PackageRel);
            foreach (var (id, type, target) in relationships)
            {
                w.WriteStartElement("Relationship", PackageRel);
                w.WriteAttributeString("Id", id);
                w.WriteAttributeString("Type", type);
                w.WriteAttributeString("Target", target);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        });

    private static void WriteContentTypes(XmlWriter w, List<(string Part, string Type)> overrides)
    {
        w.WriteStartElement("Types", ContentTypes);
        foreach (var (extension, type) in new[]
                 {
                     ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
                     ("xml", "application/xml"),
                     ("vml", "application/vnd.openxmlformats-officedocument.vmlDrawing"),
                 })
        {
            w.WriteStartElement("Default", ContentTypes);
            w.WriteAttributeString("Extension", extension);
            w.WriteAttributeString("ContentType", type);
            w.WriteEndElement();
        }

        foreach (var (part, type) in overrides)
        {
            w.WriteStartElement("Override", ContentTypes);
            w.WriteAttributeString("PartName", "/" + part);
            w.WriteAttributeString("ContentType", type);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteCore(XmlWriter w, XlsxWorkbook workbook)
    {
        const string cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
        const string dc = "http://purl.org/dc/elements/1.1/";
        w.WriteStartElement("cp", "coreProperties", cp);
        w.WriteAttributeString("xmlns", "dc", null, dc);
        // The title comes from the configuration: control characters would make the part invalid XML.
        w.WriteElementString("dc", "title", dc, SafeCell.Sanitize(workbook.Title));
        w.WriteElementString("dc", "creator", dc, SafeCell.Sanitize(workbook.Author));
        w.WriteEndElement();
    }

    private static void WriteApp(XmlWriter w)
    {
        const string ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
        w.WriteStartElement("Properties", ns);
        w.WriteElementString("Application", ns, "CxWarehouse");
        w.WriteEndElement();
    }

    private static void WriteWorkbook(XmlWriter w, XlsxWorkbook workbook)
    {
        w.WriteStartElement("workbook", Main);
        w.WriteAttributeString("xmlns", "r", null, Rel);
        var active = Math.Max(0, workbook.Sheets.ToList().FindIndex(s => s.TabActive));
        w.WriteStartElement("bookViews", Main);
        Empty(w, "workbookView", ("activeTab", Text(active)));
        w.WriteEndElement();
        w.WriteStartElement("sheets", Main);
        for (var i = 0; i < workbook.Sheets.Count; i++)
        {
            w.WriteStartElement("sheet", Main);
            w.WriteAttributeString("name", workbook.Sheets[i].Name);
            w.WriteAttributeString("sheetId", Text(i + 1));
            w.WriteAttributeString("r", "id", Rel, $"rId{i + 1}");
            w.WriteEndElement();
        }

        w.WriteEndElement();
        var names = new List<(string Name, int Sheet, string Value, bool Hidden)>();
        for (var i = 0; i < workbook.Sheets.Count; i++)
        {
            var sheet = workbook.Sheets[i];
            var quoted = "'" + sheet.Name.Replace("'", "''", StringComparison.Ordinal) + "'!";
            if (sheet.AutoFilter is { } filter)
            {
                names.Add(("_xlnm._FilterDatabase", i, quoted + Absolute(filter), true));
            }

            if (sheet.PageSetup.RepeatRowsTo > 0)
            {
                // Relative rows (1:4), as ClosedXML wrote them: Excel repeats them on every page. LibreOffice reads only
                // the absolute form ($1:$4), and then draws the charts of every page after the first shifted up by the
                // repeated rows, over the table (the render test saw it): the workbook keeps the form it prints right in.
                names.Add(("_xlnm.Print_Titles", i, quoted + $"1:{Text(sheet.PageSetup.RepeatRowsTo)}", false));
            }
        }

        if (names.Count > 0)
        {
            w.WriteStartElement("definedNames", Main);
            foreach (var (name, sheet, value, hidden) in names)
            {
                w.WriteStartElement("definedName", Main);
                w.WriteAttributeString("name", name);
                w.WriteAttributeString("localSheetId", Text(sheet));
                if (hidden)
                {
                    w.WriteAttributeString("hidden", "1");
                }

                w.WriteString(value);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static string Absolute(XlsxRange range) =>
        $"${XlsxSheet.ColumnName(range.FirstColumn)}${Text(range.FirstRow)}:${XlsxSheet.ColumnName(range.LastColumn)}${Text(range.LastRow)}";

    private static void WriteSheet(
        XmlWriter w, XlsxSheet sheet, StyleTable styles, StringTable strings, string? drawingId, string? legacyId)
    {
        var rows = sheet.Cells.GroupBy(c => c.Row).OrderBy(g => g.Key).ToList();
        w.WriteStartElement("worksheet", Main);
        w.WriteAttributeString("xmlns", "r", null, Rel);
        if (sheet.PageSetup.FitToPagesWide > 0)
        {
            w.WriteStartElement("sheetPr", Main);
            Empty(w, "pageSetUpPr", ("fitToPage", "1"));
            w.WriteEndElement();
        }

        Empty(w, "dimension", ("ref", rows.Count == 0
            ? "A1"
            : XlsxSheet.Address(rows[0].Key, rows.Min(r => r.Min(c => c.Column))) + ":"
                + XlsxSheet.Address(rows[^1].Key, rows.Max(r => r.Max(c => c.Column)))));

        w.WriteStartElement("sheetViews", Main);
        w.WriteStartElement("sheetView", Main);
        if (sheet.TabActive)
        {
            w.WriteAttributeString("tabSelected", "1");
        }

        w.WriteAttributeString("workbookViewId", "0");
        if (sheet.FrozenRows > 0)
        {
            Empty(w, "pane",
                ("ySplit", Text(sheet.FrozenRows)), ("topLeftCell", XlsxSheet.Address(sheet.FrozenRows + 1, 1)),
                ("activePane", "bottomLeft"), ("state", "frozen"));
            Empty(w, "selection", ("pane", "bottomLeft"));
        }

        w.WriteEndElement();
        w.WriteEndElement();
        Empty(w, "sheetFormatPr", ("defaultRowHeight", Text(XlsxSheet.DefaultHeight)));

        var columns = sheet.Widths.Keys.Concat(sheet.ColumnStyles.Keys).Distinct().Order().ToList();
        if (columns.Count > 0)
        {
            w.WriteStartElement("cols", Main);
            foreach (var column in columns)
            {
                w.WriteStartElement("col", Main);
                w.WriteAttributeString("min", Text(column));
                w.WriteAttributeString("max", Text(column));
                w.WriteAttributeString("width", Text(Math.Round(sheet.ColumnWidth(column) + ColumnPadding, 6)));
                if (sheet.ColumnStyles.TryGetValue(column, out var style))
                {
                    w.WriteAttributeString("style", Text(styles.Index(style)));
                }

                if (sheet.Widths.ContainsKey(column))
                {
                    w.WriteAttributeString("customWidth", "1");
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteStartElement("sheetData", Main);
        var rowNumbers = rows.Select(g => g.Key).Concat(sheet.Heights.Keys).Concat(sheet.RowStyles.Keys).Distinct().Order();
        var byRow = rows.ToDictionary(g => g.Key, g => g.OrderBy(c => c.Column).ToList());
        foreach (var row in rowNumbers)
        {
            w.WriteStartElement("row", Main);
            w.WriteAttributeString("r", Text(row));
            if (sheet.RowStyles.TryGetValue(row, out var rowStyle))
            {
                w.WriteAttributeString("s", Text(styles.Index(rowStyle)));
                w.WriteAttributeString("customFormat", "1");
            }

            if (sheet.Heights.TryGetValue(row, out var height))
            {
                w.WriteAttributeString("ht", Text(height));
                w.WriteAttributeString("customHeight", "1");
            }

            foreach (var cell in byRow.GetValueOrDefault(row) ?? [])
            {
                w.WriteStartElement("c", Main);
                w.WriteAttributeString("r", XlsxSheet.Address(cell.Row, cell.Column));
                var style = styles.Index(cell.CurrentStyle);
                if (style != 0)
                {
                    w.WriteAttributeString("s", Text(style));
                }

                if (cell.Text is { } text)
                {
                    w.WriteAttributeString("t", "s");
                    w.WriteElementString("v", Main, Text(strings.Index(text)));
                }
                else if (cell.Number is { } number)
                {
                    w.WriteElementString("v", Main, number.ToString("R", CultureInfo.InvariantCulture));
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();

        if (sheet.AutoFilter is { } filter)
        {
            Empty(w, "autoFilter", ("ref", filter.Reference));
        }

        if (sheet.Merged.Count > 0)
        {
            w.WriteStartElement("mergeCells", Main);
            w.WriteAttributeString("count", Text(sheet.Merged.Count));
            foreach (var merged in sheet.Merged)
            {
                Empty(w, "mergeCell", ("ref", merged.Reference));
            }

            w.WriteEndElement();
        }

        var priority = 0;
        foreach (var format in sheet.ConditionalFormats)
        {
            WriteConditionalFormat(w, format, ++priority);
        }

        var page = sheet.PageSetup;
        Empty(w, "pageMargins",
            ("left", Text(page.MarginLeft)), ("right", Text(page.MarginRight)), ("top", Text(page.MarginTop)),
            ("bottom", Text(page.MarginBottom)), ("header", "0.3"), ("footer", "0.3"));
        w.WriteStartElement("pageSetup", Main);
        w.WriteAttributeString("paperSize", "9"); // A4
        if (page.FitToPagesWide > 0)
        {
            w.WriteAttributeString("fitToWidth", Text(page.FitToPagesWide));
            w.WriteAttributeString("fitToHeight", "0");
        }

        w.WriteAttributeString("orientation", page.Landscape ? "landscape" : "portrait");
        w.WriteEndElement();
        if (page.CenterFooter is { } footer)
        {
            w.WriteStartElement("headerFooter", Main);
            w.WriteElementString("oddFooter", Main, "&C" + footer);
            w.WriteEndElement();
        }

        if (page.RowBreaks.Count > 0)
        {
            var breaks = page.RowBreaks.Distinct().Order().ToList();
            w.WriteStartElement("rowBreaks", Main);
            w.WriteAttributeString("count", Text(breaks.Count));
            w.WriteAttributeString("manualBreakCount", Text(breaks.Count));
            foreach (var row in breaks)
            {
                Empty(w, "brk", ("id", Text(row)), ("max", "16383"), ("man", "1"));
            }

            w.WriteEndElement();
        }

        if (drawingId is not null)
        {
            w.WriteStartElement("drawing", Main);
            w.WriteAttributeString("r", "id", Rel, drawingId);
            w.WriteEndElement();
        }

        if (legacyId is not null)
        {
            w.WriteStartElement("legacyDrawing", Main);
            w.WriteAttributeString("r", "id", Rel, legacyId);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteConditionalFormat(XmlWriter w, ConditionalFormat format, int priority)
    {
        w.WriteStartElement("conditionalFormatting", Main);
        w.WriteAttributeString("sqref", format.Range.Reference);
        w.WriteStartElement("cfRule", Main);
        if (format.ScaleColors is { } colors)
        {
            w.WriteAttributeString("type", "colorScale");
            w.WriteAttributeString("priority", Text(priority));
            w.WriteStartElement("colorScale", Main);
            Cfvo(w, "min", null);
            Cfvo(w, "percentile", "50");
            Cfvo(w, "max", null);
            foreach (var color in colors)
            {
                Color(w, "color", color);
            }
        }
        else
        {
            w.WriteAttributeString("type", "dataBar");
            w.WriteAttributeString("priority", Text(priority));
            w.WriteStartElement("dataBar", Main);
            Cfvo(w, "num", Text(format.Minimum!.Value));
            Cfvo(w, "num", Text(format.Maximum!.Value));
            Color(w, "color", format.BarColor!);
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        static void Cfvo(XmlWriter w, string type, string? value)
        {
            w.WriteStartElement("cfvo", Main);
            w.WriteAttributeString("type", type);
            if (value is not null)
            {
                w.WriteAttributeString("val", value);
            }

            w.WriteEndElement();
        }
    }

    private static void Color(XmlWriter w, string element, string rgb)
    {
        w.WriteStartElement(element, Main);
        w.WriteAttributeString("rgb", Argb(rgb));
        w.WriteEndElement();
    }

    private static string Argb(string rgb) => "FF" + rgb.TrimStart('#').ToUpperInvariant();

    /// <summary>An element of the main namespace with attributes and no content: <c>&lt;col min="1" max="1"/&gt;</c>.</summary>
    private static void Empty(XmlWriter w, string name, params (string Name, string Value)[] attributes)
    {
        w.WriteStartElement(name, Main);
        foreach (var (attribute, value) in attributes)
        {
            w.WriteAttributeString(attribute, value);
        }

        w.WriteEndElement();
    }

    private static void WriteDrawing(ZipArchive zip, int drawing, List<SheetChart> charts, ref int chartNumber)
    {
        var anchors = WorkbookCharts.Drawing();
        var relationships = new List<(string Id, string Type, string Target)>();
        var number = 0;
        foreach (var chart in charts)
        {
            number++;
            chartNumber++;
            var part = $"xl/charts/chart{chartNumber}.xml";
            WriteXml(zip, part, WorkbookCharts.ChartXml(chart));
            var id = $"rId{number}";
            relationships.Add((id, Rel + "/chart", $"../charts/chart{chartNumber}.xml"));
            anchors.Add(WorkbookCharts.Anchor(chart, number, id));
        }

        var drawingPart = $"xl/drawings/drawing{drawing}.xml";
        WriteXml(zip, drawingPart, anchors);
        WriteRelationships(zip, $"xl/drawings/_rels/drawing{drawing}.xml.rels", relationships);
    }

    /// <summary>The comments part and the VML drawing that shows each comment (hidden until its cell is pointed at).</summary>
    private static void WriteComments(ZipArchive zip, int number, List<XlsxCell> cells)
    {
        WritePart(zip, $"xl/comments{number}.xml", w =>
        {
            w.WriteStartElement("comments", Main);
            w.WriteStartElement("authors", Main);
            w.WriteElementString("author", Main, WorkbookWriter.Author);
            w.WriteEndElement();
            w.WriteStartElement("commentList", Main);
            foreach (var cell in cells)
            {
                w.WriteStartElement("comment", Main);
                w.WriteAttributeString("ref", XlsxSheet.Address(cell.Row, cell.Column));
                w.WriteAttributeString("authorId", "0");
                w.WriteStartElement("text", Main);
                w.WriteStartElement("r", Main);
                w.WriteStartElement("t", Main);
                w.WriteAttributeString("xml", "space", null, "preserve");
                w.WriteString(cell.Comment);
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
        });

        const string v = "urn:schemas-microsoft-com:vml";
        const string o = "urn:schemas-microsoft-com:office:office";
        const string x = "urn:schemas-microsoft-com:office:excel";
        using var stream = zip.CreateEntry($"xl/drawings/vmlDrawing{number}.vml", CompressionLevel.Optimal).Open();
        using var writer = XmlWriter.Create(stream, s_settings);
        writer.WriteStartElement("xml");
        writer.WriteAttributeString("xmlns", "v", null, v);
        writer.WriteAttributeString("xmlns", "o", null, o);
        writer.WriteAttributeString("xmlns", "x", null, x);
        writer.WriteStartElement("o", "shapelayout", o);
        writer.WriteAttributeString("v", "ext", v, "edit");
        writer.WriteStartElement("o", "idmap", o);
        writer.WriteAttributeString("v", "ext", v, "edit");
        writer.WriteAttributeString("data", Text(number));
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteStartElement("v", "shapetype", v);
        writer.WriteAttributeString("id", "_x0000_t202");
        writer.WriteAttributeString("coordsize", "21600,21600");
        writer.WriteAttributeString("o", "spt", o, "202");
        writer.WriteAttributeString("path", "m,l,21600r21600,l21600,xe");
        writer.WriteStartElement("v", "stroke", v);
        writer.WriteAttributeString("joinstyle", "miter");
        writer.WriteEndElement();
        writer.WriteStartElement("v", "path", v);
        writer.WriteAttributeString("gradientshapeok", "t");
        writer.WriteAttributeString("o", "connecttype", o, "rect");
        writer.WriteEndElement();
        writer.WriteEndElement();
        var shape = number * 1024;
        foreach (var cell in cells)
        {
            shape++;
            writer.WriteStartElement("v", "shape", v);
            writer.WriteAttributeString("id", $"_x0000_s{Text(shape)}");
            writer.WriteAttributeString("type", "#_x0000_t202");
            writer.WriteAttributeString("style",
                "position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:240pt;height:80pt;z-index:1;visibility:hidden");
            writer.WriteAttributeString("fillcolor", "#ffffe1");
            writer.WriteAttributeString("o", "insetmode", o, "auto");
            writer.WriteStartElement("v", "fill", v);
            writer.WriteAttributeString("color2", "#ffffe1");
            writer.WriteEndElement();
            writer.WriteStartElement("v", "shadow", v);
            writer.WriteAttributeString("on", "t");
            writer.WriteAttributeString("color", "black");
            writer.WriteAttributeString("obscured", "t");
            writer.WriteEndElement();
            writer.WriteStartElement("v", "path", v);
            writer.WriteAttributeString("o", "connecttype", o, "none");
            writer.WriteEndElement();
            writer.WriteStartElement("v", "textbox", v);
            writer.WriteAttributeString("style", "mso-direction-alt:auto");
            writer.WriteStartElement("div");
            writer.WriteAttributeString("style", "text-align:left");
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteStartElement("x", "ClientData", x);
            writer.WriteAttributeString("ObjectType", "Note");
            writer.WriteElementString("x", "MoveWithCells", x, "");
            writer.WriteElementString("x", "SizeWithCells", x, "");
            // Left column and offset, top row and offset, right column and offset, bottom row and offset.
            writer.WriteElementString("x", "Anchor", x,
                $"{Text(cell.Column)}, 15, {Text(cell.Row - 1)}, 2, {Text(cell.Column + 4)}, 15, {Text(cell.Row + 4)}, 16");
            writer.WriteElementString("x", "AutoFill", x, "False");
            writer.WriteElementString("x", "Row", x, Text(cell.Row - 1));
            writer.WriteElementString("x", "Column", x, Text(cell.Column - 1));
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Distinct values numbered in the order first seen: what the shared strings and cell formats are.</summary>
    private sealed class IndexedSet<T>(IEqualityComparer<T>? comparer = null)
        where T : notnull
    {
        private readonly Dictionary<T, int> _index = new(comparer);
        private readonly List<T> _items = [];

        public IReadOnlyList<T> Items => _items;

        public int Index(T item)
        {
            if (!_index.TryGetValue(item, out var index))
            {
                index = _items.Count;
                _index.Add(item, index);
                _items.Add(item);
            }

            return index;
        }
    }

    /// <summary>The shared strings: each distinct text once, referred to by its index.</summary>
    private sealed class StringTable
    {
        private readonly IndexedSet<string> _strings = new(StringComparer.Ordinal);
        private int _count;

        public int Index(string text)
        {
            _count++;
            return _strings.Index(text);
        }

        public void Write(XmlWriter w)
        {
            w.WriteStartElement("sst", Main);
            w.WriteAttributeString("count", Text(_count));
            w.WriteAttributeString("uniqueCount", Text(_strings.Items.Count));
            foreach (var text in _strings.Items)
            {
                w.WriteStartElement("si", Main);
                w.WriteStartElement("t", Main);
                w.WriteAttributeString("xml", "space", null, "preserve");
                w.WriteString(text);
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }
    }

    /// <summary>
    /// The style sheet: each distinct cell style one cell format (<c>xf</c>), built from the distinct fonts, fills,
    /// borders and number formats. Every number format is written as a custom one, with its code.
    /// </summary>
    private sealed class StyleTable
    {
        private readonly IndexedSet<XlsxStyle> _styles = new();
        private readonly Dictionary<string, int> _formats = new(StringComparer.Ordinal);
        private readonly Dictionary<(bool, bool, bool, double, string?), int> _fonts = [];
        private readonly Dictionary<string, int> _fills = new(StringComparer.Ordinal);
        private readonly Dictionary<CellBorders, int> _borders = [];

        public StyleTable() => Index(XlsxStyle.Default);

        public int Index(XlsxStyle style) => _styles.Index(style);

        public void Write(XmlWriter w)
        {
            var xfs = new List<(int Format, int Font, int Fill, int Border, XlsxStyle Style)>();
            _fonts[(false, false, false, 11, null)] = 0;
            _borders[default] = 0;
            foreach (var style in _styles.Items)
            {
                var format = style.NumberFormat is { } code
                    ? Lookup(_formats, code, FirstCustomFormat)
                    : 0;
                var font = Lookup(_fonts, (style.Bold, style.Italic, style.Underline, style.FontSize, style.FontColor), 0);
                var fill = style.Fill is { } rgb ? Lookup(_fills, rgb, 2) : 0;
                var border = Lookup(_borders, style.Borders, 0);
                xfs.Add((format, font, fill, border, style));
            }

            w.WriteStartElement("styleSheet", Main);
            if (_formats.Count > 0)
            {
                w.WriteStartElement("numFmts", Main);
                w.WriteAttributeString("count", Text(_formats.Count));
                foreach (var (code, id) in _formats.OrderBy(f => f.Value))
                {
                    Empty(w, "numFmt", ("numFmtId", Text(id)), ("formatCode", code));
                }

                w.WriteEndElement();
            }

            w.WriteStartElement("fonts", Main);
            w.WriteAttributeString("count", Text(_fonts.Count));
            foreach (var ((bold, italic, underline, size, color), _) in _fonts.OrderBy(f => f.Value))
            {
                w.WriteStartElement("font", Main);
                if (bold)
                {
                    w.WriteElementString("b", Main, null);
                }

                if (italic)
                {
                    w.WriteElementString("i", Main, null);
                }

                if (underline)
                {
                    w.WriteElementString("u", Main, null);
                }

                Empty(w, "sz", ("val", Text(size)));
                if (color is not null)
                {
                    Color(w, "color", color);
                }

                Empty(w, "name", ("val", "Calibri"));
                Empty(w, "family", ("val", "2"));
                w.WriteEndElement();
            }

            w.WriteEndElement();

            w.WriteStartElement("fills", Main);
            w.WriteAttributeString("count", Text(_fills.Count + 2));
            foreach (var pattern in new[] { "none", "gray125" })
            {
                w.WriteStartElement("fill", Main);
                Empty(w, "patternFill", ("patternType", pattern));
                w.WriteEndElement();
            }

            foreach (var (rgb, _) in _fills.OrderBy(f => f.Value))
            {
                w.WriteStartElement("fill", Main);
                w.WriteStartElement("patternFill", Main);
                w.WriteAttributeString("patternType", "solid");
                Color(w, "fgColor", rgb);
                Empty(w, "bgColor", ("indexed", "64"));
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();

            w.WriteStartElement("borders", Main);
            w.WriteAttributeString("count", Text(_borders.Count));
            foreach (var (borders, _) in _borders.OrderBy(b => b.Value))
            {
                w.WriteStartElement("border", Main);
                Side(w, "left", borders.Left, borders.Color);
                Side(w, "right", borders.Right, borders.Color);
                Side(w, "top", borders.Top, borders.Color);
                Side(w, "bottom", borders.Bottom, borders.Color);
                w.WriteElementString("diagonal", Main, null);
                w.WriteEndElement();
            }

            w.WriteEndElement();

            w.WriteStartElement("cellStyleXfs", Main);
            w.WriteAttributeString("count", "1");
            Empty(w, "xf", ("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"));
            w.WriteEndElement();

            w.WriteStartElement("cellXfs", Main);
            w.WriteAttributeString("count", Text(xfs.Count));
            foreach (var (format, font, fill, border, style) in xfs)
            {
                w.WriteStartElement("xf", Main);
                w.WriteAttributeString("numFmtId", Text(format));
                w.WriteAttributeString("fontId", Text(font));
                w.WriteAttributeString("fillId", Text(fill));
                w.WriteAttributeString("borderId", Text(border));
                w.WriteAttributeString("xfId", "0");
                if (format != 0)
                {
                    w.WriteAttributeString("applyNumberFormat", "1");
                }

                if (font != 0)
                {
                    w.WriteAttributeString("applyFont", "1");
                }

                if (fill != 0)
                {
                    w.WriteAttributeString("applyFill", "1");
                }

                if (border != 0)
                {
                    w.WriteAttributeString("applyBorder", "1");
                }

                var aligned = style.Horizontal != HorizontalAlignment.General || style.Vertical != VerticalAlignment.Bottom
                    || style.Wrap;
                if (aligned)
                {
                    w.WriteAttributeString("applyAlignment", "1");
                }

                if (style.QuotePrefix)
                {
                    w.WriteAttributeString("quotePrefix", "1");
                }

                if (aligned)
                {
                    w.WriteStartElement("alignment", Main);
                    if (style.Horizontal == HorizontalAlignment.Center)
                    {
                        w.WriteAttributeString("horizontal", "center");
                    }

                    if (style.Vertical != VerticalAlignment.Bottom)
                    {
                        w.WriteAttributeString("vertical", style.Vertical == VerticalAlignment.Top ? "top" : "center");
                    }

                    if (style.Wrap)
                    {
                        w.WriteAttributeString("wrapText", "1");
                    }

                    w.WriteEndElement();
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();

            w.WriteStartElement("cellStyles", Main);
            w.WriteAttributeString("count", "1");
            Empty(w, "cellStyle", ("name", "Normal"), ("xfId", "0"), ("builtinId", "0"));
            w.WriteEndElement();
            w.WriteEndElement();
        }

        private static int Lookup<TKey>(Dictionary<TKey, int> table, TKey key, int first)
            where TKey : notnull
        {
            if (!table.TryGetValue(key, out var id))
            {
                id = first + table.Count(e => e.Value >= first);
                table.Add(key, id);
            }

            return id;
        }

        private static void Side(XmlWriter w, string side, BorderLine line, string? color)
        {
            w.WriteStartElement(side, Main);
            if (line != BorderLine.None)
            {
                w.WriteAttributeString("style", line == BorderLine.Thin ? "thin" : "medium");
                if (color is not null)
                {
                    Color(w, "color", color);
                }
            }

            w.WriteEndElement();
        }
    }
}
