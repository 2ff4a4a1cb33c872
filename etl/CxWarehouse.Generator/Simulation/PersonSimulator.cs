using CxWarehouse.Generator.Catalog;
using CxWarehouse.Generator.Core;

namespace CxWarehouse.Generator.Simulation;

/// <summary>
/// Simulates one person at a time, from first visit to loyalty, writing records straight to the sinks.
/// All randomness comes from a generator seeded by (seed, person index), and the only state kept is
/// the current person's, so memory does not grow with scale.
/// </summary>
internal sealed partial class PersonSimulator(SimulationContext ctx)
{
    private const ulong PersonStream = 0x5045_5253;

    private static readonly double[] s_locationWeights = [.. StudioCatalog.Locations.Select(l => l.Weight)];

    private readonly List<PlannedSession> _sessions = [];
    private readonly List<WebDevice> _devices = [];

    private Prng _rng = null!;
    private int _index;
    private string _personId = "";
    private Location _location = null!;
    private Segment _segment;
    private bool _isCrm;
    private string _first = "";
    private string _last = "";
    private string _emailLower = "";
    private PhoneNumber _phone = null!;
    private double _bias;
    private string? _contactId;
    private DateTime _contactCreated;
    private DateTime _contactModified;
    private string _leadSource = "Web";
    private Agent _owner = null!;
    private bool _optOut;
    private bool _hasEmail;
    private string? _dupContactId;
    private DateTime _dupCreated;
    private Location _dupLocation = null!;
    private CampaignInfo? _campaign;
    private string _awarenessName = "(direct)";
    private string _awarenessMedium = "(none)";
    private string _awarenessSource = "(direct)";
    private string? _awarenessReferrer;
    private int _sessionSequence;
    private decimal _spendGbp;
    private DateTime _lastOrder;
    private DateOnly? _loyaltyEnrolled;
    private string _loyaltyChannel = "";

    private TimeZoneInfo Zone => _location.Zone;

    private DateTime Cutoff => ctx.Cutoff;

    public void Simulate(int index)
    {
        Reset(index);
        var arrival = ctx.ArrivalDay((index + _rng.NextDouble()) / ctx.PersonCount);
        _segment = SimulationContext.SegmentFor(arrival.Month, _rng);
        _location = StudioCatalog.Locations[_rng.PickWeighted(s_locationWeights)];
        _isCrm = _rng.Chance(0.6);
        _bias = _rng.Normal(0, 0.08);
        ChooseIdentity();
        ChooseDevices();
        ChooseAwareness(arrival);

        // Awareness: a first visit, then a few more look-arounds over the next days.
        var firstVisit = Clock.AtLocal(arrival, WebHour(), Zone);
        AddSession(firstVisit, SessionKind.Browse, null);
        var extra = _rng.Geometric(0.4, 3);
        for (var i = 0; i < extra; i++)
        {
            AddSession(firstVisit.AddHours(_rng.Uniform(2, 24 * 12)),
                _rng.Chance(0.5) ? SessionKind.Browse : SessionKind.Research, PickProduct(_segment));
        }

        if (_isCrm)
        {
            var lead = firstVisit.AddHours(_rng.Uniform(0.5, 24 * Math.Min(30, 1 + _rng.Exponential(5))));
            if (lead.AddHours(2) < Cutoff)
            {
                CrmJourney(lead);
            }
        }
        else
        {
            AnonymousJourney(firstVisit);
        }

        FlushSessions();
        if (_contactId is not null)
        {
            EmitContacts();
            EmitLoyalty();
        }
    }

    private void Reset(int index)
    {
        _index = index;
        _rng = Prng.For(ctx.Seed, PersonStream, (ulong)index);
        _personId = "P" + Text.Int(index + 1).PadLeft(7, '0');
        _sessions.Clear();
        _devices.Clear();
        _contactId = null;
        _dupContactId = null;
        _campaign = null;
        _sessionSequence = 0;
        _spendGbp = 0;
        _lastOrder = DateTime.MinValue;
        _loyaltyEnrolled = null;
        _awarenessReferrer = null;
        _userIdListed = false;
    }

