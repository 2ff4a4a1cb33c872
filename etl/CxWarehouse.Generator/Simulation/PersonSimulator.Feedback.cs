using CxWarehouse.Generator.Catalog;
using CxWarehouse.Generator.Core;

namespace CxWarehouse.Generator.Simulation;

/// <summary>Survey responses after orders, calls and tickets; reviews on Google and Dianping.</summary>
internal sealed partial class PersonSimulator
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>
    /// Invites the contact to the CX survey after a touchpoint; about a quarter respond. Scores follow
    /// <paramref name="satisfaction"/> and <paramref name="ease"/> (both in [0, 1]).
    /// </summary>
    private void Survey(DateTime touchEnd, string touchpoint, string reference, double satisfaction, double ease,
        Topic? issue)
    {
        if (_contactId is null || touchEnd >= Cutoff)
        {
            return;
        }

        var rng = _rng;
        string channel;
        if (_hasEmail && !_optOut)
        {
            channel = rng.PickWeighted([0.8, 0.15, 0.05]) switch
            {
                0 => "email",
                1 => "sms",
                _ => "anonymous",
            };
        }
        else if (rng.Chance(0.7))
        {
            channel = "sms";
        }
        else
        {
            return;
        }

        var respond = touchpoint switch
        {
            "order" => 0.3,
            "call" => 0.2,
            _ => 0.25,
        } * (0.85 + Math.Abs(satisfaction - 0.55));
        if (!rng.Chance(respond))
        {
            return;
        }

        var start = touchEnd.AddHours(rng.Uniform(1, 96));
        var finished = rng.Chance(0.88);
        var progress = finished ? 100 : rng.Pick([10, 25, 50, 75]);
        var seconds = finished ? (int)rng.LogNormal(110, 0.6) + 15 : rng.Next(5, 90);
        var end = start.AddSeconds(seconds);
        var recorded = finished ? end.AddSeconds(rng.Next(0, 3)) : start.AddDays(7);
        if (recorded >= Cutoff)
        {
            return;
        }

        var nps = Math.Clamp((int)Math.Round((10.5 * satisfaction) + rng.Normal(0, 1.3)), 0, 10);
        var csat = Math.Clamp((int)Math.Round(1 + (4 * satisfaction) + rng.Normal(0, 0.6)), 1, 5);
        var ces = Math.Clamp((int)Math.Round(1 + (6 * ease) + rng.Normal(0, 0.8)), 1, 7);
        var language = _location.Language;
        var comment = "";
        if (progress == 100 && rng.Chance(0.3 + Math.Abs(satisfaction - 0.55)))
        {
            var commentLanguage = rng.Chance(0.03) ? (language == "en" ? "pt" : "en") : language;
            comment = PhraseBank.Compose(commentLanguage, csat, rng, csat <= 3 ? issue : null, 2);
        }

        var anonymous = channel == "anonymous";
        var responseId = "R_" + rng.Alnum(15, Alnum);
        var email = channel == "email"
            ? rng.Next(6) switch
            {
                0 => " " + _emailLower,
                1 => _emailLower + " ",
                _ => _emailLower,
            }
            : "";
        ctx.Surveys.Write(new SurveyResponse
        {
            Start = start,
            End = end,
            Recorded = recorded,
            IpAddress = rng.Pick(["203.0.113.", "198.51.100.", "192.0.2."]) + Text.Int(rng.Next(1, 255)),
            Progress = progress,
            Finished = finished,
            ResponseId = responseId,
            LastName = anonymous ? "" : _last,
            FirstName = anonymous ? "" : _first,
            Email = email,
            ExternalReference = anonymous ? "" : reference,
            Latitude = _location.Latitude + rng.Uniform(-0.08, 0.08),
            Longitude = _location.Longitude + rng.Uniform(-0.08, 0.08),
            Channel = channel,
            Language = rng.Chance(0.04) ? "EN" : language switch
            {
                "zh" => "ZH-S",
                "pt" => "PT-BR",
                _ => "EN",
            },
            Nps = progress >= 25 ? nps : null,
            Csat = progress >= 50 ? csat : null,
            Ces = progress >= 75 ? ces : null,
            Comment = comment,
            Touchpoint = touchpoint,
            LocationCode = _location.Code,
        });
        ctx.Touchpoints.SurveyResponses++;
        ctx.Truth.Identity(_personId, "qualtrics", "ResponseId", responseId);
    }

    /// <summary>A review on the location's platform: Dianping in China, Google elsewhere.</summary>
    private void Review(DateTime after, int stars, Topic? issue, string? orderId, bool known)
    {
        // People write reviews in the evening or at lunch, in their own time zone.
        var created = Clock.AtLocal(DateOnly.FromDateTime(Clock.ToLocal(after, Zone)), Math.Max(7, WebHour()), Zone)
            .AddTicks(_rng.Next(0, 10_000_000));
        if (created >= Cutoff)
        {
            return;
        }

        var rng = _rng;
        var location = _location;
        var language = location.Language;
        if (rng.Chance(0.04))
        {
            language = language == "en" ? rng.Pick(["pt", "zh"]) : "en";
        }

        var forced = stars <= 3 ? issue : null;
        var q = location.Quality;
        var replied = rng.Chance(0.25 + (0.6 * q));
        var replyAt = created.AddHours(rng.LogNormal(6 + (60 * (1 - q)), 1.0));
        if (replyAt >= Cutoff)
        {
            replied = false;
        }

        var updated = rng.Chance(0.85) ? created : created.AddHours(rng.Uniform(1, 24 * 20));
        if (updated >= Cutoff)
        {
            updated = created;
        }

        ctx.Touchpoints.Reviews++;
        if (location.UsesDianping)
        {
            var content = PhraseBank.Compose(language, stars, rng, forced, 3);
            var accurate = (stars * 10) - (stars > 1 && rng.Chance(0.3) ? 5 : 0);
            var reviewId = Text.Int(ctx.NextDianpingReviewId += rng.Next(1, 400));
            var scores = new int[3];
            for (var i = 0; i < 3; i++)
            {
                var penalty = (i == 2 && issue is Topic.Staff or Topic.Waiting or Topic.Communication)
                    || (i == 0 && issue is Topic.Quality or Topic.Delivery) ? 1 : 0;
                scores[i] = Math.Clamp((int)Math.Round(stars + rng.Normal(0, 0.6)) - penalty, 1, 5);
            }

            ctx.Dianping.Write(new ReviewRecord
            {
                Location = location,
                ReviewId = reviewId,
                DisplayName =
                    rng.Pick(NameBank.DianpingNicknames) + (rng.Chance(0.5) ? Text.Int(rng.Next(1, 999)) : ""),
                Stars = stars,
                AccurateStar = accurate,
                SubScores = scores,
                Comment = content,
                Created = created,
                Updated = updated,
                ReplyComment = replied ? DianpingReply(stars) : null,
                ReplyUpdated = replied ? replyAt : null,
                ConsumeOrderId = known && orderId is not null ? orderId : "",
            });
            if (known)
            {
                ctx.Truth.Identity(_personId, "dianping", "reviewId", reviewId);
            }

            return;
        }

        var anonymousReviewer = !known || rng.Chance(0.06);
        var googleId = "AbFvOq" + rng.Alnum(rng.Next(28, 44), Base64Url);
        var display = anonymousReviewer && rng.Chance(0.6)
            ? "A Google User"
            : location.Language == "zh" ? _last + _first : _first + " " + _last[..1] + ".";
        ctx.Google.Write(new ReviewRecord
        {
            Location = location,
            ReviewId = googleId,
            DisplayName = display,
            IsAnonymous = display == "A Google User",
            ProfilePhotoUrl =
                "https://lh3.googleusercontent.example/a-/" + rng.Alnum(24, Base64Url) + "=s120-c-rp-mo-br100",
            Stars = stars,
            Comment = rng.Chance(0.75) ? PhraseBank.Compose(language, stars, rng, forced, 3) : null,
            Created = created,
            Updated = updated,
            FractionDigits = rng.Pick([3, 3, 6, 9, 9]),
            ExtraNanos = rng.Next(0, 100),
            ReplyComment = replied ? GoogleReply(stars, display == "A Google User" ? "" : _first) : null,
            ReplyUpdated = replied ? replyAt : null,
        });
        if (known)
        {
            ctx.Truth.Identity(_personId, "google", "reviewId", googleId);
        }
    }

    private string GoogleReply(int stars, string name)
    {
        var rng = _rng;
        var who = name.Length > 0 ? ", " + name : "";
        return _location.Language switch
        {
            "pt" => stars >= 4
                ? rng.Pick(["Muito obrigado" + who + "! Foi um prazer.", "Obrigado pela avaliação" + who + "!"])
                : "Sentimos muito" + who
                    + ". Por favor, entre em contato pelo hello@lumenstudios.example para resolvermos.",
            _ => stars >= 4
                ? rng.Pick(
                [
                    "Thank you so much" + who + "! It was a pleasure working with you.",
                    "Thanks for the kind words" + who + " - see you again soon!",
                ])
                : "We're sorry to hear this" + who
                    + ". Please contact us at hello@lumenstudios.example so we can make it right.",
        };
    }

    private string DianpingReply(int stars) => stars >= 4
        ? _rng.Pick(["感谢您的好评，期待再次为您服务！", "谢谢亲的认可，欢迎下次光临~"])
        : _rng.Pick(["非常抱歉给您带来不好的体验，请联系我们的客服，我们会尽快处理。", "抱歉让您失望了，店长会联系您跟进。"]);
}
