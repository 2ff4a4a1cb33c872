using CxWarehouse.Generator.Core;

namespace CxWarehouse.Generator.Catalog;

/// <summary>Fixed reference data: locations, agents, packages and price lists.</summary>
internal static class StudioCatalog
{
    public static readonly IReadOnlyList<Location> Locations = BuildLocations();

    public static readonly IReadOnlyList<Product> Products =
    [
        new("WED-FULL", Segment.Wedding, "Full-day wedding photo + film", "全天婚礼摄影+摄像",
            "Casamento dia inteiro foto + filme", 2400m, 0.30),
        new("WED-HALF", Segment.Wedding, "Half-day wedding photography", "半天婚礼摄影", "Casamento meio período", 1350m,
            0.35),
        new("WED-ELOPE", Segment.Wedding, "Elopement & registry office session", "登记处/小型婚礼拍摄",
            "Casamento civil e elopement", 650m, 0.20),
        new("WED-ENG", Segment.Wedding, "Engagement shoot", "订婚照拍摄", "Ensaio pré-casamento", 290m, 0.15),
        new("EVT-HALF", Segment.Event, "Half-day event coverage", "半天活动跟拍", "Cobertura de evento meio período", 850m,
            0.35),
        new("EVT-FULL", Segment.Event, "Full-day event coverage", "全天活动跟拍", "Cobertura de evento dia inteiro", 1500m,
            0.20),
        new("EVT-HEAD", Segment.Event, "Corporate headshots (team)", "企业形象照（团队）", "Retratos corporativos (equipe)",
            600m, 0.25),
        new("EVT-PARTY", Segment.Event, "Party photo booth", "派对拍照亭", "Cabine de fotos para festa", 450m, 0.20),
        new("POR-MINI", Segment.Portrait, "Mini portrait session", "迷你写真", "Mini ensaio de retrato", 95m, 0.35),
        new("POR-FAM", Segment.Portrait, "Family portrait session", "全家福拍摄", "Ensaio de família", 220m, 0.30),
        new("POR-NEWB", Segment.Portrait, "Newborn session", "新生儿写真", "Ensaio newborn", 260m, 0.15),
        new("POR-PRINT", Segment.Portrait, "Framed print bundle", "装裱相片套装", "Kit de quadros impressos", 140m, 0.20),
    ];

    public static readonly IReadOnlyList<string> SegmentNames = ["wedding", "event", "portrait"];

    public static string Name(this Segment segment) => SegmentNames[(int)segment];

    public static Location FindLocation(string code) => Locations.First(l => l.Code == code);

    /// <summary>List price of a package at a location, in the location's currency, rounded like a price list.</summary>
    public static decimal Price(Product product, Location location)
    {
        var rate = location.Currency switch
        {
            "GBP" => 1.0,
            "USD" => 1.3,
            "CNY" => 9.0,
            _ => 6.5,
        };
        var raw = (double)product.PriceGbp * rate * location.PriceFactor;
        var step = raw switch
        {
            < 200 => 5.0,
            < 2000 => 10.0,
            _ => 50.0,
        };
        return (decimal)(Math.Round(raw / step) * step);
    }