    private void ChooseIdentity()
    {
        var rng = _rng;
        var n = Text.Int(_index + 100 + (ctx.Seed % 97));
        string localPart;
        string domain;
        switch (_location.Language)
        {
            case "zh":
                {
                    var surname = rng.Pick(NameBank.ChineseSurnames);
                    var given = rng.Pick(NameBank.ChineseGiven);
                    _first = given.Hanzi;
                    _last = surname.Hanzi;
                    localPart = rng.Next(3) switch
                    {
                        0 => Text.Int(100_000 + ((_index * 7919L) % 900_000)) + n,
                        1 => surname.Pinyin + given.Pinyin + n,
                        _ => given.Pinyin + "." + surname.Pinyin + n,
                    };
                    domain = rng.Pick(["qq.example", "163.example", "126.example", "foxmail.example", "sina.example"]);
                    break;
                }

            case "pt":
                _first = rng.Pick(NameBank.PortugueseFirst);
                _last = rng.Pick(NameBank.PortugueseLast);
                localPart = EmailLocal(rng, n);
                domain = rng.Pick(["gmail.example", "hotmail.example", "uol.example", "bol.example",
                    "outlook.example"]);
                break;
            default:
                _first = rng.Pick(NameBank.EnglishFirst);
                _last = rng.Pick(NameBank.EnglishLast);
                localPart = EmailLocal(rng, n);
                domain = _location.Country == "GB"
                    ? rng.Pick(["gmail.example", "outlook.example", "yahoo.example", "btinternet.example",
                        "example.com"])
                    : rng.Pick(["gmail.example", "outlook.example", "yahoo.example", "icloud.example", "example.com"]);
                break;
        }

        _emailLower = localPart + "@" + domain;
        _phone = PhoneNumber.Create(_location, ctx.PhoneTag(_index), rng);
        _owner = rng.Pick(_location.Agents);
        _optOut = rng.Chance(0.08);
        _hasEmail = rng.Chance(0.96);
    }

    private string EmailLocal(Prng rng, string n)
    {
        var first = Text.AsciiFold(_first);
        var last = Text.AsciiFold(_last);
        return rng.Next(5) switch
        {
            0 => first + "." + last + n,
            1 => first + last + n,
            2 => first[..1] + last + n,
            3 => first + "_" + last + n,
            _ => last + "." + first + n,
        };
    }

    private void ChooseDevices()
    {
        _devices.Add(NewDevice(_rng.PickWeighted([0.6, 0.33, 0.07])));
        if (_rng.Chance(_isCrm ? 0.2 : 0.07))
        {
            _devices.Add(NewDevice(_devices[0].Category == "mobile" ? 1 : 0));
        }
    }

    private WebDevice NewDevice(int category)
    {
        var cn = _location.Country == "CN";
        (string Os, string Browser) pick = category switch
        {
            0 => _rng.Chance(cn ? 0.3 : 0.55)
                ? ("iOS", "Safari")
                : ("Android", AndroidBrowser(cn)),
            1 => _rng.PickWeighted([0.45, 0.15, 0.25, 0.1, 0.05]) switch
            {
                0 => ("Windows", "Chrome"),
                1 => ("Windows", "Edge"),
                2 => ("Macintosh", "Safari"),
                3 => ("Macintosh", "Chrome"),
                _ => ("Windows", "Firefox"),
            },
            _ => _rng.Chance(0.7) ? ("iOS", "Safari") : ("Android", "Chrome"),
        };
        return new WebDevice
        {
            Location = _location,
            Category = category switch { 0 => "mobile", 1 => "desktop", _ => "tablet" },
            OperatingSystem = pick.Os,
            Browser = pick.Browser,
        };
    }

    private string AndroidBrowser(bool china)
    {
        if (china && _rng.Chance(0.4))
        {
            return "Android Webview";
        }

        return _rng.Chance(0.85) ? "Chrome" : "Samsung Internet";
    }

    private void ChooseAwareness(DateOnly arrival)
    {
        var cn = _location.Country == "CN";
        var choice = _rng.PickWeighted([0.35, 0.2, 0.15, 0.1, 0.2]);
        switch (choice)
        {
            case 0:
                (_awarenessName, _awarenessMedium) = ("(organic)", "organic");
                _awarenessSource = cn ? "baidu" : "google";
                _awarenessReferrer = cn ? "https://www.baidu.com/" : "https://www.google.com/";
                break;
            case 1:
                (_awarenessName, _awarenessMedium) = ("(referral)", "social");
                _awarenessSource = cn ? "xiaohongshu.com" : "instagram.com";
                _awarenessReferrer = cn ? "https://www.xiaohongshu.com/" : "https://l.instagram.com/";
                break;
            case 2:
                _campaign = ctx.Campaigns.Active(arrival, _location, "Paid Search", _segment, _rng);
                (_awarenessName, _awarenessMedium) = (_campaign?.Name ?? "(cpc)", "cpc");
                _awarenessSource = cn ? "baidu" : "google";
                _awarenessReferrer = cn ? "https://www.baidu.com/" : "https://www.google.com/";
                break;
            case 3:
                (_awarenessName, _awarenessMedium) = ("(referral)", "referral");
                _awarenessSource = _segment == Segment.Wedding ? "weddingwire.example" : "timeout.example";
                _awarenessReferrer = "https://www." + _awarenessSource + "/";
                break;
            default:
                (_awarenessName, _awarenessMedium, _awarenessSource) = ("(direct)", "(none)", "(direct)");
                break;
        }

        // Offline and e-mail campaign touches (events, print, newsletters) also attribute a person.
        if (_campaign is null && _rng.Chance(0.2))
        {
            _campaign = ctx.Campaigns.Active(arrival, _location, null, _segment, _rng);
            if (_campaign is { Type: "Email" or "Social" } c && choice == 4)
            {
                _awarenessName = c.Name;
                _awarenessMedium = c.Type == "Email" ? "email" : "paid_social";
                _awarenessSource = c.Type == "Email" ? "newsletter" : (cn ? "wechat" : "instagram");
                _awarenessReferrer = null;
            }
        }
    }

