using System.Collections.Concurrent;
using CxWarehouse.Etl.Configuration;

namespace CxWarehouse.Etl.Extract;

/// <summary>Which files a stream reads, and how each one is read (its layout, encoding and JSON shape).</summary>
public sealed partial class Extractor
{
    // Per source, and sources are extracted side by side: concurrent collections.
    private readonly ConcurrentDictionary<string, SourceFiles> _classified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _failedEmpty = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _warnedUnrecognised = new(StringComparer.Ordinal);

    /// <summary>
    /// The files of <paramref name="mapping"/>'s stream. A built-in profile's files are recognised by what they
    /// hold (see <see cref="SourceClassifier"/>); a mapping written in the configuration reads its pattern's files.
    /// </summary>
    private List<ClassifiedFile> FilesOf(SourceInput input, StreamMapping mapping, List<string> warnings)
    {
        if (input.Profile == "custom")
        {
            return ResolveFiles(input.Path, mapping.Files)
                .Select(f => new ClassifiedFile(f, mapping, FilePeek.TryRead(f, input.Encoding ?? mapping.Reader.Encoding)))
                .ToList();
        }
        var classified = Classification(input);
        if (classified.Unrecognised.Count > 0 && _warnedUnrecognised.TryAdd(input.Name, true))
        {
            var folder = Directory.Exists(input.Path) ? input.Path : Path.GetDirectoryName(input.Path)!;
            warnings.Add($"{input.Name}: {classified.Unrecognised.Count} file(s) are not a {input.Profile} export this "
                + "profile recognises and were not read: "
                + string.Join(", ", classified.Unrecognised.Take(10).Select(f => Path.GetRelativePath(folder, f)))
                + (classified.Unrecognised.Count > 10 ? ", ..." : "")
                + "; move them out of the folder, or check that they are the export the profile describes"
                + ReportExportHint(input, classified.Unrecognised));
        }
        return [.. classified.For(mapping.Stream.Name)];
    }

