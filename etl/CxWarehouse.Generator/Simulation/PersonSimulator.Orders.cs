using CxWarehouse.Generator.Catalog;
using CxWarehouse.Generator.Core;

namespace CxWarehouse.Generator.Simulation;

/// <summary>Purchase, service and loyalty stages: opportunities, shoots, deliveries, complaints.</summary>
internal sealed partial class PersonSimulator
{
    private static readonly string[] s_channels = ["web", "phone", "studio"];

    /// <summary>A won booking and everything after it; returns the customer's experience in [0, 1].</summary>
    private double Order(DateTime decision, Product product, bool isRepeat)
    {
        var rng = _rng;
        var q = _location.Quality;
        var oppId = ctx.OpportunityIds.Next();
        var price = StudioCatalog.Price(product, _location);
        var amount = rng.Chance(0.4) ? Math.Round(price * (decimal)rng.Uniform(1.05, 1.3) / 5m) * 5m : price;
        var channel = s_channels[isRepeat ? rng.PickWeighted([0.55, 0.2, 0.25]) : rng.PickWeighted([0.45, 0.3, 0.25])];
        var decisionDay = DateOnly.FromDateTime(Clock.ToLocal(decision, Zone));
        DateTime created;
        switch (channel)
        {
            case "web":
                {
                    if (rng.Chance(0.25))
                    {
                        AddSession(decision.AddHours(-rng.Uniform(1, 72)), SessionKind.AbandonedCheckout, product);
                    }

                    var deposit = Math.Round(amount * 0.25m, 2);
                    AddSession(decision, SessionKind.Checkout, product, oppId, deposit, price);
                    created = decision.AddMinutes(rng.Uniform(8, 15));
                    break;
                }

            case "phone":
                {
                    var call = Call(BusinessTime(decisionDay), "booking", known: true, forceAnswer: true);
                    created = (call?.End ?? decision).AddMinutes(rng.Uniform(1, 10));
                    break;
                }

            default:
                created = BusinessTime(decisionDay);
                break;
        }

        if (created >= Cutoff)
        {
            created = Cutoff.AddMinutes(-rng.Uniform(1, 60));
        }

        ctx.Touchpoints.Orders++;
        var contact = ContactAt(created);
        var localCreated = DateOnly.FromDateTime(Clock.ToLocal(created, Zone));

        // Service: the shoot, then delivery; low-quality studios deliver late more often.
        var shoot = ShootDate(localCreated, product.Segment);
        var shootUtc = Clock.AtLocal(shoot, rng.Uniform(9, 16), Zone);
        var promised = product.Code == "POR-PRINT" ? 7 : product.Segment switch
        {
            Segment.Wedding => 42,
            Segment.Event => 14,
            _ => 10,
        };
        var late = rng.Chance(0.06 + (0.55 * (1 - q)));
        var deliveryDays = late ? promised + rng.Uniform(3, 35) : promised * rng.Uniform(0.45, 1.0);
        var deliveredUtc = BusinessTime(shoot.AddDays((int)Math.Ceiling(deliveryDays)));
        DateTime? delivered = deliveredUtc < Cutoff ? deliveredUtc : null;
        var promisedUtc = shootUtc.AddDays(promised);

        var e = Math.Clamp(0.35 + (0.62 * q) + _bias + rng.Normal(0, 0.1) - (late ? 0.22 : 0), 0, 1);
        Topic? issue = late ? Topic.Delivery : null;

        if (product.Segment == Segment.Wedding && rng.Chance(0.3))
        {
            Call(BusinessTime(shoot.AddDays(-rng.Next(3, 10))), "booking", known: true, forceAnswer: true,
                method: "OUTBOUND");
        }

        if (late && rng.Chance(0.6))
        {
            var chase = BusinessTime(DateOnly.FromDateTime(Clock.ToLocal(promisedUtc, Zone)).AddDays(rng.Next(2, 10)));
            if (chase < deliveredUtc)
            {
                if (rng.Chance(0.55))
                {
                    Call(chase, "delivery", known: true, forceAnswer: false);
                }
                else
                {
                    Ticket(chase, "Problem", Topic.Delivery, rng.Chance(0.6) ? "Email" : "Web", product, shoot);
                }
            }
        }
        else if (rng.Chance(0.07))
        {
            var ask = BusinessTime(shoot.AddDays(rng.Next(1, Math.Max(2, promised))));
            if (rng.Chance(0.5))
            {
                Call(ask, "delivery", known: true, forceAnswer: false);
            }
            else
            {
                Ticket(ask, "Question", Topic.Delivery, "Email", product, shoot);
            }
        }

        // Complaints follow a bad experience.
        if (rng.Chance(0.015 + (0.6 * Math.Max(0, 0.62 - e))))
        {
            var topic = late
                ? Topic.Delivery
                : rng.Pick([Topic.Quality, Topic.Staff, Topic.Price, Topic.Communication, Topic.Waiting]);
            issue = topic;
            var after = DateOnly.FromDateTime(Clock.ToLocal(delivered ?? promisedUtc, Zone));
            var when = BusinessTime(after.AddDays(rng.Next(1, 10)));
            if (rng.Chance(0.6))
            {
                var ticket = Ticket(when, "Complaint", topic, rng.PickWeighted([0.5, 0.3, 0.2]) switch
                {
                    0 => "Email",
                    1 => "Web",
                    _ => "Social",
                }, product, shoot);
                if (ticket is not null && rng.Chance(0.35))
                {
                    Call(OpeningHours(when.AddHours(rng.Uniform(2, 48))), "complaint", known: true, forceAnswer: true,
                        method: "OUTBOUND");
                }
            }
            else
            {
                var call = Call(when, "complaint", known: true, forceAnswer: false);
                if (call is { Answered: true } && rng.Chance(0.5))
                {
                    Ticket(call.End.AddMinutes(rng.Uniform(1, 20)), "Complaint", topic, "Phone", product, shoot);
                }
            }

            e = Math.Max(0, e - 0.12);
        }

        var surveyAt = delivered ?? shootUtc.AddDays(2);
        Survey(surveyAt, "order", oppId, e, Math.Clamp(e + (channel == "web" ? 0.08 : 0) + rng.Normal(0, 0.08), 0, 1),
            issue);

        if (delivered is { } d)
        {
            if (rng.Chance(0.14 + (0.4 * Math.Abs(e - 0.6)) - (isRepeat ? 0.06 : 0)))
            {
                Review(d.AddDays(rng.Uniform(0.5, 20)), Stars(e), issue, oppId, known: true);
            }

            AddSession(d.AddHours(rng.Uniform(1, 72)), SessionKind.Account, null);
            var more = rng.Geometric(0.3, 3);
            for (var i = 0; i < more; i++)
            {
                AddSession(d.AddDays(rng.Uniform(1, 60)), SessionKind.Account, null);
            }
        }

        var modified =
            Clock.Max(created, delivered ?? Clock.Min(shootUtc.AddDays(1), created.AddDays(rng.Uniform(0, 5))));
        if (modified >= Cutoff)
        {
            modified = created;
        }

        ctx.Crm.Opportunities.Write(
        [
            oppId, contact, OpportunityName(product, created), "Closed Won", amount, _location.Currency,
            decisionDay, isRepeat ? "Existing Business" : "New Business", _leadSource, true, true,
            isRepeat ? null : _campaign?.Id, _location.Code, product.Code, channel, shoot, delivered,
            created, modified, rng.Chance(0.002),
        ]);
        Touch(modified);
        _spendGbp += amount / Rate(_location.Currency);
        _lastOrder = created;

        if (_loyaltyEnrolled is null)
        {
            var join = product.Segment switch
            {
                Segment.Portrait => 0.45,
                Segment.Event => 0.25,
                _ => 0.2,
            } * (0.5 + e);
            var day = shoot.AddDays(rng.Next(0, 15));
            if (rng.Chance(join) && day < ctx.Options.End)
            {
                _loyaltyEnrolled = day;
                _loyaltyChannel = rng.PickWeighted([0.1, 0.15, 0.4, 0.05, 0.3]) switch
                {
                    0 => "CallCenter",
                    1 => "Email",
                    2 => "POS",
                    3 => "Social",
                    _ => "Web",
                };
            }
        }

        return e;
    }