    private void AnonymousJourney(DateTime firstVisit)
    {
        var more = _rng.Geometric(0.38, 3);
        for (var i = 0; i < more; i++)
        {
            var kind = _rng.PickWeighted([0.45, 0.3, 0.15, 0.1]) switch
            {
                0 => SessionKind.Browse,
                1 => SessionKind.Research,
                2 => SessionKind.CartAbandon,
                _ => SessionKind.AbandonedCheckout,
            };
            AddSession(firstVisit.AddHours(_rng.Uniform(1, 24 * 40)), kind, PickProduct(_segment));
        }

        // Unknown callers: prospects who phone once and never leave their details.
        if (_rng.Chance(0.12))
        {
            var when = BusinessTime(DateOnly.FromDateTime(Clock.ToLocal(firstVisit, Zone)).AddDays(_rng.Next(0, 10)));
            Call(when, _rng.Chance(0.6) ? "pricing" : "other", known: false, forceAnswer: false);
        }

        if (_rng.Chance(0.04))
        {
            var when = firstVisit.AddDays(_rng.Uniform(3, 90));
            var stars =
                Math.Clamp((int)Math.Round(_rng.Normal(1 + (4 * (0.3 + (0.6 * _location.Quality))), 1.2)), 1, 5);
            Review(when, stars, null, orderId: null, known: false);
        }
    }

    private void CrmJourney(DateTime leadTime)
    {
        _contactId = ctx.ContactIds.Next();
        ctx.Truth.Identity(_personId, "crm", "Contact", _contactId);
        var product = PickProduct(_segment);

        // Consideration: the inquiry that makes the person a CRM contact.
        var channel = _rng.PickWeighted([0.5, 0.3, 0.2]);
        DateTime created;
        switch (channel)
        {
            case 0:
                AddSession(leadTime, SessionKind.Lead, product);
                created = leadTime.AddMinutes(_rng.Uniform(6, 12));
                _leadSource = _campaign is not null ? "Advertisement"
                    : _awarenessMedium == "referral" ? "Partner Referral"
                    : _awarenessMedium == "social" ? "Social"
                    : "Web";
                break;
            case 1:
                {
                    var call = Call(BusinessTime(DateOnly.FromDateTime(Clock.ToLocal(leadTime, Zone))),
                        _rng.Chance(0.5) ? "pricing" : "booking", known: true, forceAnswer: true);
                    created = (call?.End ?? leadTime).AddMinutes(_rng.Uniform(1, 8));
                    leadTime = call?.End ?? leadTime;
                    _leadSource = _campaign is not null && _rng.Chance(0.5) ? "Advertisement" : "Phone Inquiry";
                    break;
                }

            default:
                {
                    var origin = _rng.PickWeighted([0.45, 0.3, 0.15, 0.1]) switch
                    {
                        0 => "Email",
                        1 => "Web",
                        2 => "Chat",
                        _ => "Social",
                    };
                    created = leadTime.AddMinutes(_rng.Uniform(1, 30));
                    _contactCreated = created;
                    Ticket(leadTime, "Question", _rng.Chance(0.5) ? Topic.Price : Topic.Booking, origin, product, null);
                    _leadSource = origin == "Social" ? "Social" : "Web";
                    break;
                }
        }

        _contactCreated = created;
        _contactModified = created;
        PlanDuplicate(created);

        // More research between inquiry and decision.
        var research = _rng.Geometric(0.5, 3);
        for (var i = 0; i < research; i++)
        {
            AddSession(leadTime.AddHours(_rng.Uniform(1, 24 * 10)), SessionKind.Research,
                _rng.Chance(0.7) ? product : PickProduct(_segment));
        }

        if (_rng.Chance(0.12))
        {
            var when = leadTime.AddHours(_rng.Uniform(4, 24 * 7));
            Ticket(when, "Question", _rng.Chance(0.5) ? Topic.Price : Topic.Booking,
                _rng.Chance(0.6) ? "Email" : "Chat", product, null);
        }

        // Purchase decision.
        var decisionDays = _segment switch
        {
            Segment.Wedding => _rng.Uniform(3, 40),
            Segment.Event => _rng.Uniform(1, 20),
            _ => _rng.Uniform(0.2, 10),
        };
        var decision = leadTime.AddDays(decisionDays);
        var segmentBase = _segment switch
        {
            Segment.Wedding => 0.55,
            Segment.Event => 0.6,
            _ => 0.7,
        };
        var convert = segmentBase * (0.55 + (0.6 * _location.Quality)) * (_campaign is null ? 1.0 : 1.08);
        if (decision >= Cutoff)
        {
            OpenOpportunity(leadTime, product, decision);
            return;
        }

        if (!_rng.Chance(convert))
        {
            LostOpportunity(leadTime, product, decision);
            return;
        }

        var experience = Order(decision, product, isRepeat: false);

        // Loyalty: repeat bookings while the customer stays happy; each gap risks churn.
        var repeatBase = _segment switch
        {
            Segment.Portrait => 0.5,
            Segment.Event => 0.32,
            _ => 0.15,
        };
        var next = decision;
        for (var k = 0; k < 5; k++)
        {
            if (!_rng.Chance(repeatBase * (0.3 + experience) * (k == 0 ? 1.0 : 0.8)))
            {
                break;
            }

            next = next.AddDays(_rng.Uniform(45, 330));
            if (next >= Cutoff)
            {
                break;
            }

            var repeatSegment = _segment == Segment.Wedding ? Segment.Portrait : _segment;
            AddSession(next.AddDays(-_rng.Uniform(1, 14)), SessionKind.Research, PickProduct(repeatSegment));
            experience = (0.5 * experience) + (0.5 * Order(next, PickProduct(repeatSegment), isRepeat: true));
        }
    }

