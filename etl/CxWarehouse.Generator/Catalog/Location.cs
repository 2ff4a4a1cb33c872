namespace CxWarehouse.Generator.Catalog;

/// <summary>A studio location and everything sources write about it.</summary>
internal sealed class Location
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string LocalName { get; init; }
    public required string City { get; init; }
    public required string CitySlug { get; init; }
    public required string Country { get; init; }
    public required string CountryName { get; init; }
    public required string TimeZoneId { get; init; }
    public required string Language { get; init; }
    public required string PhoneCountryCode { get; init; }
    public required double Quality { get; init; }
    public required string Currency { get; init; }
    public required double PriceFactor { get; init; }
    public required double Latitude { get; init; }
    public required double Longitude { get; init; }
    public required double Weight { get; init; }
    public required string SystemPhone { get; init; }
    public required string AwsRegion { get; init; }
    public required string GoogleLocationId { get; init; }
    public required string DianpingShopId { get; init; }
    public required int Index { get; init; }

    public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;

    public IReadOnlyList<Agent> Agents { get; set; } = [];

    public bool UsesAsterisk => Code == "SAO";

    public bool UsesDianping => Country == "CN";

    /// <summary>GA4 device.language and page path prefix.</summary>
    public string WebLocale => Country switch
    {
        "GB" => "en-gb",
        "US" => "en-us",
        "CN" => "zh-cn",
        _ => "pt-br",
    };
}
