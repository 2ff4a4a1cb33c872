using CxWarehouse.Generator.Core;

namespace CxWarehouse.Generator.Output;

/// <summary>
/// Decides, record by record, which records of one file to corrupt. Each record is corrupted with
/// probability DirtyShare; one record among the first 200 (or the first 1/share) is always corrupted,
/// so every file with at least 200 records has one, without knowing the record count in advance.
/// </summary>
internal sealed class DirtyPlan
{
    private readonly Prng _rng;
    private readonly double _share;
    private readonly DirtyKind[] _kinds;
    private readonly long _forcedIndex;
    private long _index;

    public DirtyPlan(int seed, string relativePath, double share, params DirtyKind[] kinds)
    {
        _rng = Prng.For(seed, 0xD1B7, StableHash.Of(relativePath));
        _share = kinds.Length == 0 ? 0 : share;
        _kinds = kinds;
        var window = _share > 0 ? (long)Math.Min(200, Math.Ceiling(1 / _share)) : 1;
        _forcedIndex = _share > 0 ? (long)(_rng.NextDouble() * window) : -1;
    }

    /// <summary>Random source for the payload of a corruption (deterministic per file).</summary>
    public Prng Rng => _rng;

    public DirtyKind? Next()
    {
        if (_share <= 0)
        {
            return null;
        }

        var index = _index++;
        var u = _rng.NextDouble();
        if (index == _forcedIndex || u < _share)
        {
            return _kinds[_rng.Next(_kinds.Length)];
        }

        return null;
    }
}