    private static List<Location> BuildLocations()
    {
        var list = new List<Location>
        {
            new()
            {
                Code = "LDN", Name = "London Soho", LocalName = "London Soho", City = "London", CitySlug = "london",
                Country = "GB", CountryName = "United Kingdom", TimeZoneId = "Europe/London", Language = "en",
                PhoneCountryCode = "44", Quality = 0.85, Currency = "GBP", PriceFactor = 1.15,
                Latitude = 51.5136, Longitude = -0.1365, Weight = 0.21, SystemPhone = "+442079460000",
                AwsRegion = "eu-west-2", GoogleLocationId = "4817362950184736251", DianpingShopId = "", Index = 0,
            },
            new()
            {
                Code = "MAN", Name = "Manchester Northern Quarter", LocalName = "Manchester Northern Quarter",
                City = "Manchester", CitySlug = "manchester", Country = "GB", CountryName = "United Kingdom",
                TimeZoneId = "Europe/London", Language = "en", PhoneCountryCode = "44", Quality = 0.55,
                Currency = "GBP", PriceFactor = 0.9, Latitude = 53.4839, Longitude = -2.2361, Weight = 0.15,
                SystemPhone = "+441614960000", AwsRegion = "eu-west-2", GoogleLocationId = "9063518274610592837",
                DianpingShopId = "", Index = 1,
            },
            new()
            {
                Code = "NYC", Name = "New York Brooklyn", LocalName = "New York Brooklyn", City = "New York",
                CitySlug = "new-york", Country = "US", CountryName = "United States", TimeZoneId = "America/New_York",
                Language = "en", PhoneCountryCode = "1", Quality = 0.75, Currency = "USD", PriceFactor = 1.0,
                Latitude = 40.6782, Longitude = -73.9442, Weight = 0.20, SystemPhone = "+17185550100",
                AwsRegion = "us-east-1", GoogleLocationId = "2750918364721038465", DianpingShopId = "", Index = 2,
            },
            new()
            {
                Code = "SHA", Name = "Shanghai Jing'an", LocalName = "上海静安店", City = "Shanghai", CitySlug = "shanghai",
                Country = "CN", CountryName = "China", TimeZoneId = "Asia/Shanghai", Language = "zh",
                PhoneCountryCode = "86", Quality = 0.8, Currency = "CNY", PriceFactor = 1.0,
                Latitude = 31.2290, Longitude = 121.4480, Weight = 0.17, SystemPhone = "+862161230000",
                AwsRegion = "ap-southeast-1", GoogleLocationId = "", DianpingShopId = "93284716", Index = 3,
            },
            new()
            {
                Code = "SZX", Name = "Shenzhen Futian", LocalName = "深圳福田店", City = "Shenzhen", CitySlug = "shenzhen",
                Country = "CN", CountryName = "China", TimeZoneId = "Asia/Shanghai", Language = "zh",
                PhoneCountryCode = "86", Quality = 0.45, Currency = "CNY", PriceFactor = 0.85,
                Latitude = 22.5410, Longitude = 114.0550, Weight = 0.13, SystemPhone = "+867558830000",
                AwsRegion = "ap-southeast-1", GoogleLocationId = "", DianpingShopId = "131507942", Index = 4,
            },
            new()
            {
                Code = "SAO", Name = "São Paulo Pinheiros", LocalName = "São Paulo Pinheiros", City = "Sao Paulo",
                CitySlug = "sao-paulo", Country = "BR", CountryName = "Brazil", TimeZoneId = "America/Sao_Paulo",
                Language = "pt", PhoneCountryCode = "55", Quality = 0.7, Currency = "BRL", PriceFactor = 1.0,
                Latitude = -23.5670, Longitude = -46.6930, Weight = 0.14, SystemPhone = "+551130420000",
                AwsRegion = "", GoogleLocationId = "6391027458163920174", DianpingShopId = "", Index = 5,
            },
        };

        // Agents are stable across seeds: same usernames, ids and skills in every run.
        (string Loc, string First, string Last, string Username, double Skill)[] agents =
        [
            ("LDN", "Amelia", "Knight", "amelia.k", 0.9), ("LDN", "Tom", "Baker", "tom.b", 0.7),
            ("LDN", "Priya", "Shah", "priya.s", 0.85), ("LDN", "Owen", "Morgan", "owen.m", 0.55),
            ("MAN", "Sophie", "Walsh", "sophie.w", 0.6), ("MAN", "Liam", "Hughes", "liam.h", 0.35),
            ("MAN", "Grace", "O'Neill", "grace.o", 0.75),
            ("NYC", "Maya", "Rivera", "maya.r", 0.8), ("NYC", "Jordan", "Taylor", "jordan.t", 0.5),
            ("NYC", "Ethan", "Cole", "ethan.c", 0.7), ("NYC", "Nina", "Patel", "nina.p", 0.9),
            ("NYC", "Luis", "Gomez", "luis.g", 0.4),
            ("SHA", "芳", "王", "fang.w", 0.85), ("SHA", "磊", "李", "lei.l", 0.7),
            ("SHA", "静", "陈", "jing.c", 0.8), ("SHA", "浩然", "周", "haoran.z", 0.6),
            ("SZX", "伟", "刘", "wei.l", 0.45), ("SZX", "敏", "黄", "min.h", 0.6), ("SZX", "涛", "吴", "tao.w", 0.3),
            ("SAO", "João", "Silva", "joao.s", 0.65), ("SAO", "Fernanda", "Costa", "fernanda.c", 0.85),
            ("SAO", "Rafael", "Souza", "rafael.s", 0.5), ("SAO", "Beatriz", "Lima", "beatriz.l", 0.75),
        ];
        var userIds = new IdCounter("005", 52_000_000_000L);
        var agentRng = Prng.For(20241125, 0xA6E17, 0);
        foreach (var location in list)
        {
            location.Zone = Clock.Find(location.TimeZoneId);
            var own = new List<Agent>();
            foreach (var a in agents.Where(a => a.Loc == location.Code))
            {
                var name = location.Language == "zh" ? a.Last + a.First : a.First + " " + a.Last;
                own.Add(new Agent(
                    userIds.Next(),
                    location.Code.ToLowerInvariant() + "." + a.Username,
                    name,
                    location,
                    a.Skill,
                    agentRng.Uuid(),
                    200 + own.Count));
            }

            location.Agents = own;
        }

        return list;
    }
}
