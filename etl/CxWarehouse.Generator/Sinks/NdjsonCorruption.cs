using System.Buffers;
using CxWarehouse.Generator.Core;

namespace CxWarehouse.Generator.Sinks;

/// <summary>Line-level NDJSON faults: a line cut mid-object, or two objects on one line.</summary>
internal static class NdjsonCorruption
{
    public static void Apply(bool truncate, ReadOnlySpan<byte> json, ArrayBufferWriter<byte> target, Prng rng)
    {
        target.Clear();
        if (truncate)
        {
            // Cut somewhere in the middle third, on an ASCII byte so the line stays valid UTF-8.
            var cut = (json.Length / 3) + rng.Next(Math.Max(1, json.Length / 3));
            while (cut > 1 && json[cut] >= 0x80)
            {
                cut--;
            }

            target.Write(json[..cut]);
            return;
        }

        target.Write(json);
        target.Write(json);
    }
}
