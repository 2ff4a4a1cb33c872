using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CxWarehouse.Etl.Extract;

/// <summary>
/// The JSON paths a mapping reads (<c>$.Agent.Username</c>, <c>$.items[0].item_id</c>), compiled into one
/// <c>json_transform</c> structure of text leaves, so each record is parsed once; each path then reads a struct
/// field of the result (<c>_j</c>). A path that is also the parent of another mapped path, or that is not a plain
/// chain of keys and indexes, is read with <c>-&gt;&gt;</c> instead.
/// </summary>
internal sealed partial class JsonPaths
{
    private readonly Node _root = new();

    public JsonPaths(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Parse(Normal(path)) is { } segments)
            {
                var node = _root;
                foreach (var segment in segments)
                {
                    node = node.Step(segment);
                }
            }
        }
    }

    public bool IsEmpty => _root.Children.Count == 0 && _root.Element is null;

    /// <summary>The json_transform structure: objects of the mapped keys, arrays, text leaves.</summary>
    public string Structure => Write(_root);

    /// <summary>The SQL that reads the path as text.</summary>
    public string Access(string path)
    {
        path = Normal(path);
        var segments = Parse(path);
        var node = _root;
        var access = new StringBuilder("_j");
        foreach (var segment in segments ?? [])
        {
            node = node.Step(segment);
            access.Append(segment.Index is { } i
                ? string.Create(CultureInfo.InvariantCulture, $"[{i + 1}]")
                : "." + SqlText.Identifier(segment.Name!));
        }
        return segments is null || node.Children.Count > 0 || node.Element is not null
            ? $"(json ->> {SqlText.Literal(path)})"
            : $"CAST({access} AS VARCHAR)";
    }

    private static string Normal(string path) => path.StartsWith('$') ? path : "$." + path;

    private static string Write(Node node)
    {
        if (node.Element is not null)
        {
            return "[" + Write(node.Element) + "]";
        }
        if (node.Children.Count == 0)
        {
            return "\"VARCHAR\"";
        }
        return "{" + string.Join(",", node.Children.Select(c => JsonSerializer.Serialize(c.Key) + ":" + Write(c.Value)))
            + "}";
    }

    private static List<Segment>? Parse(string path)
    {
        if (!PathPattern().IsMatch(path))
        {
            return null;
        }
        return SegmentPattern().Matches(path[1..]).Select(m => m.Groups[1].Success
            ? new Segment(m.Groups[1].Value, null)
            : new Segment(null, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
    }

    private sealed record Segment(string? Name, int? Index);

    private sealed class Node
    {
        public Dictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);

        public Node? Element { get; private set; }

        public Node Step(Segment segment)
        {
            if (segment.Index is not null)
            {
                return Element ??= new Node();
            }
            if (!Children.TryGetValue(segment.Name!, out var node))
            {
                node = new Node();
                Children.Add(segment.Name!, node);
            }
            return node;
        }
    }

    [GeneratedRegex(@"^\$(\.[A-Za-z_][A-Za-z0-9_]*|\[[0-9]+\])+$")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"\.([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]")]
    private static partial Regex SegmentPattern();
}
