using System.Reflection;
using System.Text.Json.Serialization;

namespace CxWarehouse.Etl;

/// <summary>
/// The one spelling of each value of the run's contract enums (statuses, materialisations, severities, freshness):
/// the <see cref="JsonStringEnumMemberNameAttribute"/> on the member. run_results.json and the lake's manifests
/// (through the enum's JSON converter), the audit tables and the log all use it, so a value has one name everywhere.
/// </summary>
public static class Spelling
{
    /// <summary>The value's spelling, as in run_results.json.</summary>
    public static string Spelled<T>(this T value) where T : struct, Enum =>
        Names<T>.ByValue.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"no {typeof(T).Name} has this value");

    /// <summary>The value spelled <paramref name="text"/> (exactly, case and all); false for anything else.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        return text is not null && Names<T>.ByName.TryGetValue(text, out value);
    }

    /// <summary>Every spelling of <typeparamref name="T"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Names<T>.InOrder;

    private static class Names<T> where T : struct, Enum
    {
        public static readonly IReadOnlyList<string> InOrder = Enum.GetValues<T>().Select(Name).ToList();

        public static readonly Dictionary<T, string> ByValue = Enum.GetValues<T>().ToDictionary(v => v, Name);

        public static readonly Dictionary<string, T> ByName =
            ByValue.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

        private static string Name(T value) =>
            typeof(T).GetField(value.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
            ?? throw new InvalidOperationException($"{typeof(T).Name}.{value} has no [JsonStringEnumMemberName]");
    }
}
