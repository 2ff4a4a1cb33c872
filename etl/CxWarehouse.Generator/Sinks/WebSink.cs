using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using CxWarehouse.Generator.Catalog;
using CxWarehouse.Generator.Core;
using CxWarehouse.Generator.Output;
using CxWarehouse.Generator.Simulation;

namespace CxWarehouse.Generator.Sinks;

/// <summary>GA4 BigQuery export as NDJSON (<c>bq extract</c> layout: nesting kept, INT64 as strings), one file per
/// month.</summary>
internal sealed class WebSink : IDisposable
{
    public const string StreamId = "4178203316";
    public const string Hostname = "www.lumenstudios.example";

    private readonly MonthlyFiles _files;
    private readonly TruthSink _truth;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly ArrayBufferWriter<byte> _corrupt = new(8192);
    private readonly Utf8JsonWriter _json;

    public WebSink(OutputSet output, TruthSink truth, GeneratorOptions options)
    {
        _truth = truth;
        _files = new MonthlyFiles(output, "web/events_", options.Start, options.End, options.Seed, options.DirtyShare,
        [
            DirtyKind.TruncatedJson, DirtyKind.TwoJsonObjects, DirtyKind.ImpossibleDate, DirtyKind.NonNumeric,
            DirtyKind.NullSpelling, DirtyKind.ScriptTag, DirtyKind.JavascriptLink, DirtyKind.EmojiCjk,
            DirtyKind.FormulaInjection,
        ]);
        _json = new Utf8JsonWriter(_buffer,
            new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public void Write(WebEvent e)
    {
        var (file, plan) = _files.For(e.Utc);
        var kind = plan.Next();
        _buffer.Clear();
        _json.Reset(_buffer);
        Serialize(e, kind, plan.Rng);
        _json.Flush();
        ReadOnlySpan<byte> bytes = _buffer.WrittenSpan;
        if (kind is DirtyKind.TruncatedJson or DirtyKind.TwoJsonObjects)
        {
            NdjsonCorruption.Apply(kind == DirtyKind.TruncatedJson, bytes, _corrupt, plan.Rng);
            bytes = _corrupt.WrittenSpan;
        }

        var line = file.WriteLine(bytes);
        if (kind is { } k)
        {
            _truth.Dirty(file, line, e.Device.PseudoId + "|" + Text.Int(e.Micros) + "|" + e.Name, k);
        }
    }

    private void Serialize(WebEvent e, DirtyKind? kind, Prng rng)
    {
        var w = _json;
        var device = e.Device;
        var location = device.Location;
        w.WriteStartObject();
        var londonDay = Clock.ToLocal(e.Utc, Clock.London);
        w.WriteString("event_date", kind == DirtyKind.ImpossibleDate
            ? DirtyKinds.ImpossibleDay(rng).Replace("-", "", StringComparison.Ordinal)
            : londonDay.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("event_timestamp", kind == DirtyKind.NonNumeric ? DirtyKinds.NonNumber(rng) : Text.Int(e.Micros));
        w.WriteString("event_name", e.Name);
        w.WriteStartArray("event_params");
        IntParam("ga_session_id", e.SessionId);
        IntParam("ga_session_number", e.SessionNumber);
        StringParam("page_location", e.PageLocation);
        var title = kind switch
        {
            DirtyKind.ScriptTag => e.PageTitle + DirtyKinds.Script,
            DirtyKind.EmojiCjk => e.PageTitle + " " + DirtyKinds.EmojiAndCjk,
            DirtyKind.FormulaInjection => DirtyKinds.Formula,
            _ => e.PageTitle,
        };
        StringParam("page_title", title);
        var referrer = kind switch
        {
            DirtyKind.NullSpelling => DirtyKinds.NullWord(rng),
            DirtyKind.JavascriptLink => DirtyKinds.JavascriptUrl,
            _ => e.PageReferrer,
        };
        if (referrer is not null)
        {
            StringParam("page_referrer", referrer);
        }

        if (e.EngagementMsec is { } msec)
        {
            IntParam("engagement_time_msec", msec);
        }

        StringParam("session_engaged", e.Engaged ? "1" : "0");
        if (e.Name == "purchase")
        {
            StringParam("transaction_id", e.TransactionId!);
            DoubleParam("value", (double)e.Value);
            StringParam("currency", location.Currency);
        }
        else if (e.Items is not null
            && e.Name is "add_to_cart" or "begin_checkout" or "add_payment_info" or "view_item")
        {
            StringParam("currency", location.Currency);
            DoubleParam("value", (double)e.ItemPrices![0]);
        }

        if (e.LoginMethod is not null)
        {
            StringParam("method", e.LoginMethod);
        }

        w.WriteEndArray();
        w.WriteNull("event_previous_timestamp");
        if (e.UserId is null)
        {
            w.WriteNull("user_id");
        }
        else
        {
            w.WriteString("user_id", e.UserId);
        }

        w.WriteString("user_pseudo_id", device.PseudoId);
        w.WriteString("user_first_touch_timestamp", Text.Int(device.FirstTouchMicros));
        w.WriteStartObject("device");
        w.WriteString("category", device.Category);
        w.WriteString("operating_system", device.OperatingSystem);
        w.WriteString("language", location.WebLocale);
        w.WriteStartObject("web_info");
        w.WriteString("browser", device.Browser);
        w.WriteString("hostname", Hostname);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("geo");
        w.WriteString("country", location.CountryName);
        w.WriteString("city", location.City);
        w.WriteEndObject();
        w.WriteStartObject("traffic_source");
        w.WriteString("name", device.SourceName);
        w.WriteString("medium", device.SourceMedium);
        w.WriteString("source", device.Source);
        w.WriteEndObject();
        if (e.Name == "purchase")
        {
            w.WriteStartObject("ecommerce");
            w.WriteString("transaction_id", e.TransactionId);
            w.WriteNumber("purchase_revenue", (double)e.Value);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("ecommerce");
        }

        w.WriteStartArray("items");
        if (e.Items is not null)
        {
            for (var i = 0; i < e.Items.Count; i++)
            {
                var item = e.Items[i];
                w.WriteStartObject();
                w.WriteString("item_id", item.Code);
                w.WriteString("item_name", item.Name(location.Language));
                w.WriteString("item_category", item.Segment.Name());
                w.WriteNumber("price", (double)e.ItemPrices![i]);
                w.WriteNumber("quantity", 1);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteString("stream_id", StreamId);
        w.WriteString("platform", "WEB");
        w.WriteEndObject();
    }

    private void IntParam(string key, long value)
    {
        _json.WriteStartObject();
        _json.WriteString("key", key);
        _json.WriteStartObject("value");
        _json.WriteString("int_value", Text.Int(value));
        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    private void StringParam(string key, string value)
    {
        _json.WriteStartObject();
        _json.WriteString("key", key);
        _json.WriteStartObject("value");
        JsonText.WriteString(_json, "string_value", value);
        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    private void DoubleParam(string key, double value)
    {
        _json.WriteStartObject();
        _json.WriteString("key", key);
        _json.WriteStartObject("value");
        _json.WriteNumber("double_value", value);
        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    public void Dispose()
    {
        _json.Dispose();
        _files.Dispose();
    }
}