    private void OpenOpportunity(DateTime lead, Product product, DateTime expectedClose)
    {
        var created = lead.AddDays(_rng.Uniform(0.2, 3));
        if (created >= Cutoff)
        {
            created = lead.AddMinutes(30);
        }

        if (created >= Cutoff)
        {
            return;
        }

        var stage = (Cutoff - created).TotalDays > 7 ? "Negotiation" : "Prospecting";
        var id = ctx.OpportunityIds.Next();
        var modified = Clock.Min(created.AddDays(_rng.Uniform(0, 6)), Cutoff.AddMinutes(-5));
        ctx.Crm.Opportunities.Write(
        [
            id, _contactId, OpportunityName(product, created), stage, StudioCatalog.Price(product, _location),
            _location.Currency, DateOnly.FromDateTime(Clock.ToLocal(expectedClose, Zone)), "New Business", _leadSource,
            false, false, _campaign?.Id, _location.Code, product.Code, _rng.Chance(0.5) ? "phone" : "web", null, null,
            created, Clock.Max(created, modified), false,
        ]);
        Touch(modified);
    }

    private void LostOpportunity(DateTime lead, Product product, DateTime decision)
    {
        if (_rng.Chance(0.3))
        {
            AddSession(decision.AddHours(-_rng.Uniform(1, 48)),
                _rng.Chance(0.5) ? SessionKind.AbandonedCheckout : SessionKind.CartAbandon, product);
        }

        if (!_rng.Chance(0.6))
        {
            return;
        }

        var created = lead.AddDays(_rng.Uniform(0.2, 3));
        if (created >= decision)
        {
            created = lead.AddMinutes(20);
        }

        var id = ctx.OpportunityIds.Next();
        ctx.Crm.Opportunities.Write(
        [
            id, _contactId, OpportunityName(product, created), "Closed Lost", StudioCatalog.Price(product, _location),
            _location.Currency, DateOnly.FromDateTime(Clock.ToLocal(decision, Zone)), "New Business", _leadSource,
            true, false, _campaign?.Id, _location.Code, product.Code, _rng.Chance(0.5) ? "phone" : "web", null, null,
            created, decision, _rng.Chance(0.002),
        ]);
        Touch(decision);
    }

