using CxWarehouse.Generator.Catalog;
using CxWarehouse.Generator.Core;
using CxWarehouse.Generator.Output;
using CxWarehouse.Generator.Sinks;

namespace CxWarehouse.Generator.Simulation;

/// <summary>
/// Reviews of two competitors with a shop in every city of the studio (README: competitors): Brightframe Studios,
/// better rated than the studio but called expensive, and Snapshot Photo Co., worse rated, with long waits. They
/// are written as the review sites export them, Google Business Profile documents outside China and a Dianping CSV
/// in China, under <c>reviews/competitors/&lt;competitor&gt;/</c>, from their own random streams, so the studio's
/// files are the same with or without them.
/// </summary>
internal static class CompetitorReviews
{
    private const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private const ulong Stream = 0xC0397E;

    /// <summary>A competitor chain: its name, its brand on Dianping, how it compares with the studio.</summary>
    public sealed record Competitor(string Slug, string Name, string ChineseBrand, double QualityShift,
        double ReviewsPerDay, double ReplyRate, Topic Weakness);

    public static readonly IReadOnlyList<Competitor> All =
    [
        new("brightframe", "Brightframe Studios", "明框影像", 0.12, 0.2, 0.5, Topic.Price),
        new("snapshot", "Snapshot Photo Co.", "快照摄影", -0.2, 0.15, 0.1, Topic.Waiting),
    ];

    /// <summary>The competitor's shop in the city of <paramref name="studio"/>: its code is the file or shop the
    /// review site names, which the configuration's location_map maps to the studio's location.</summary>
    public static Location Shop(Competitor competitor, Location studio, int index)
    {
        var ids = Prng.For(20261206, Stream, (ulong)((index * 7) + competitor.Slug.Length));
        return new Location
        {
            Code = $"{competitor.Slug}-{studio.CitySlug}",
            Name = $"{competitor.Name} {studio.City}",
            LocalName = studio.LocalName,
            City = studio.City,
            CitySlug = studio.CitySlug,
            Country = studio.Country,
            CountryName = studio.CountryName,
            TimeZoneId = studio.TimeZoneId,
            Language = studio.Language,
            PhoneCountryCode = studio.PhoneCountryCode,
            Quality = Math.Clamp(studio.Quality + competitor.QualityShift, 0.15, 0.95),
            Currency = studio.Currency,
            PriceFactor = studio.PriceFactor,
            Latitude = studio.Latitude,
            Longitude = studio.Longitude,
            Weight = studio.Weight,
            SystemPhone = "",
            AwsRegion = "",
            GoogleLocationId = studio.UsesDianping ? "" : "1" + ids.Digits(18),
            DianpingShopId = studio.UsesDianping ? "2" + ids.Digits(8) : "",
            Index = index,
            Zone = studio.Zone,
        };
    }

    /// <summary>Writes every competitor's reviews over the options' days.</summary>
    public static void Write(OutputSet output, TruthSink truth, GeneratorOptions options)
    {
        var cutoff = options.End.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        foreach (var competitor in All)
        {
            var shops = StudioCatalog.Locations.Select((l, i) => Shop(competitor, l, i)).ToList();
            using var google = new GoogleReviewSink(output, truth, options, $"reviews/competitors/{competitor.Slug}/google",
                shops);
            using var dianping = new DianpingSink(output, truth, options,
                $"reviews/competitors/{competitor.Slug}/dianping/reviews.csv", competitor.ChineseBrand);
            var nextDianpingId = 900_000_000L + (competitor.Slug.Length * 1_000_000L);
            foreach (var shop in shops)
            {
                var rng = Prng.For(options.Seed, Stream + (ulong)competitor.Slug.Length, (ulong)shop.Index);
                var rate = competitor.ReviewsPerDay * options.Scale;
                for (var day = options.Start; day <= options.End; day = day.AddDays(1))
                {
                    for (var k = 0; k < 3; k++)
                    {
                        if (!rng.Chance(rate / 3))
                        {
                            continue;
                        }

                        var created = Clock.AtLocal(day, rng.Uniform(9, 23), shop.Zone);
                        if (created >= cutoff)
                        {
                            continue;
                        }

                        var review = Review(competitor, shop, rng, created, cutoff, ref nextDianpingId);
                        if (shop.UsesDianping)
                        {
                            dianping.Write(review);
                        }
                        else
                        {
                            google.Write(review);
                        }
                    }
                }
            }
        }
    }

    private static ReviewRecord Review(Competitor competitor, Location shop, Prng rng, DateTime created,
        DateTime cutoff, ref long nextDianpingId)
    {
        var stars = Math.Clamp((int)Math.Round(1 + (4 * shop.Quality) + rng.Normal(0, 1.2)), 1, 5);
        // A complaint is about the chain's weakness more often than not.
        var issue = stars <= 3
            ? rng.Chance(0.6) ? competitor.Weakness : (Topic)rng.Next(7)
            : (Topic?)null;
        var replied = rng.Chance(competitor.ReplyRate);
        var replyAt = created.AddHours(rng.LogNormal(20, 1.0));
        if (replyAt >= cutoff)
        {
            replied = false;
        }

        var comment = PhraseBank.Compose(shop.Language, stars, rng, issue, 3);
        if (shop.UsesDianping)
        {
            nextDianpingId += rng.Next(1, 400);
            return new ReviewRecord
            {
                Location = shop,
                ReviewId = Text.Int(nextDianpingId),
                DisplayName = rng.Pick(NameBank.DianpingNicknames) + (rng.Chance(0.5) ? Text.Int(rng.Next(1, 999)) : ""),
                Stars = stars,
                AccurateStar = stars * 10,
                SubScores = [stars, stars, stars],
                Comment = comment,
                Created = created,
                Updated = created,
                ReplyComment = replied ? "感谢您的评价！" : null,
                ReplyUpdated = replied ? replyAt : null,
            };
        }

        var anonymous = rng.Chance(0.3);
        var first = shop.Language == "pt" ? rng.Pick(NameBank.PortugueseFirst) : rng.Pick(NameBank.EnglishFirst);
        var last = shop.Language == "pt" ? rng.Pick(NameBank.PortugueseLast) : rng.Pick(NameBank.EnglishLast);
        return new ReviewRecord
        {
            Location = shop,
            ReviewId = "AbFvOq" + rng.Alnum(rng.Next(28, 44), Base64Url),
            DisplayName = anonymous ? "A Google User" : first + " " + last[..1] + ".",
            IsAnonymous = anonymous,
            ProfilePhotoUrl = "https://lh3.googleusercontent.example/a-/" + rng.Alnum(24, Base64Url) + "=s120-c-rp-mo-br100",
            Stars = stars,
            Comment = rng.Chance(0.75) ? comment : null,
            Created = created,
            Updated = created,
            FractionDigits = 3,
            ReplyComment = replied
                ? shop.Language == "pt" ? "Obrigado pela avaliação!" : "Thank you for your review!"
                : null,
            ReplyUpdated = replied ? replyAt : null,
        };
    }
}
