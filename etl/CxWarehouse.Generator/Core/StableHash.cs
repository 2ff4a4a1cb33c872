namespace CxWarehouse.Generator.Core;

/// <summary>FNV-1a over UTF-16 code units; stable across processes, unlike <see
/// cref="string.GetHashCode()"/>.</summary>
internal static class StableHash
{
    public static ulong Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return hash;
    }
}