    private DateOnly ShootDate(DateOnly booked, Segment segment)
    {
        var rng = _rng;
        switch (segment)
        {
            case Segment.Wedding:
                {
                    var day = booked.AddDays(rng.Next(45, 330));
                    if (day.Month is < 5 or > 9 && rng.Chance(0.85))
                    {
                        var year = day.Month > 9 ? day.Year + 1 : day.Year;
                        day = new DateOnly(year, 5, 1).AddDays(rng.Next(0, 153));
                    }

                    var target = rng.Chance(0.8) ? DayOfWeek.Saturday : DayOfWeek.Friday;
                    while (day.DayOfWeek != target)
                    {
                        day = day.AddDays(1);
                    }

                    return day;
                }

            case Segment.Event:
                return booked.AddDays(rng.Next(7, 61));
            default:
                return booked.AddDays(rng.Next(2, 22));
        }
    }

    private string OpportunityName(Product product, DateTime created) =>
        FullName + " - " + product.Code + " "
            + created.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    private string FullName => _location.Language == "zh" ? _last + _first : _first + " " + _last;

    private static decimal Rate(string currency) => currency switch
    {
        "GBP" => 1m,
        "USD" => 1.3m,
        "CNY" => 9m,
        _ => 6.5m,
    };

    private int Stars(double experience) =>
        Math.Clamp((int)Math.Round(1 + (4 * experience) + _rng.Normal(0, 0.55)), 1, 5);

    private void EmitContacts()
    {
        var rng = _rng;
        var titleCase = rng.Chance(0.35);
        var email = _hasEmail ? (titleCase ? Text.TitleCaseEmail(_emailLower) : _emailLower) : null;
        var city = _location.Code switch
        {
            "SHA" => "上海",
            "SZX" => "深圳",
            "SAO" => "São Paulo",
            _ => _location.City,
        };
        ctx.Crm.Contacts.Write(
        [
            _contactId, _first, _last, email, _phone.E164, rng.Chance(0.3) ? _phone.International : null,
            rng.Chance(0.85) ? city : null, _location.CountryName, _leadSource, _owner.UserId, _optOut,
            _segment.Name(), _location.Code, _contactCreated, Clock.Max(_contactCreated, _contactModified),
            rng.Chance(0.003),
        ]);

        if (_dupContactId is null)
        {
            return;
        }

        // The same person entered again elsewhere: other e-mail case, other phone format, maybe no e-mail.
        string? dupEmail = null;
        if (_hasEmail && rng.Chance(0.7))
        {
            dupEmail = rng.Next(3) switch
            {
                0 => _emailLower.ToUpperInvariant(),
                1 => titleCase ? _emailLower : Text.TitleCaseEmail(_emailLower),
                _ => " " + _emailLower,
            };
        }

        var dupOwner = rng.Pick(_dupLocation.Agents);
        var dupModified = Clock.Min(_dupCreated.AddDays(rng.Uniform(0, 20)), Cutoff.AddMinutes(-1));
        ctx.Crm.Contacts.Write(
        [
            _dupContactId, rng.Chance(0.1) ? _first.ToUpperInvariant() : _first, _last, dupEmail,
            _phone.AnyOtherFormat(rng), null, rng.Chance(0.5) ? city : null, _location.CountryName,
            rng.Chance(0.5) ? "Phone Inquiry" : "Walk-in", dupOwner.UserId, _optOut, _segment.Name(),
            _dupLocation.Code, _dupCreated, Clock.Max(_dupCreated, dupModified), false,
        ]);
    }

    private void EmitLoyalty()
    {
        if (_loyaltyEnrolled is not { } enrolled)
        {
            return;
        }

        var rng = _rng;
        var created = Clock.AtLocal(enrolled, rng.Uniform(9, 19), Zone);
        if (created >= Cutoff)
        {
            return;
        }

        var active = _lastOrder >= Cutoff.AddDays(-365);
        var tier = _spendGbp >= 2500 ? "Gold" : _spendGbp >= 700 ? "Silver" : "Bronze";
        var points = (long)(_spendGbp * 10) - (rng.Chance(0.3) ? rng.Next(0, 500) : 0);
        var modified = Clock.Max(created, _lastOrder);
        ctx.Crm.LoyaltyMembers.Write(
        [
            ctx.LoyaltyIds.Next(), _contactId, "LM" + Text.Int(ctx.NextMembership++), enrolled, _loyaltyChannel,
            active ? "Active" : "Inactive", tier, Math.Max(0, points), created, modified,
        ]);
    }
}
