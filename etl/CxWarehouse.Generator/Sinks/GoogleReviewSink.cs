using CxWarehouse.Generator.Catalog;
using CxWarehouse.Generator.Core;
using CxWarehouse.Generator.Output;
using CxWarehouse.Generator.Simulation;

namespace CxWarehouse.Generator.Sinks;

/// <summary>
/// Google Business Profile <c>accounts.locations.reviews.list</c> responses, one pretty-printed JSON
/// document per location, streamed review by review; the totals are written after the array.
/// </summary>
internal sealed class GoogleReviewSink : IDisposable
{
    public const string AccountId = "1077";

    private static readonly string[] s_stars = ["STAR_RATING_UNSPECIFIED", "ONE", "TWO", "THREE", "FOUR", "FIVE"];

    private readonly (JsonDocumentFile File, DirtyPlan Plan, long[] Totals)?[] _files;
    private readonly TruthSink _truth;

    /// <summary>One document per location with a Google id under <paramref name="folder"/>, named by its code:
    /// the studio's locations, or the <paramref name="shops"/> of a competitor.</summary>
    public GoogleReviewSink(OutputSet output, TruthSink truth, GeneratorOptions options,
        string folder = "reviews/google", IReadOnlyList<Location>? shops = null)
    {
        _truth = truth;
        var locations = shops ?? StudioCatalog.Locations;
        _files = new (JsonDocumentFile, DirtyPlan, long[])?[locations.Count];
        foreach (var location in locations.Where(l => l.GoogleLocationId.Length > 0))
        {
            var path = $"{folder}/{location.Code}.json";
            var file = output.Add(new JsonDocumentFile(output.Root, path));
            file.Writer.WriteStartObject();
            file.Writer.WriteStartArray("reviews");
            var plan = new DirtyPlan(options.Seed, path, options.DirtyShare,
                DirtyKind.ImpossibleDate, DirtyKind.NonNumeric, DirtyKind.NullSpelling, DirtyKind.FormulaInjection,
                DirtyKind.ScriptTag, DirtyKind.JavascriptLink, DirtyKind.EmojiCjk, DirtyKind.DuplicateKey);
            _files[location.Index] = (file, plan, new long[2]);
        }
    }

    public void Write(ReviewRecord review)
    {
        var (file, plan, totals) = _files[review.Location.Index]!.Value;
        var kind = plan.Next();
        totals[0] += review.Stars;
        totals[1]++;
        if (kind == DirtyKind.DuplicateKey)
        {
            // The API returned the review again after the reviewer edited it: same id, later updateTime.
            WriteReview(file, review, null, plan.Rng, updatedLater: false);
            var dupLine = WriteReview(file, review, null, plan.Rng, updatedLater: true);
            _truth.Dirty(file, dupLine, review.ReviewId, DirtyKind.DuplicateKey);
            return;
        }

        var line = WriteReview(file, review, kind, plan.Rng, updatedLater: false);
        if (kind is { } k)
        {
            _truth.Dirty(file, line, review.ReviewId, k);
        }
    }

    private static long WriteReview(JsonDocumentFile file, ReviewRecord r, DirtyKind? kind, Prng rng, bool updatedLater)
    {
        var line = file.NextElementLine();
        var w = file.Writer;
        w.WriteStartObject();
        w.WriteString("name", $"accounts/{AccountId}/locations/{r.Location.GoogleLocationId}/reviews/{r.ReviewId}");
        w.WriteString("reviewId", r.ReviewId);
        w.WriteStartObject("reviewer");
        JsonText.WriteString(w, "displayName", r.DisplayName);
        if (!r.IsAnonymous)
        {
            w.WriteString("profilePhotoUrl", r.ProfilePhotoUrl);
        }

        w.WriteBoolean("isAnonymous", r.IsAnonymous);
        w.WriteEndObject();
        w.WriteString("starRating", kind == DirtyKind.NonNumeric ? DirtyKinds.NonNumber(rng) : s_stars[r.Stars]);
        var comment = kind switch
        {
            DirtyKind.NullSpelling => DirtyKinds.NullWord(rng),
            DirtyKind.FormulaInjection => DirtyKinds.Formula,
            DirtyKind.ScriptTag => (r.Comment ?? "") + DirtyKinds.Script,
            DirtyKind.JavascriptLink => ((r.Comment ?? "") + " " + DirtyKinds.JavascriptUrl).TrimStart(),
            DirtyKind.EmojiCjk => ((r.Comment ?? "") + " " + DirtyKinds.EmojiAndCjk).TrimStart(),
            _ => r.Comment,
        };
        if (comment is not null)
        {
            JsonText.WriteString(w, "comment", comment);
        }

        var created = kind == DirtyKind.ImpossibleDate
            ? DirtyKinds.ImpossibleDay(rng)
                + r.Created.ToString("'T'HH:mm:ss'.'fff'Z'", System.Globalization.CultureInfo.InvariantCulture)
            : Clock.Rfc3339(r.Created, r.FractionDigits, r.ExtraNanos);
        w.WriteString("createTime", created);
        var updated = updatedLater ? r.Updated.AddHours(2 + rng.Next(200)) : r.Updated;
        w.WriteString("updateTime", Clock.Rfc3339(updated, r.FractionDigits, r.ExtraNanos));
        if (r.ReplyComment is not null)
        {
            w.WriteStartObject("reviewReply");
            JsonText.WriteString(w, "comment", r.ReplyComment);
            w.WriteString("updateTime", Clock.Rfc3339(r.ReplyUpdated!.Value, r.FractionDigits, r.ExtraNanos + 7));
            w.WriteEndObject();
        }

        w.WriteEndObject();
        file.CountElement();
        return line;
    }

    public void Dispose()
    {
        foreach (var entry in _files)
        {
            if (entry is not { } e)
            {
                continue;
            }

            var w = e.File.Writer;
            w.WriteEndArray();
            var count = e.Totals[1];
            w.WriteNumber("averageRating", count == 0 ? 0 : Math.Round((double)e.Totals[0] / count, 1));
            w.WriteNumber("totalReviewCount", count);
            w.WriteEndObject();
            e.File.Dispose();
        }
    }
}
