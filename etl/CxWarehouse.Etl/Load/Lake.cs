using System.Text.Json;
using System.Text.Json.Serialization;
using CxWarehouse.IO;

namespace CxWarehouse.Etl.Load;

/// <summary>
/// The Parquet lake. Files are written under <c>_staging/</c>, moved into <c>raw/</c> or <c>quarantine/</c> by
/// rename, and become visible only when the stream's manifest is atomically replaced; a crash at any moment leaves
/// the previous manifest, and so the previous state, intact. Orphans are swept at the next commit.
/// </summary>
public sealed class Lake(string root)
{
    internal static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Root { get; } = Path.GetFullPath(root);

    public string StagingFolder(string runId) => Path.Combine(Root, "_staging", runId);

    private string ManifestFolder => Path.Combine(Root, "_manifests");

    private string ManifestPath(string input, string stream) =>
        Path.Combine(ManifestFolder, $"{input}__{stream.Replace('.', '_')}.json");

    public string Absolute(string relative) => Path.Combine(Root, relative);

    public StreamManifest? ReadManifest(string input, string stream)
    {
        var path = ManifestPath(input, stream);
        return File.Exists(path)
            ? JsonSerializer.Deserialize<StreamManifest>(File.ReadAllText(path), s_json)
            : null;
    }

    /// <summary>Parses one manifest file; throws <see cref="JsonException"/> when it is not one.</summary>
    public static StreamManifest? ReadManifestFile(string path) =>
        JsonSerializer.Deserialize<StreamManifest>(File.ReadAllText(path), s_json);

    public IReadOnlyList<StreamManifest> ReadManifests()
    {
        if (!Directory.Exists(ManifestFolder))
        {
            return [];
        }
        return Directory.EnumerateFiles(ManifestFolder, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(p => JsonSerializer.Deserialize<StreamManifest>(File.ReadAllText(p), s_json)!)
            .ToList();
    }

    /// <summary>
    /// Moves staged files into place and publishes the manifest; then deletes the files the previous manifest
    /// held that the new one does not.
    /// </summary>
    public void Commit(StreamManifest manifest, IReadOnlyDictionary<string, string> stagedToFinal)
    {
        foreach (var (staged, final) in stagedToFinal)
        {
            var target = Absolute(final);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(staged, target, overwrite: true);
        }
        var previous = ReadManifest(manifest.Input, manifest.Stream);
        Directory.CreateDirectory(ManifestFolder);
        var path = ManifestPath(manifest.Input, manifest.Stream);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(manifest, s_json));
        if (previous is null)
        {
            return;
        }
        var keep = manifest.Named().ToHashSet(StringComparer.Ordinal);
        foreach (var old in previous.Named().Where(f => !keep.Contains(f)))
        {
            File.Delete(Absolute(old));
        }
    }

    /// <summary>Removes staging folders and lake files that no manifest names (left by a killed run).</summary>
    public void SweepOrphans(string? activeRunId = null)
    {
        var staging = Path.Combine(Root, "_staging");
        if (Directory.Exists(staging))
        {
            foreach (var dir in Directory.EnumerateDirectories(staging))
            {
                if (Path.GetFileName(dir) != activeRunId)
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
        }
        var named = ReadManifests().SelectMany(m => m.Named())
            .Select(Absolute).ToHashSet(StringComparer.Ordinal);
        foreach (var folder in new[] { "raw", "quarantine" }.Select(f => Path.Combine(Root, f)).Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                if (!named.Contains(file))
                {
                    File.Delete(file);
                }
            }
        }
    }
}