    /// <summary>
    /// The files each stream of a file-based source reads (recognised by content for a built-in profile, by
    /// pattern for a mapping of one's own), and the files no stream recognises. Changes nothing.
    /// </summary>
    public static (IReadOnlyDictionary<string, IReadOnlyList<string>> ByStream, IReadOnlyList<string> Unrecognised)
        RecogniseFiles(SourceInput input)
    {
        if (input.Profile == "custom")
        {
            return (input.Mapping.Streams.Values.Where(m => !m.Reader.IsSql)
                .Where(m => input.Streams.Count == 0 || input.Streams.Contains(m.Stream.Name))
                .ToDictionary(m => m.Stream.Name, m => (IReadOnlyList<string>)ResolveFiles(input.Path, m.Files),
                    StringComparer.Ordinal), []);
        }
        var classified = SourceClassifier.Classify(input);
        return (classified.ByStream.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value.Select(f => f.Path).ToList(),
            StringComparer.Ordinal), classified.Unrecognised);
    }

    /// <summary>
    /// The size of a file <see cref="RecogniseFiles"/> names (of a file inside a .zip archive, its own), opening it:
    /// a file that cannot be read throws IOException or UnauthorizedAccessException.
    /// </summary>
    public static long FileLength(string path)
    {
        if (ZipMembers.TrySplit(path, out var archive, out var member))
        {
            try
            {
                using var zip = System.IO.Compression.ZipFile.OpenRead(archive);
                return (zip.GetEntry(member) ?? throw new IOException($"{member} is not in {archive}")).Length;
            }
            catch (InvalidDataException ex)
            {
                throw new IOException(ex.Message, ex);
            }
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return stream.Length;
    }

    private SourceFiles Classification(SourceInput input)
    {
        return _classified.GetOrAdd(input.Name, _ => SourceClassifier.Classify(input));
    }

    /// <summary>
    /// For a file-based source whose folder holds no file any of its streams can read: what to say. Null when some
    /// stream has a file, or when the source is read through SQL.
    /// </summary>
    private string? NoReadableFile(SourceInput input)
    {
        if (input.Profile == "custom" || input.Mapping.Streams.Values.Any(m => m.Reader.IsSql))
        {
            return null;
        }
        var classified = Classification(input);
        if (classified.ByStream.Values.Any(f => f.Count > 0))
        {
            return null;
        }
        var seen = classified.Seen.Count == 0
            ? "the folder is empty"
            : $"{classified.Seen.Count} file(s) seen ({string.Join(", ", classified.Seen.Take(5).Select(Path.GetFileName))}"
                + (classified.Seen.Count > 5 ? ", ..." : "") + "), none of them one";
        // A file in UTF-16 without a byte-order mark (Qualtrics' TSV saved again, say) cannot be recognised until
        // its encoding is declared: say so rather than only "none of them one".
        var utf16 = input.Encoding is null
            ? classified.Seen.Select(f => (File: f, Encoding: Utf16WithoutMark(f))).FirstOrDefault(f => f.Encoding is not null)
            : default;
        var hint = utf16.Encoding is { } encoding
            ? $"; {Path.GetFileName(utf16.File)} looks like {encoding} text without a byte-order mark: set encoding: {encoding} on the source"
            : "";
        hint += ReportExportHint(input, classified.Seen) + WorkbookHint(input, classified.Seen);
        return $"{input.Name}: no readable {input.Profile} export in {input.Path}: {seen}{hint}; point path at the "
            + "export's folder, or mark the source optional: true if it may have no files";
    }

    /// <summary>
    /// For the first of <paramref name="files"/> that is a Salesforce report export, what it is and what to export
    /// instead; else "". A report's Export (Details Only, or Export Details in Classic) heads its columns with labels
    /// (Opportunity Name, Close Date) and, in Classic, ends with a footer (Confidential Information - Do Not
    /// Distribute, Copyright (c) 2000-2023 salesforce.com, inc. All rights reserved., Generated By:): it is a report
    /// of the data, not the objects' export a profile reads.
    /// </summary>
    private static string ReportExportHint(SourceInput input, IEnumerable<string> files)
    {
        var report = files.Take(50).FirstOrDefault(IsSalesforceReport);
        return report is null ? "" : $"; {Path.GetFileName(report)} is a Salesforce report export (a report's Export, "
            + $"Details Only or Export Details: column labels and a footer after the rows), which the {input.Profile} "
            + "profile does not read: export the objects instead with Data Export (Setup > Data Export) or Data Loader, "
            + "whose CSV files name each column by its API field name (Id, Name, StageName, CloseDate)";
    }

    /// <summary>
    /// For the first of <paramref name="files"/> that is an Excel workbook the profile could not read, what it is and
    /// what to do; else "". A workbook (.xlsx, or .xls) is read as the CSV of its first sheet (<see cref="WorkbookCsv"/>),
    /// so one found here cannot be read or holds something else on that sheet.
    /// </summary>
    private static string WorkbookHint(SourceInput input, IEnumerable<string> files)
    {
        var workbook = files.Take(50).FirstOrDefault(WorkbookCsv.IsWorkbook);
        return workbook is null ? ""
            : WorkbookFault(workbook) is { } fault ? "; " + fault
            : $"; {Path.GetFileName(workbook)} is an Excel workbook whose first sheet is not a {input.Profile} "
                + "export (a workbook is read from its first sheet, first row the header): move the export's sheet "
                + "to the front, or export the data again";
    }

    /// <summary>Why the workbook cannot be read, or null when it can.</summary>
    private static string? WorkbookFault(string path)
    {
        try
        {
            WorkbookCsv.Peek(path, 1);
            return null;
        }
        catch (SourceFileException ex)
        {
            return ex.Message;
        }
    }

    private static readonly string[] s_reportFooters =
        ["salesforce.com, inc. All rights reserved", "Confidential Information - Do Not Distribute"];

    /// <summary>Labels only a Salesforce report heads its columns with (HubSpot writes Contact owner, in lower case).</summary>
    private static readonly string[] s_reportLabels =
        ["Opportunity Name", "Opportunity Owner", "Opportunity ID", "Account Owner", "Case Owner", "Contact Owner", "Lead Owner"];

    /// <summary>True when a CSV file ends with a Salesforce report's footer or is headed with its labels.</summary>
    private static bool IsSalesforceReport(string path)
    {
        if (SourceFileInspector.IsGzip(path))
        {
            return false;
        }
        try
        {
            using var file = File.OpenRead(path);
            var start = new byte[(int)Math.Min(file.Length, 4096)];
            file.ReadExactly(start);
            var mark = FilePeek.BomOf(start) == "utf-8" ? 3 : 0;
            var firstLine = System.Text.Encoding.Latin1.GetString(start, mark, start.Length - mark).Split('\n')[0];
            var labels = firstLine.Split(',').Select(c => c.Trim().Trim('"')).ToHashSet(StringComparer.Ordinal);
            if (s_reportLabels.Any(labels.Contains))
            {
                return true;
            }
            var tail = new byte[(int)Math.Min(file.Length, 4096)];
            file.Seek(-tail.Length, SeekOrigin.End);
            file.ReadExactly(tail);
            var end = System.Text.Encoding.Latin1.GetString(tail);
            return s_reportFooters.Any(f => end.Contains(f, StringComparison.OrdinalIgnoreCase));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The UTF-16 a file's start reads as when it has no byte-order mark (which would decide it), else null.</summary>
    private static string? Utf16WithoutMark(string path)
    {
        try
        {
            Span<byte> start = stackalloc byte[512];
            using var file = File.OpenRead(path);
            var read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
            return read < 8 || FilePeek.BomOf(start[..read]) is not null ? null : TextEncodings.Utf16ByZeros(start[..read]);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// How one file is read: its layout's options, the encoding its byte-order mark declares (else the source's,
    /// else the layout's), the source's decimal separator, and for JSON the layout the file shows.
    /// </summary>
    private static ReaderOptions ReaderFor(SourceInput input, ClassifiedFile file, ReaderOptions streamReader)
    {
        var layout = file.Layout.Reader;
        var reader = layout with
        {
            Encoding = file.Peek?.BomEncoding ?? input.Encoding ?? layout.Encoding,
            Decimal = streamReader.Decimal,
        };
        if (reader.Format is SourceFormat.NdJson or SourceFormat.JsonDocument && file.Peek is { IsJson: true } peek)
        {
            if (reader.Format == SourceFormat.JsonDocument && reader.Records is not ("$" or "$[*]"))
            {
                // A mapping that names its records' path (Google's $.reviews) reads the document there.
                return reader with { Layout = JsonLayout.Document };
            }
            var keys = file.Layout.Detect.Columns.Count > 0 ? file.Layout.Detect.Columns : SourceClassifier.DefaultColumns(file.Layout);
            var (shape, records) = peek.LayoutFor(keys);
            reader = reader with
            {
                Format = shape == JsonLayout.Lines ? SourceFormat.NdJson : SourceFormat.JsonDocument,
                Layout = shape,
                Records = shape == JsonLayout.Document ? records : reader.Records,
            };
        }
        return reader;
    }
}
