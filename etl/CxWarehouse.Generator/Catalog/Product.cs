namespace CxWarehouse.Generator.Catalog;

/// <summary>A package sold by the studios. Prices are list prices in GBP, converted per location.</summary>
internal sealed record Product(
    string Code,
    Segment Segment,
    string NameEn,
    string NameZh,
    string NamePt,
    decimal PriceGbp,
    double Popularity)
{
    public string Name(string language) => language switch
    {
        "zh" => NameZh,
        "pt" => NamePt,
        _ => NameEn,
    };

    public string Slug => Code.ToLowerInvariant();
}
