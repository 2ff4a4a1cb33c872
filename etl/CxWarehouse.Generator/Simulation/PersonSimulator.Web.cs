using CxWarehouse.Generator.Catalog;
using CxWarehouse.Generator.Core;
using CxWarehouse.Generator.Sinks;

namespace CxWarehouse.Generator.Simulation;

/// <summary>GA4 sessions: planned during the journey, run in time order per device at the end.</summary>
internal sealed partial class PersonSimulator
{
    private static readonly Dictionary<(string Location, Segment Segment), decimal[]> s_listPrices = BuildListPrices();

    // Current session state.
    private WebDevice _device = null!;
    private DateTime _t;
    private long _sessionId;
    private int _sessionNumber;
    private bool _engaged;
    private string _pageUrl = "";
    private string _pageTitle = "";
    private string? _referrer;
    private bool _firstEvent;
    private long _lastGapMs;
    private bool _userIdListed;

    private void FlushSessions()
    {
        _sessions.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Sequence.CompareTo(b.Sequence));
        foreach (var session in _sessions)
        {
            var device = _devices.Count > 1 && _rng.Chance(0.4) ? _devices[1] : _devices[0];
            var start = session.Start;
            if (device.Sessions > 0 && start < device.LastActivity.AddMinutes(31))
            {
                start = device.LastActivity.AddMinutes(_rng.Uniform(31, 180));
            }

            if (start >= Cutoff)
            {
                continue;
            }

            RunSession(device, session, start);
        }
    }

    private void RunSession(WebDevice device, PlannedSession plan, DateTime start)
    {
        var rng = _rng;
        if (device.Sessions == 0)
        {
            var first = rng.Next(1, 10);
            device.PseudoId =
                Text.Int(first) + rng.Digits(rng.Chance(0.7) ? 9 : 8) + "." + Text.Int(Clock.UnixSeconds(start));
            device.FirstTouchMicros = Clock.UnixMicros(start) + rng.Next(0, 1_000_000);
            if (device == _devices[0])
            {
                device.SourceName = _awarenessName;
                device.SourceMedium = _awarenessMedium;
                device.Source = _awarenessSource;
            }
            else if (rng.Chance(0.5))
            {
                (device.SourceName, device.SourceMedium, device.Source) =
                    ("(organic)", "organic", _location.Country == "CN" ? "baidu" : "google");
            }

            ctx.Truth.Identity(_personId, "web", "user_pseudo_id", device.PseudoId);
        }

        device.Sessions++;
        _device = device;
        _t = start.AddTicks(rng.Next(0, 10_000_000));
        _sessionId = Clock.UnixSeconds(start);
        _sessionNumber = device.Sessions;
        _firstEvent = true;
        _lastGapMs = 0;
        _pageUrl = "";
        _referrer = device.Sessions == 1 && device == _devices[0]
            ? _awarenessReferrer
            : rng.Chance(0.35)
                ? (_location.Country == "CN" ? "https://www.baidu.com/" : "https://www.google.com/") : null;

        var product = plan.Product;
        switch (plan.Kind)
        {
            case SessionKind.Browse:
                {
                    var bounce = rng.Chance(_isCrm ? 0.3 : 0.45);
                    _engaged = !bounce;
                    var landing = rng.PickWeighted([0.5, 0.35, 0.15]);
                    Page(landing == 0 ? "home" : landing == 1 ? "segment" : "blog", product);
                    if (bounce)
                    {
                        break;
                    }

                    if (rng.Chance(0.5))
                    {
                        Event("scroll");
                    }

                    Page("segment", product);
                    Event("view_item_list", SegmentItems(_segment));
                    var views = rng.Next(0, 3);
                    for (var i = 0; i < views; i++)
                    {
                        var p = PickProduct(_segment);
                        Page("product", p);
                        Event("view_item", Item(p));
                    }

                    Event("user_engagement");
                    break;
                }

            case SessionKind.Research:
            case SessionKind.CartAbandon:
                {
                    _engaged = true;
                    product ??= PickProduct(_segment);
                    if (rng.Chance(0.5))
                    {
                        Page("segment", product);
                        Event("view_item_list", SegmentItems(product.Segment));
                    }

                    Page("product", product);
                    Event("view_item", Item(product));
                    if (rng.Chance(0.6))
                    {
                        Event("scroll");
                    }

                    if (rng.Chance(0.35))
                    {
                        var other = PickProduct(product.Segment);
                        Page("product", other);
                        Event("view_item", Item(other));
                    }

                    if (plan.Kind == SessionKind.CartAbandon)
                    {
                        Event("add_to_cart", Item(product));
                    }

                    Event("user_engagement");
                    break;
                }

            case SessionKind.Lead:
                _engaged = true;
                Page("product", product);
                Event("view_item", Item(product!));
                Page("contact", product);
                Event("generate_lead");
                Event("user_engagement");
                break;
            case SessionKind.AbandonedCheckout:
                _engaged = true;
                Page("product", product);
                Event("view_item", Item(product!));
                Event("add_to_cart", Item(product!));
                Page("checkout", product);
                Event("begin_checkout", Item(product!));
                if (rng.Chance(0.5))
                {
                    Page("payment", product);
                    Event("add_payment_info", Item(product!));
                }

                Event("user_engagement");
                break;
            case SessionKind.Checkout:
                _engaged = true;
                Page("product", product);
                Event("view_item", Item(product!));
                Event("add_to_cart", Item(product!));
                Login(product);
                Page("checkout", product);
                Event("begin_checkout", Item(product!));
                Page("payment", product);
                Event("add_payment_info", Item(product!));
                Page("confirmation", product);
                Event("purchase", Item(product!), plan.TransactionId, plan.Deposit);
                Event("user_engagement");
                break;
            default:
                _engaged = true;
                Login(null);
                Page("account", null);
                Page("gallery", null);
                if (rng.Chance(0.6))
                {
                    Event("scroll");
                }

                Event("user_engagement");
                break;
        }

        device.LastActivity = _t;
    }

    private void Login(Product? product)
    {
        if (_device.UserId is not null || _contactId is null)
        {
            return;
        }

        Page("login", product);
        _device.UserId = _contactId;
        if (!_userIdListed)
        {
            _userIdListed = true;
            ctx.Truth.Identity(_personId, "web", "user_id", _contactId);
        }

        Event("login",
            method: _location.Country == "CN"
                ? (_rng.Chance(0.6) ? "WeChat" : "email") : (_rng.Chance(0.3) ? "Google" : "email"));
    }

    private void Page(string key, Product? product)
    {
        var previous = _pageUrl;
        (_pageUrl, _pageTitle) = PageFor(key, product);
        if (previous.Length > 0)
        {
            _referrer = previous;
        }

        if (_firstEvent)
        {
            Emit("session_start", null, null, 0, null);
            Emit("page_view", null, null, 0, null);
            _firstEvent = false;
            Advance();
            return;
        }

        Emit("page_view", null, null, 0, null);
        Advance();
    }

    private void Event(
        string name,
        (Product[] Items, decimal[] Prices)? items = null,
        string? transactionId = null,
        decimal value = 0,
        string? method = null)
    {
        Emit(name, items, transactionId, value, method);
        Advance();
    }

    private void Advance()
    {
        var seconds = _rng.Uniform(3, 75);
        _lastGapMs = (long)(seconds * 1000);
        _t = _t.AddTicks((long)(seconds * TimeSpan.TicksPerSecond) + _rng.Next(0, 9999));
    }

    private void Emit(string name, (Product[] Items, decimal[] Prices)? items, string? transactionId, decimal value,
        string? method)
    {
        if (_t >= Cutoff)
        {
            return;
        }

        ctx.Web.Write(new WebEvent
        {
            Device = _device,
            Name = name,
            Utc = _t,
            Micros = Clock.UnixMicros(_t),
            SessionId = _sessionId,
            SessionNumber = _sessionNumber,
            PageLocation = _pageUrl,
            PageTitle = _pageTitle,
            PageReferrer = _referrer,
            EngagementMsec = name == "session_start" || _lastGapMs == 0 ? null : _lastGapMs,
            Engaged = _engaged,
            UserId = _device.UserId,
            Items = items?.Items,
            ItemPrices = items?.Prices,
            TransactionId = transactionId,
            Value = value,
            LoginMethod = method,
        });
        ctx.Touchpoints.WebEvents++;
    }

    private (Product[] Items, decimal[] Prices) Item(Product product) =>
        ([product], [StudioCatalog.Price(product, _location)]);

    private (Product[] Items, decimal[] Prices) SegmentItems(Segment segment)
    {
        var items = new Product[4];
        for (var i = 0; i < 4; i++)
        {
            items[i] = StudioCatalog.Products[((int)segment * 4) + i];
        }

        return (items, s_listPrices[(_location.Code, segment)]);
    }

    private static Dictionary<(string Location, Segment Segment), decimal[]> BuildListPrices()
    {
        var prices = new Dictionary<(string, Segment), decimal[]>();
        foreach (var location in StudioCatalog.Locations)
        {
            for (var s = 0; s < 3; s++)
            {
                var list = new decimal[4];
                for (var i = 0; i < 4; i++)
                {
                    list[i] = StudioCatalog.Price(StudioCatalog.Products[(s * 4) + i], location);
                }

                prices[(location.Code, (Segment)s)] = list;
            }
        }

        return prices;
    }

    private (string Url, string Title) PageFor(string key, Product? product)
    {
        var location = _location;
        var language = location.Language;
        var host = "https://" + WebSink.Hostname;
        var site = host + "/" + location.WebLocale + "/" + location.CitySlug;
        var brand = language == "zh"
            ? "光影工作室 " + location.LocalName
            : "Lumen Studios " + (location.Code == "SAO" ? "São Paulo" : location.City);
        var shortBrand = language == "zh" ? "光影工作室" : "Lumen Studios";
        var segment = product?.Segment ?? _segment;
        string L(string en, string zh, string pt) => language switch
        {
            "zh" => zh,
            "pt" => pt,
            _ => en,
        };

        return key switch
        {
            "home" => (site + "/", brand),
            "blog" => (site + "/blog/" + BlogSlug(segment),
                L("Tips and guides", "拍摄攻略", "Dicas de ensaio") + " | " + brand),
            "segment" => (site + "/" + SegmentSlug(segment) + "/", SegmentTitle(language, segment) + " | " + brand),
            "product" => (site + "/packages/" + product!.Slug, product.Name(language) + " | " + brand),
            "contact" => (site + "/contact" + (product is null ? "" : "?package=" + product.Slug),
                L("Contact us", "联系我们", "Fale conosco") + " | " + brand),
            "checkout" => (host + "/checkout?package=" + product!.Slug + "&studio=" + location.Code.ToLowerInvariant(),
                L("Checkout", "结算", "Finalizar reserva") + " | " + shortBrand),
            "payment" => (host + "/checkout/payment", L("Payment", "支付", "Pagamento") + " | " + shortBrand),
            "confirmation" => (host + "/checkout/confirmation",
                L("Booking confirmed", "预约成功", "Reserva confirmada") + " | " + shortBrand),
            "login" => (host + "/account/login", L("Sign in", "登录", "Entrar") + " | " + shortBrand),
            "account" => (host + "/account/bookings", L("My bookings", "我的预约", "Minhas reservas") + " | " + shortBrand),
            _ => (host + "/account/gallery", L("My gallery", "我的相册", "Minha galeria") + " | " + shortBrand),
        };
    }

    private static string SegmentSlug(Segment segment) => segment switch
    {
        Segment.Wedding => "weddings",
        Segment.Event => "events",
        _ => "portraits",
    };

    private static string BlogSlug(Segment segment) => segment switch
    {
        Segment.Wedding => "wedding-checklist",
        Segment.Event => "event-photo-tips",
        _ => "what-to-wear-portrait",
    };

    private static string SegmentTitle(string language, Segment segment) => (language, segment) switch
    {
        ("zh", Segment.Wedding) => "婚礼摄影",
        ("zh", Segment.Event) => "活动摄影",
        ("zh", _) => "个人写真",
        ("pt", Segment.Wedding) => "Fotografia de casamento",
        ("pt", Segment.Event) => "Fotografia de eventos",
        ("pt", _) => "Ensaios e retratos",
        (_, Segment.Wedding) => "Wedding photography",
        (_, Segment.Event) => "Event photography",
        _ => "Portrait sessions",
    };
}
