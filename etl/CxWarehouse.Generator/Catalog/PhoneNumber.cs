using CxWarehouse.Generator.Core;

namespace CxWarehouse.Generator.Catalog;

/// <summary>
/// A phone number as country code plus national significant number, with the formats different
/// systems store it in. Numbers are made unique per person from a bijective 7-digit tag.
/// </summary>
internal sealed class PhoneNumber
{
    private PhoneNumber(string countryCode, string nsn, string kind)
    {
        CountryCode = countryCode;
        Nsn = nsn;
        Kind = kind;
    }

    public string CountryCode { get; }

    /// <summary>National significant number (no trunk prefix).</summary>
    public string Nsn { get; }

    /// <summary>Numbering plan of the NSN: london, manchester, mobile-gb, us, mobile-cn, mobile-br.</summary>
    public string Kind { get; }

    /// <summary>Builds a number for a location from a unique tag in [0, 10^7).</summary>
    public static PhoneNumber Create(Location location, long tag, Prng rng)
    {
        var seven = Text.Int(tag).PadLeft(7, '0');
        switch (location.Country)
        {
            case "GB":
                if (rng.Chance(0.25))
                {
                    return location.Code == "MAN"
                        ? new PhoneNumber("44", "161" + seven, "manchester")
                        : new PhoneNumber("44", "207" + seven, "london");
                }

                return new PhoneNumber("44", "7" + rng.Pick(s_gbMobile) + seven, "mobile-gb");
            case "US":
                {
                    var area = tag < 8_000_000 ? rng.Pick(s_usAreaA) : rng.Pick(s_usAreaB);
                    var local = Text.Int((tag % 8_000_000) + 2_000_000);
                    return new PhoneNumber("1", area + local, "us");
                }

            case "CN":
                return new PhoneNumber("86", "1" + rng.Pick(s_cnMobile) + Text.Int(rng.Next(10)) + seven, "mobile-cn");
            default:
                return new PhoneNumber("55", "119" + Text.Int(5 + rng.Next(5)) + seven, "mobile-br");
        }
    }

    private static readonly string[] s_gbMobile = ["40", "47", "70", "74", "77", "79", "83", "88", "95", "98"];
    private static readonly string[] s_usAreaA = ["718", "347", "929"];
    private static readonly string[] s_usAreaB = ["917", "646"];
    private static readonly string[] s_cnMobile = ["38", "39", "58", "86", "36", "59", "88"];

    /// <summary>+442079460123.</summary>
    public string E164 => "+" + CountryCode + Nsn;

    /// <summary>+44 20 7946 0123 / +1 718-555-0123 / +86 138 0013 8000 / +55 11 98765-4321.</summary>
    public string International => "+" + CountryCode + " " + Kind switch
    {
        "london" => $"{Nsn[..2]} {Nsn[2..6]} {Nsn[6..]}",
        "manchester" => $"{Nsn[..3]} {Nsn[3..6]} {Nsn[6..]}",
        "mobile-gb" => $"{Nsn[..4]} {Nsn[4..]}",
        "us" => $"{Nsn[..3]}-{Nsn[3..6]}-{Nsn[6..]}",
        "mobile-cn" => $"{Nsn[..3]} {Nsn[3..7]} {Nsn[7..]}",
        _ => $"{Nsn[..2]} {Nsn[2..7]}-{Nsn[7..]}",
    };

    /// <summary>020 7946 0123 / (718) 555-0123 / 138 0013 8000 / 11987654321.</summary>
    public string National => Kind switch
    {
        "london" => $"0{Nsn[..2]} {Nsn[2..6]} {Nsn[6..]}",
        "manchester" => $"0{Nsn[..3]} {Nsn[3..6]} {Nsn[6..]}",
        "mobile-gb" => $"0{Nsn[..4]} {Nsn[4..]}",
        "us" => $"({Nsn[..3]}) {Nsn[3..6]}-{Nsn[6..]}",
        "mobile-cn" => $"{Nsn[..3]} {Nsn[3..7]} {Nsn[7..]}",
        _ => Nsn,
    };

    /// <summary>(020) 7946-0123 / 718.555.0123 / 13800138000 / (11) 98765-4321.</summary>
    public string Parenthesized => Kind switch
    {
        "london" => $"(0{Nsn[..2]}) {Nsn[2..6]}-{Nsn[6..]}",
        "manchester" => $"(0{Nsn[..3]}) {Nsn[3..6]}-{Nsn[6..]}",
        "mobile-gb" => $"(0{Nsn[..4]}) {Nsn[4..7]}-{Nsn[7..]}",
        "us" => $"{Nsn[..3]}.{Nsn[3..6]}.{Nsn[6..]}",
        "mobile-cn" => Nsn,
        _ => $"({Nsn[..2]}) {Nsn[2..7]}-{Nsn[7..]}",
    };

    /// <summary>One of the non-E.164 formats, chosen at random.</summary>
    public string AnyOtherFormat(Prng rng) => rng.Next(3) switch
    {
        0 => International,
        1 => National,
        _ => Parenthesized,
    };
}
