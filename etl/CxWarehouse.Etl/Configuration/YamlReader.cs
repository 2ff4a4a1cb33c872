using System.Globalization;
using System.Numerics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CxWarehouse.Etl.Configuration;

/// <summary>
/// Reads a YAML mapping strictly: every key must be known, every value is checked, and every error names the
/// file, line and key. YamlDotNet's object deserializer reports unknown keys but not bad values by line, so the
/// configuration is read from the representation model instead.
/// </summary>
internal sealed class YamlReader
{
    private readonly string _file;
    private readonly YamlMappingNode _map;
    private readonly string _path;

    /// <summary>The keys this section declares (through <see cref="OnlyKeys"/>); null until it declares them.</summary>
    private HashSet<string>? _declared;

    private YamlReader(string file, YamlMappingNode map, string path)
    {
        _file = file;
        _map = map;
        _path = path;
    }

    public string File => _file;

    public YamlNode Node => _map;

    public static YamlReader Load(string file, TextReader text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(text);
        }
        catch (YamlException ex)
        {
            throw ConfigException.At(file, ex.Start.Line, ex.Start.Column, "not valid YAML: " + ex.Message);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ConfigException($"{Path.GetFileName(file)}: the file must hold a YAML mapping of settings");
        }
        return new YamlReader(file, root, "");
    }

    public ConfigException Error(YamlNode node, string message) =>
        ConfigException.At(_file, node.Start.Line, node.Start.Column, message);

    public ConfigException Error(string key, string message)
    {
        var node = KeyNode(key) ?? (YamlNode)_map;
        return Error(node, $"{Qualified(key)}: {message}");
    }

    public string Qualified(string key) => _path.Length == 0 ? key : $"{_path}.{key}";

    /// <summary>
    /// Declares the section's keys: fails on the first key of the file that is not in <paramref name="allowed"/>,
    /// and from then on reading a key the declaration lacks is a programming error, so that what is validated
    /// and what is read come from the one list.
    /// </summary>
    public void OnlyKeys(params string[] allowed)
    {
        _declared ??= new HashSet<string>(StringComparer.Ordinal);
        _declared.UnionWith(allowed);
        foreach (var (key, _) in _map.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw Error(key, $"unknown key '{Qualified(name)}' (allowed here: {string.Join(", ", allowed)})");
            }
        }
    }

    public bool Has(string key) => ValueNode(key) is not null;

    /// <summary>True when the key's value is a single word or number, not a mapping or list.</summary>
    public bool IsScalar(string key) => ValueNode(key) is YamlScalarNode;

    /// <summary>True when the key's value is a mapping.</summary>
    public bool IsMap(string key) => ValueNode(key) is YamlMappingNode;

    public IEnumerable<string> Keys =>
        _map.Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? "");

    public string? String(string key)
    {
        var node = ValueNode(key);
        if (node is null)
        {
            return null;
        }
        if (node is not YamlScalarNode scalar)
        {
            throw Error(node, $"{Qualified(key)}: expected a text value");
        }
        if (scalar.Style == ScalarStyle.Plain && scalar.Value is "~" or "null" or "")
        {
            return null;
        }
        return scalar.Value;
    }

    public string RequiredString(string key) =>
        String(key) is { Length: > 0 } value ? value : throw Error(key, "a value is required");

    public T? Number<T>(string key, T min, T max) where T : struct, INumber<T>
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }
        if (!T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(ValueNode(key)!, $"{Qualified(key)}: '{text}' is not a number");
        }
        if (value < min || value > max)
        {
            throw Error(ValueNode(key)!, $"{Qualified(key)}: {text} is out of range ({min} to {max})");
        }
        return value;
    }

    public bool? Bool(string key)
    {
        var text = String(key);
        return text switch
        {
            null => null,
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error(ValueNode(key)!, $"{Qualified(key)}: '{text}' is not true or false"),
        };
    }

    public string? OneOf(string key, params string[] allowed)
    {
        var text = String(key);
        if (text is not null && !allowed.Contains(text, StringComparer.Ordinal))
        {
            throw Error(ValueNode(key)!, $"{Qualified(key)}: '{text}' is not one of {string.Join(", ", allowed)}");
        }
        return text;
    }

    public YamlReader? Map(string key)
    {
        var node = ValueNode(key);
        return node switch
        {
            null => null,
            YamlMappingNode map => new YamlReader(_file, map, Qualified(key)),
            YamlScalarNode { Value: null or "" or "~" or "null" } => null,
            _ => throw Error(node, $"{Qualified(key)}: expected a mapping of settings"),
        };
    }

    /// <summary>A list of mappings; a single mapping is read as a list of one.</summary>
    public IReadOnlyList<YamlReader> MapList(string key)
    {
        var node = ValueNode(key);
        switch (node)
        {
            case null:
            case YamlScalarNode { Value: null or "" or "~" or "null" }:
                return [];
            case YamlMappingNode map:
                return [new YamlReader(_file, map, Qualified(key))];
            case YamlSequenceNode seq:
                var list = new List<YamlReader>();
                for (var i = 0; i < seq.Children.Count; i++)
                {
                    if (seq.Children[i] is not YamlMappingNode item)
                    {
                        throw Error(seq.Children[i], $"{Qualified(key)}[{i}]: expected a mapping of settings");
                    }
                    list.Add(new YamlReader(_file, item, $"{Qualified(key)}[{i}]"));
                }
                return list;
            default:
                throw Error(node, $"{Qualified(key)}: expected a list");
        }
    }

    /// <summary>A list whose items are either plain names or one-key mappings (dbt's test lists).</summary>
    public IReadOnlyList<(string? Name, YamlReader? Map)> MixedList(string key)
    {
        var node = ValueNode(key);
        if (node is null)
        {
            return [];
        }
        if (node is not YamlSequenceNode seq)
        {
            throw Error(node, $"{Qualified(key)}: expected a list");
        }
        return seq.Children.Select((c, i) => c switch
        {
            YamlScalarNode s => ((string?)s.Value, (YamlReader?)null),
            YamlMappingNode m => (null, new YamlReader(_file, m, $"{Qualified(key)}[{i}]")),
            _ => throw Error(c, $"{Qualified(key)}[{i}]: expected a name or a mapping"),
        }).ToList();
    }

    public IReadOnlyList<string> StringList(string key)
    {
        var node = ValueNode(key);
        switch (node)
        {
            case null:
                return [];
            case YamlScalarNode scalar:
                return scalar.Value is null or "" ? [] : [scalar.Value];
            case YamlSequenceNode seq:
                return seq.Children.Select((c, i) => c is YamlScalarNode s && s.Value is not null
                    ? s.Value
                    : throw Error(c, $"{Qualified(key)}[{i}]: expected a text value")).ToList();
            default:
                throw Error(node, $"{Qualified(key)}: expected a list of text values");
        }
    }

    /// <summary>The entries of a mapping whose values are scalars or mappings, in file order.</summary>
    public IEnumerable<(string Key, YamlNode Value, YamlReader? Map)> Entries()
    {
        foreach (var (key, value) in _map.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            yield return (name, value,
                value is YamlMappingNode map ? new YamlReader(_file, map, Qualified(name)) : null);
        }
    }

    public YamlNode? ValueNode(string key)
    {
        if (_declared is not null && !_declared.Contains(key))
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(_file)}: '{Qualified(key)}' is read but not among the keys its section declares");
        }
        return _map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;
    }

    private YamlNode? KeyNode(string key) =>
        _map.Children.Keys.FirstOrDefault(k => ((YamlScalarNode)k).Value == key);
}
