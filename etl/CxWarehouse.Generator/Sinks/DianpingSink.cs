using System.Text;
using CxWarehouse.Generator.Core;
using CxWarehouse.Generator.Output;
using CxWarehouse.Generator.Simulation;

namespace CxWarehouse.Generator.Sinks;

/// <summary>Dianping merchant review export: GB18030 CSV with a header row, RFC 4180 quoting, CRLF.</summary>
internal sealed class DianpingSink : IDisposable
{
    public const string RelativePath = "reviews/dianping/reviews.csv";

    private static readonly string[] s_header =
    [
        "reviewId", "shopId", "shopName", "userNickname", "star", "accurateStar", "reviewTime", "content",
        "效果", "环境", "服务", "consumeOrderId", "replyContent", "replyTime",
    ];

    private readonly TextOutputFile _file;
    private readonly TruthSink _truth;
    private readonly DirtyPlan _plan;
    private readonly string[] _fields = new string[s_header.Length];

    private readonly string _brand;

    /// <summary>The export of the studio (光影工作室), or of a competitor's shops at <paramref name="path"/>.</summary>
    public DianpingSink(OutputSet output, TruthSink truth, GeneratorOptions options, string path = RelativePath,
        string brand = "光影工作室")
    {
        _truth = truth;
        _brand = brand;
        var encoding = System.Text.CodePagesEncodingProvider.Instance.GetEncoding(
            54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)!;
        _file = output.Add(new TextOutputFile(output.Root, path, encoding, "\r\n"));
        _file.WriteHeader(CsvText.QuoteMinimal(s_header));
        _plan = new DirtyPlan(options.Seed, path, options.DirtyShare,
            DirtyKind.RaggedRow, DirtyKind.ImpossibleDate, DirtyKind.NonNumeric, DirtyKind.NullSpelling,
            DirtyKind.FormulaInjection, DirtyKind.ScriptTag, DirtyKind.JavascriptLink, DirtyKind.EmojiCjk,
            DirtyKind.DuplicateKey);
    }

    public void Write(ReviewRecord r)
    {
        var local = Clock.ToLocal(r.Created, Clock.Shanghai);
        _fields[0] = r.ReviewId;
        _fields[1] = r.Location.DianpingShopId;
        _fields[2] = _brand + "(" + r.Location.LocalName[2..] + ")";
        _fields[3] = r.DisplayName;
        _fields[4] = Text.Int(r.Stars * 10);
        _fields[5] = Text.Int(r.AccurateStar);
        _fields[6] = Clock.WallMinutes(local);
        _fields[7] = r.Comment ?? "";
        _fields[8] = Text.Int(r.SubScores[0]);
        _fields[9] = Text.Int(r.SubScores[1]);
        _fields[10] = Text.Int(r.SubScores[2]);
        _fields[11] = r.ConsumeOrderId;
        _fields[12] = r.ReplyComment ?? "";
        _fields[13] = r.ReplyUpdated is { } reply ? Clock.WallMinutes(Clock.ToLocal(reply, Clock.Shanghai)) : "";

        var kind = _plan.Next();
        if (kind is null)
        {
            _file.WriteRecord(CsvText.QuoteMinimal(_fields));
            return;
        }

        var rng = _plan.Rng;
        IReadOnlyList<string> record = _fields;
        switch (kind.Value)
        {
            case DirtyKind.ImpossibleDate:
                _fields[6] =
                    DirtyKinds.ImpossibleDay(rng)
                        + local.ToString(" HH:mm", System.Globalization.CultureInfo.InvariantCulture);
                break;
            case DirtyKind.NonNumeric:
                _fields[4] = rng.Chance(0.5) ? "四十" : DirtyKinds.NonNumber(rng);
                break;
            case DirtyKind.NullSpelling:
                _fields[12] = DirtyKinds.NullWord(rng);
                break;
            case DirtyKind.RaggedRow:
                record = rng.Chance(0.5) ? [.. _fields, "extra"] : _fields[..^1];
                break;
            case DirtyKind.FormulaInjection:
                _fields[7] = DirtyKinds.Formula;
                break;
            case DirtyKind.ScriptTag:
                _fields[7] += DirtyKinds.Script;
                break;
            case DirtyKind.JavascriptLink:
                _fields[7] += " " + DirtyKinds.JavascriptUrl;
                break;
            case DirtyKind.EmojiCjk:
                _fields[7] += " " + DirtyKinds.EmojiAndCjk;
                break;
            case DirtyKind.DuplicateKey:
                // Exported again after the merchant replied: same reviewId, later replyTime.
                _file.WriteRecord(CsvText.QuoteMinimal(_fields));
                _fields[12] = "感谢您的反馈，我们会继续改进！";
                _fields[13] =
                    Clock.WallMinutes(Clock.ToLocal((r.ReplyUpdated ?? r.Created).AddHours(6 + rng.Next(100)),
                        Clock.Shanghai));
                break;
            default:
                break;
        }

        var line = _file.WriteRecord(CsvText.QuoteMinimal(record));
        _truth.Dirty(_file, line, r.ReviewId, kind.Value);
    }

    public void Dispose() => _file.Dispose();
}