    private void PlanDuplicate(DateTime created)
    {
        if (!_rng.Chance(0.045))
        {
            return;
        }

        var span = (Cutoff - created).TotalDays;
        if (span < 2)
        {
            return;
        }

        _dupCreated = created.AddDays(_rng.Uniform(1, Math.Min(span - 0.5, 400)));
        _dupContactId = ctx.ContactIds.Next();
        _dupLocation = _rng.Chance(0.5)
            ? _location
            : StudioCatalog.Locations.FirstOrDefault(l => l.Country == _location.Country && l != _location)
                ?? _location;
        ctx.Truth.Identity(_personId, "crm", "Contact", _dupContactId);
    }

    /// <summary>Main or duplicate Contact, as whoever created the record at that time would have picked.</summary>
    private string ContactAt(DateTime when) =>
        _dupContactId is not null && when >= _dupCreated && _rng.Chance(0.6) ? _dupContactId : _contactId!;

    private void Touch(DateTime when)
    {
        if (when > _contactModified && when < Cutoff)
        {
            _contactModified = when;
        }
    }

    private Product PickProduct(Segment segment)
    {
        Span<double> weights = stackalloc double[4];
        var start = (int)segment * 4;
        for (var i = 0; i < 4; i++)
        {
            weights[i] = StudioCatalog.Products[start + i].Popularity;
        }

        return StudioCatalog.Products[start + _rng.PickWeighted(weights)];
    }

    /// <summary>Local hour for a web visit: lunch and evening peaks.</summary>
    private double WebHour()
    {
        var bucket = _rng.PickWeighted([0.03, 0.12, 0.2, 0.2, 0.35, 0.1]);
        return bucket switch
        {
            0 => _rng.Uniform(0, 7),
            1 => _rng.Uniform(7, 10),
            2 => _rng.Uniform(10, 14),
            3 => _rng.Uniform(14, 18),
            4 => _rng.Uniform(18, 22.5),
            _ => _rng.Uniform(22.5, 24),
        };
    }

    /// <summary>A time within studio opening hours (09:00-19:00 local) on the day, skipping Sundays.</summary>
    private DateTime BusinessTime(DateOnly day)
    {
        if (day.DayOfWeek == DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        var hour = _rng.Chance(0.35) ? _rng.Uniform(9, 12) : _rng.Uniform(9, 19);
        return Clock.AtLocal(day, hour, Zone);
    }

    /// <summary>The instant itself if the studio's phones are open then, else a time on the next open day.</summary>
    private DateTime OpeningHours(DateTime utc)
    {
        var local = Clock.ToLocal(utc, Zone);
        if (local.DayOfWeek != DayOfWeek.Sunday && local.Hour is >= 9 and < 19)
        {
            return utc;
        }

        var day = DateOnly.FromDateTime(local);
        return BusinessTime(local.Hour >= 19 ? day.AddDays(1) : day);
    }

    private void AddSession(
        DateTime start, SessionKind kind, Product? product, string? transactionId = null, decimal deposit = 0,
        decimal price = 0)
    {
        if (start < Cutoff)
        {
            _sessions.Add(new PlannedSession(start, _sessionSequence++, kind, product, transactionId, deposit, price));
        }
    }
}
