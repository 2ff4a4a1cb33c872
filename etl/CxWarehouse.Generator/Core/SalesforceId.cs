namespace CxWarehouse.Generator.Core;

/// <summary>Builds 18-character Salesforce ids: 15-character base plus the case-safe checksum suffix.</summary>
internal static class SalesforceId
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    /// <summary>Key prefix (3) + instance "8d" + reserved "0" + counter in base 62 (9).</summary>
    public static string Make(string keyPrefix, long counter)
    {
        Span<char> id = stackalloc char[18];
        keyPrefix.AsSpan().CopyTo(id);
        id[3] = '8';
        id[4] = 'd';
        id[5] = '0';
        var value = counter;
        for (var i = 14; i >= 6; i--)
        {
            id[i] = Base62[(int)(value % 62)];
            value /= 62;
        }

        WriteSuffix(id);
        return new string(id);
    }

    private static void WriteSuffix(Span<char> id)
    {
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var flags = 0;
            for (var j = 0; j < 5; j++)
            {
                var c = id[(chunk * 5) + j];
                if (c is >= 'A' and <= 'Z')
                {
                    flags |= 1 << j;
                }
            }

            id[15 + chunk] = SuffixAlphabet[flags];
        }
    }
}
