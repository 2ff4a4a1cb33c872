using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;

namespace CxWarehouse.Etl.Warehouse;

/// <summary>
/// The fixed SQL the program runs, kept in <c>etl/CxWarehouse.Etl/Sql/**.sql</c> and shipped inside the assembly,
/// so a statement is read as SQL rather than as C# strings; C# assembles only what depends on the configuration.
/// </summary>
/// <remarks>
/// <para>A file holds one statement (or a script of several, run together), or several named statements, each
/// headed by a line <c>-- name: &lt;name&gt;</c>. Comment lines right after the heading describe the statement and
/// are not part of it; so is the text before the first heading. A statement's trailing <c>;</c> is dropped.</para>
/// <para>Values are never spliced in: a statement takes them as parameters (<c>$1</c>, <c>$2</c>...). What cannot be
/// a parameter (a column list, a relation, a list of files for a view) is written <c>{{ name }}</c> in the file and
/// given to <see cref="Get(string, string, ValueTuple{string, string}[])"/> as generated SQL: identifiers quoted with
/// <c>SqlText.Identifier</c>, texts with <c>SqlText.Literal</c>. Every marker must be given and every piece given
/// must have its marker, or the call throws; the pieces are put in once, so a piece's own text is never read as a
/// marker.</para>
/// </remarks>
public static partial class SqlResources
{
    private const string Prefix = "sql/";

    private static readonly FrozenDictionary<string, string> s_files = typeof(SqlResources).Assembly
        .GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .ToFrozenDictionary(n => n[Prefix.Length..].Replace('\\', '/'), Read, StringComparer.Ordinal);

    /// <summary>The files the program carries, by their path under <c>Sql/</c> (<c>audit/runs.sql</c>).</summary>
    internal static IEnumerable<string> Files => s_files.Keys;

    /// <summary>The statement of a file that holds one (no <c>-- name:</c> headings).</summary>
    public static string Get(string file, params (string Marker, string Sql)[] pieces)
    {
        var text = File(file);
        if (NameHeading().IsMatch(text))
        {
            throw new InvalidOperationException($"{file} holds named statements: say which one");
        }
        return Fill(file, Statement(text), pieces);
    }

    /// <summary>The statement headed <c>-- name: <paramref name="name"/></c> in <paramref name="file"/>.</summary>
    public static string Get(string file, string name, params (string Marker, string Sql)[] pieces)
    {
        var headings = NameHeading().Matches(File(file)).ToList();
        var at = headings.FindIndex(h => h.Groups[1].Value == name);
        if (at < 0)
        {
            throw new InvalidOperationException($"{file} has no statement named '{name}'");
        }
        var start = headings[at].Index + headings[at].Length;
        var end = at + 1 < headings.Count ? headings[at + 1].Index : File(file).Length;
        var body = File(file)[start..end];
        // The statement's description: the comment lines right after its heading.
        var lines = body.Split('\n').SkipWhile(l => l.TrimStart().StartsWith("--", StringComparison.Ordinal) || l.Trim().Length == 0);
        return Fill($"{file} ({name})", Statement(string.Join('\n', lines)), pieces);
    }

    private static string File(string file) =>
        s_files.TryGetValue(file, out var text) ? text : throw new InvalidOperationException($"no SQL file {file} in the program");

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

    private static string Read(string resource)
    {
        using var stream = typeof(SqlResources).Assembly.GetManifestResourceStream(resource)!;
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
