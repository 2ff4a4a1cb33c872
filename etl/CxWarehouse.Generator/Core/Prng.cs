namespace CxWarehouse.Generator.Core;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Used instead of <see cref="Random"/>, whose algorithm is
/// unspecified and may change between runtimes, so the same seed gives the same files everywhere.
/// </summary>
internal sealed class Prng
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    private Prng(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>A generator for one stream (e.g. persons) and one index within it.</summary>
    public static Prng For(int seed, ulong stream, ulong index)
    {
        var x = (ulong)(uint)seed;
        var a = SplitMix(ref x);
        x = a ^ (stream * 0x9E3779B97F4A7C15UL);
        var b = SplitMix(ref x);
        x = b ^ (index * 0xD1B54A32D192ED03UL);
        return new Prng(SplitMix(ref x));
    }

    public static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, max).</summary>
    public int Next(int max) => max <= 0 ? 0 : (int)(((NextUInt64() >> 32) * (ulong)max) >> 32);

    /// <summary>Uniform in [min, maxExclusive).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public int PickWeighted(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var r = NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            r -= weights[i];
            if (r < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>Standard normal (Box-Muller).</summary>
    public double Normal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double Normal(double mean, double sd) => mean + (sd * Normal());

    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>Log-normal with the given median and spread (sigma of the underlying normal).</summary>
    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());

    /// <summary>Geometric count of successes before the first failure.</summary>
    public int Geometric(double continueProbability, int max)
    {
        var n = 0;
        while (n < max && Chance(continueProbability))
        {
            n++;
        }

        return n;
    }

    public string Digits(int count)
    {
        Span<char> buffer = stackalloc char[count];
        for (var i = 0; i < count; i++)
        {
            buffer[i] = (char)('0' + Next(10));
        }

        return new string(buffer);
    }

    public string Alnum(int count, string alphabet)
    {
        Span<char> buffer = stackalloc char[count];
        for (var i = 0; i < count; i++)
        {
            buffer[i] = alphabet[Next(alphabet.Length)];
        }

        return new string(buffer);
    }

    public string Hex(int count) => Alnum(count, "0123456789abcdef");

    /// <summary>A lowercase UUID-shaped id (version 4 layout) drawn from this generator.</summary>
    public string Uuid()
    {
        var a = Hex(8);
        var b = Hex(4);
        var c = "4" + Hex(3);
        var d = "89ab"[Next(4)] + Hex(3);
        var e = Hex(12);
        return $"{a}-{b}-{c}-{d}-{e}";
    }
}
