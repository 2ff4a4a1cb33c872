using System.IO.Enumeration;
using System.Text.RegularExpressions;
using CxWarehouse.Etl.Configuration;

namespace CxWarehouse.Etl.Extract;

/// <summary>One file of a source, given to the stream (and the layout of it) that recognised it.</summary>
internal sealed record ClassifiedFile(string Path, StreamMapping Layout, FilePeek? Peek);

/// <summary>Which files of a source each stream reads, and the files no stream recognised.</summary>
internal sealed record SourceFiles(
    IReadOnlyDictionary<string, IReadOnlyList<ClassifiedFile>> ByStream, IReadOnlyList<string> Unrecognised,
    IReadOnlyList<string> Seen)
{
    public IReadOnlyList<ClassifiedFile> For(string stream) =>
        ByStream.TryGetValue(stream, out var files) ? files : [];
}

/// <summary>
/// Assigns a built-in profile's files to its streams by what they hold, not by their names alone: real deliveries
/// are named by people and pipelines (HubSpot names an export after the view, Kinesis Firehose objects have no
/// extension, Salesforce's Data Loader writes extract.csv). Each file of the source's folder is peeked (its header
/// rows, or its first JSON record) and matched against every stream layout's <see cref="Detection"/>; a file whose
/// name a stream's pattern matches goes to that stream first. A file no stream recognises is reported.
/// </summary>
internal static class SourceClassifier
{
    public static SourceFiles Classify(SourceInput input)
    {
        var mappings = input.Mapping.Streams.Values
            .Where(m => input.Streams.Count == 0 || input.Streams.Contains(m.Stream.Name))
            .Where(m => !m.Reader.IsSql)
            .ToList();
        var byStream = mappings.ToDictionary(m => m.Stream.Name, _ => new List<ClassifiedFile>(), StringComparer.Ordinal);
        var unrecognised = new List<string>();
        var candidates = Candidates(input.Path);
        foreach (var file in candidates)
        {
            var peek = FilePeek.TryRead(file, input.Encoding ?? "utf-8");
            var named = mappings.Where(m => NameMatches(m.Files, file)).ToList();
            var matches = new List<(StreamMapping Stream, StreamMapping Layout, bool Named, bool Exact)>();
            if (peek is not null)
            {
                foreach (var mapping in mappings)
                {
                    foreach (var layout in mapping.Layouts)
                    {
                        if (Recognises(layout, peek, out var exact))
                        {
                            matches.Add((mapping, layout, named.Contains(mapping), exact));
                        }
                    }
                }
            }
            var best = matches
                .OrderByDescending(m => m.Named)
                .ThenByDescending(m => m.Exact)
                .ThenByDescending(m => m.Layout.Detect.Weight)
                .ToList();
            if (best.Count > 0 && (best.Count == 1 || best[0].Named != best[1].Named || best[0].Exact != best[1].Exact
                || best[0].Layout.Detect.Weight > best[1].Layout.Detect.Weight || best[0].Stream == best[1].Stream))
            {
                byStream[best[0].Stream.Stream.Name].Add(new ClassifiedFile(file, best[0].Layout, peek));
            }
            else if (best.Count == 0 && named.Count == 1)
            {
                // Named for one stream but not shaped like it: that stream reads it, and says what the file lacks.
                byStream[named[0].Stream.Name].Add(new ClassifiedFile(file, named[0], peek));
            }
            else
            {
                unrecognised.Add(file);
            }
        }
        return new SourceFiles(byStream.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<ClassifiedFile>)kv.Value,
            StringComparer.Ordinal), unrecognised, candidates);
    }

    /// <summary>
    /// Every file a source may hold: the path itself when it is a file, the glob's matches when it is a glob, else
    /// every file of the folder (not hidden), in name order; a .zip archive's files in its place (<see cref="ZipMembers"/>).
    /// </summary>
    private static List<string> Candidates(string path) => Extractor.ResolveFiles(path, "*")
        .SelectMany(f => ZipMembers.IsArchive(f) ? ZipMembers.Members(f) : [f])
        .ToList();

    /// <summary>A stream's file pattern matches the name, ignoring case and a .gz suffix.</summary>
    internal static bool NameMatches(string pattern, string file)
    {
        var name = Path.GetFileName(file);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^3];
        }
        return FileSystemName.MatchesSimpleExpression(Path.GetFileName(pattern), name, ignoreCase: true);
    }

    /// <summary>True when the file has the shape the layout's detection asks for.</summary>
    internal static bool Recognises(StreamMapping layout, FilePeek peek) => Recognises(layout, peek, out _);

    /// <summary>
    /// True when the file has the shape the layout's detection asks for; <paramref name="exactCase"/> says whether
    /// the header spells the names as the layout does (preferred over a match that ignores case).
    /// </summary>
    internal static bool Recognises(StreamMapping layout, FilePeek peek, out bool exactCase)
    {
        exactCase = true;
        var detect = layout.Detect;
        var reader = layout.Reader;
        if (reader.Format == SourceFormat.Csv)
        {
            if (peek.IsJson)
            {
                return false;
            }
            var rows = peek.CsvRecords(reader.Delimiter);
            if (rows.Count == 0)
            {
                return false;
            }
            foreach (var (number, pattern) in detect.Rows)
            {
                if (number > rows.Count || rows[number - 1].Count == 0
                    || !Regex.IsMatch(rows[number - 1][0], pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
                {
                    return false;
                }
            }
            if (reader.Header)
            {
                // Names a layout needs compare without case (Data Loader writes FIRSTNAME where the Data Export writes
                // FirstName); names it must not have are exact spellings (Qualtrics' legacy ResponseID, not ResponseId).
                var names = rows[0].Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
                var header = names.ToHashSet(StringComparer.OrdinalIgnoreCase);
                var exact = names.ToHashSet(StringComparer.Ordinal);
                var required = detect.Columns.Count > 0 ? detect.Columns : DefaultColumns(layout);
                exactCase = required.All(exact.Contains);
                return required.Count > 0 && required.All(header.Contains) && !detect.Without.Any(exact.Contains)
                    && (reader.ExtraHeaderRows == 0 || rows.Count > reader.ExtraHeaderRows);
            }
            var first = rows[0];
            var count = detect.Count ?? reader.Columns.Count;
            if (first.Count != count)
            {
                return false;
            }
            foreach (var (column, pattern) in detect.Match)
            {
                var at = reader.Columns.ToList().IndexOf(column);
                if (at < 0 || at >= first.Count || !Regex.IsMatch(first[at], pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
                {
                    return false;
                }
            }
            return true;
        }
        if (!peek.IsJson)
        {
            return false;
        }
        var keys = detect.Columns.Count > 0 ? detect.Columns : DefaultColumns(layout);
        return keys.Count > 0 && peek.HasRecordKeys(keys, detect.Without);
    }

    /// <summary>
    /// Without an explicit detection, the source columns of the required fields mapped to a plain column (for JSON,
    /// the top-level key of the path).
    /// </summary>
    internal static IReadOnlyList<string> DefaultColumns(StreamMapping layout)
    {
        var json = layout.Reader.Format is SourceFormat.NdJson or SourceFormat.JsonDocument;
        return layout.Stream.Fields
            .Where(f => f.Required && layout.Fields.TryGetValue(f.Name, out var m) && m.Column is not null)
            .Select(f => layout.Fields[f.Name].Column!)
            .Select(c => json ? TopKey(c) : c)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The record's top-level key a JSON path starts with: <c>$.Agent.Username</c> gives <c>Agent</c>.</summary>
    internal static string TopKey(string path)
    {
        var p = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
        var end = p.IndexOfAny(['.', '[']);
        return end < 0 ? p : p[..end];
    }
}
