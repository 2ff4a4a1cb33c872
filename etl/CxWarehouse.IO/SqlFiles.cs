using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace CxWarehouse.IO;

/// <summary>
/// The fixed SQL an assembly carries as embedded <c>.sql</c> resources (logical names <c>sql/&lt;path&gt;</c>), so a
/// statement is read as SQL rather than as C# strings; C# assembles only what depends on the configuration. The ETL
/// (<c>SqlResources</c>) and the reports (<c>ReportSql</c>) each read their own.
/// </summary>
/// <remarks>
/// <para>A file holds one statement (or a script of several, run together), or several named statements, each
/// headed by a line <c>-- name: &lt;name&gt;</c>. Comment lines right after the heading describe the statement and
/// are not part of it; so is the text before the first heading. A statement's trailing <c>;</c> is dropped.</para>
/// <para>Values are never spliced in: a statement takes them as parameters (<c>$1</c>, <c>$2</c>...). What cannot be
/// a parameter (a column list, a relation, a list of files for a view) is written <c>{{ name }}</c> in the file and
/// given to <see cref="Get(string, string, ValueTuple{string, string}[])"/> as generated SQL: identifiers quoted,
/// texts as literals. Every marker must be given and every piece given must have its marker, or the call throws;
/// the pieces are put in once, so a piece's own text is never read as a marker.</para>
/// </remarks>
public sealed partial class SqlFiles
{
    private const string Prefix = "sql/";
    private readonly Assembly _assembly;
    private readonly FrozenDictionary<string, string> _files;
    private readonly ConcurrentDictionary<string, FrozenDictionary<string, string>> _named = new(StringComparer.Ordinal);

    public SqlFiles(Assembly assembly)
    {
        _assembly = assembly;
        _files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(n => n[Prefix.Length..].Replace('\\', '/'), Read, StringComparer.Ordinal);
    }

    /// <summary>The files the assembly carries, by their path under <c>Sql/</c> (<c>audit/runs.sql</c>).</summary>
    public IEnumerable<string> Files => _files.Keys;

    /// <summary>The statement of a file that holds one (no <c>-- name:</c> headings).</summary>
    public string Get(string file, params (string Marker, string Sql)[] pieces)
    {
        var text = File(file);
        if (NameHeading().IsMatch(text))
        {
            throw new InvalidOperationException($"{file} holds named statements: say which one");
        }
        return Fill(file, Statement(text), pieces);
    }

    /// <summary>The statement headed <c>-- name: <paramref name="name"/></c> in <paramref name="file"/>.</summary>
    public string Get(string file, string name, params (string Marker, string Sql)[] pieces)
    {
        if (!_named.GetOrAdd(file, Split).TryGetValue(name, out var statement))
        {
            throw new InvalidOperationException($"{file} has no statement named '{name}'");
        }
        return Fill($"{file} ({name})", statement, pieces);
    }

    /// <summary>A file's named statements, each without its heading and description; read once per file.</summary>
    private FrozenDictionary<string, string> Split(string file)
    {
        var text = File(file);
        var headings = NameHeading().Matches(text).ToList();
        var statements = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var at = 0; at < headings.Count; at++)
        {
            var start = headings[at].Index + headings[at].Length;
            var end = at + 1 < headings.Count ? headings[at + 1].Index : text.Length;
            // The statement's description: the comment lines right after its heading.
            var lines = text[start..end].Split('\n')
                .SkipWhile(l => l.TrimStart().StartsWith("--", StringComparison.Ordinal) || l.Trim().Length == 0);
            if (!statements.TryAdd(headings[at].Groups[1].Value, Statement(string.Join('\n', lines))))
            {
                throw new InvalidOperationException($"{file} names two statements '{headings[at].Groups[1].Value}'");
            }
        }
        return statements.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private string File(string file) =>
        _files.TryGetValue(file, out var text) ? text : throw new InvalidOperationException($"no SQL file {file} in the program");

    /// <summary>The text without the blank lines around it (the first line keeps its indent) and its final ';'.</summary>
    private static string Statement(string text) =>
        BlankLead().Replace(text, "").TrimEnd().TrimEnd(';').TrimEnd();

    private static string Fill(string where, string sql, (string Marker, string Sql)[] pieces)
    {
        var given = pieces.ToDictionary(p => p.Marker, p => p.Sql, StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var filled = Marker().Replace(sql, m =>
        {
            var marker = m.Groups[1].Value;
            used.Add(marker);
            return given.TryGetValue(marker, out var piece)
                ? piece
                : throw new InvalidOperationException($"{where}: no SQL given for {{{{ {marker} }}}}");
        });
        if (given.Keys.FirstOrDefault(k => !used.Contains(k)) is { } unused)
        {
            throw new InvalidOperationException($"{where}: no {{{{ {unused} }}}} to put the SQL given for it");
        }
        return filled;
    }

    private string Read(string resource)
    {
        using var stream = _assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // One line ending whatever the checkout's: the statements are compared and fingerprinted as text.
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^--\s*name:\s*([a-z0-9_]+)[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex NameHeading();

    [GeneratedRegex(@"\A(?:[ \t]*\n)+")]
    private static partial Regex BlankLead();

    [GeneratedRegex(@"\{\{\s*([a-z0-9_]+)\s*\}\}")]
    private static partial Regex Marker();
}
