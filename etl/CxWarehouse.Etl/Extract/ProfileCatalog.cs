using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace CxWarehouse.Etl.Extract;

/// <summary>
/// The built-in source profiles: YAML mappings embedded from <c>Extract/Profiles/</c>, written in the same mapping
/// language a user writes for any other export. One file per profile; no reflection over types.
/// </summary>
public static class ProfileCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, SourceProfile>> s_profiles = new(LoadAll);

    public static IEnumerable<string> Names => s_profiles.Value.Keys.Order(StringComparer.Ordinal);

    public static bool TryGet(string name, [NotNullWhen(true)] out SourceProfile? profile) =>
        s_profiles.Value.TryGetValue(name, out profile);

    public static SourceProfile Get(string name) =>
        TryGet(name, out var profile) ? profile : throw new KeyNotFoundException($"no profile '{name}'");

    private static Dictionary<string, SourceProfile> LoadAll()
    {
        var assembly = typeof(ProfileCatalog).Assembly;
        var result = new Dictionary<string, SourceProfile>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".profile.yml",
                     StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var text = new StreamReader(stream);
            var profile = MappingReader.ReadProfile(resource, text);
            result.Add(profile.Name, profile);
        }
        return result;
    }

    internal static Assembly Assembly => typeof(ProfileCatalog).Assembly;
}
