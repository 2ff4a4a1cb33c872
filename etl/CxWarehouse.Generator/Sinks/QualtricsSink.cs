using CxWarehouse.Generator.Core;
using CxWarehouse.Generator.Output;
using CxWarehouse.Generator.Simulation;

namespace CxWarehouse.Generator.Sinks;

/// <summary>
/// Qualtrics CSV export: UTF-8 with BOM, CRLF, three header rows (export tags, question labels,
/// ImportId JSON), datetimes in the survey account's zone (America/Denver).
/// </summary>
internal sealed class QualtricsSink : IDisposable
{
    public const string RelativePath = "surveys/qualtrics_cx_survey.csv";
    public const string AccountZone = "America/Denver";

    private static readonly string[] s_tags =
    [
        "StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
        "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
        "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage",
        "Q1", "Q1_NPS_GROUP", "Q2", "Q3", "Q4", "touchpoint", "location",
    ];

    private static readonly string[] s_labels =
    [
        "Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)", "Finished",
        "Recorded Date", "Response ID", "Recipient Last Name", "Recipient First Name", "Recipient Email",
        "External Data Reference", "Location Latitude", "Location Longitude", "Distribution Channel", "User Language",
        "How likely are you to recommend Lumen Studios to a friend or colleague?",
        "How likely are you to recommend Lumen Studios to a friend or colleague? - Group",
        "Overall, how satisfied are you with your experience?",
        "Lumen Studios made it easy to get what I needed.",
        "Is there anything else you would like to tell us?",
        "touchpoint", "location",
    ];

    private static readonly string[] s_importIds =
    [
        "{\"ImportId\":\"startDate\",\"timeZone\":\"America/Denver\"}",
        "{\"ImportId\":\"endDate\",\"timeZone\":\"America/Denver\"}",
        "{\"ImportId\":\"status\"}", "{\"ImportId\":\"ipAddress\"}", "{\"ImportId\":\"progress\"}",
        "{\"ImportId\":\"duration\"}", "{\"ImportId\":\"finished\"}",
        "{\"ImportId\":\"recordedDate\",\"timeZone\":\"America/Denver\"}",
        "{\"ImportId\":\"_recordId\"}", "{\"ImportId\":\"recipientLastName\"}", "{\"ImportId\":\"recipientFirstName\"}",
        "{\"ImportId\":\"recipientEmail\"}", "{\"ImportId\":\"externalDataReference\"}",
        "{\"ImportId\":\"locationLatitude\"}", "{\"ImportId\":\"locationLongitude\"}",
        "{\"ImportId\":\"distributionChannel\"}", "{\"ImportId\":\"userLanguage\"}",
        "{\"ImportId\":\"QID1\"}", "{\"ImportId\":\"QID1_NPS_GROUP\"}", "{\"ImportId\":\"QID2\"}",
        "{\"ImportId\":\"QID3\"}", "{\"ImportId\":\"QID4_TEXT\"}",
        "{\"ImportId\":\"touchpoint\"}", "{\"ImportId\":\"location\"}",
    ];

    private readonly TextOutputFile _file;
    private readonly TruthSink _truth;
    private readonly DirtyPlan _plan;
    private readonly Prng _previewRng;
    private readonly string[] _fields = new string[s_tags.Length];

    public QualtricsSink(OutputSet output, TruthSink truth, GeneratorOptions options)
    {
        _truth = truth;
        _file = output.Add(new TextOutputFile(output.Root, RelativePath, TextOutputFile.Utf8Bom, "\r\n"));
        _file.WriteHeader(CsvText.QuoteMinimal(s_tags));
        _file.WriteHeader(CsvText.QuoteMinimal(s_labels));
        _file.WriteHeader(CsvText.QuoteMinimal(s_importIds));
        _plan = new DirtyPlan(options.Seed, RelativePath, options.DirtyShare,
            DirtyKind.RaggedRow, DirtyKind.ImpossibleDate, DirtyKind.NonNumeric, DirtyKind.NullSpelling,
            DirtyKind.FormulaInjection, DirtyKind.ScriptTag, DirtyKind.JavascriptLink, DirtyKind.EmojiCjk,
            DirtyKind.DuplicateKey);
        _previewRng = Prng.For(options.Seed, 0x9EE1, 0);
    }

    public static string NpsGroup(int nps) => nps >= 9 ? "Promoter" : nps >= 7 ? "Passive" : "Detractor";

    public void Write(SurveyResponse r)
    {
        // Staff testing the survey leave "Survey Preview" rows between real responses.
        if (_previewRng.Chance(0.006))
        {
            WritePreview(r.Start.AddMinutes(-_previewRng.Next(30, 600)));
        }

        Fill(r);
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
                _fields[0] = DirtyKinds.ImpossibleDay(rng) + " 12:34:56";
                break;
            case DirtyKind.NonNumeric:
                _fields[17] = DirtyKinds.NonNumber(rng);
                break;
            case DirtyKind.NullSpelling:
                _fields[21] = DirtyKinds.NullWord(rng);
                break;
            case DirtyKind.RaggedRow:
                record = rng.Chance(0.5) ? [.. _fields, ""] : _fields[..^1];
                break;
            case DirtyKind.FormulaInjection:
                _fields[21] = DirtyKinds.Formula;
                break;
            case DirtyKind.ScriptTag:
                _fields[21] = _fields[21] + DirtyKinds.Script;
                break;
            case DirtyKind.JavascriptLink:
                _fields[21] = (_fields[21] + " " + DirtyKinds.JavascriptUrl).TrimStart();
                break;
            case DirtyKind.EmojiCjk:
                _fields[21] = (_fields[21] + " " + DirtyKinds.EmojiAndCjk).TrimStart();
                break;
            case DirtyKind.DuplicateKey:
                // Re-exported after the respondent's late edit: same ResponseId, later RecordedDate.
                _file.WriteRecord(CsvText.QuoteMinimal(_fields));
                _fields[7] = Clock.Wall(Clock.ToLocal(r.Recorded.AddHours(1 + rng.Next(48)), Clock.Denver));
                break;
            default:
                break;
        }

        var line = _file.WriteRecord(CsvText.QuoteMinimal(record));
        _truth.Dirty(_file, line, r.ResponseId, kind.Value);
    }

    private void Fill(SurveyResponse r)
    {
        _fields[0] = Clock.Wall(Clock.ToLocal(r.Start, Clock.Denver));
        _fields[1] = Clock.Wall(Clock.ToLocal(r.End, Clock.Denver));
        _fields[2] = "IP Address";
        _fields[3] = r.IpAddress;
        _fields[4] = Text.Int(r.Progress);
        _fields[5] = Text.Int((long)(r.End - r.Start).TotalSeconds);
        _fields[6] = r.Finished ? "True" : "False";
        _fields[7] = Clock.Wall(Clock.ToLocal(r.Recorded, Clock.Denver));
        _fields[8] = r.ResponseId;
        _fields[9] = r.LastName;
        _fields[10] = r.FirstName;
        _fields[11] = r.Email;
        _fields[12] = r.ExternalReference;
        _fields[13] = Text.Num(r.Latitude, "0.0000");
        _fields[14] = Text.Num(r.Longitude, "0.0000");
        _fields[15] = r.Channel;
        _fields[16] = r.Language;
        _fields[17] = r.Nps is { } nps ? Text.Int(nps) : "";
        _fields[18] = r.Nps is { } n ? NpsGroup(n) : "";
        _fields[19] = r.Csat is { } csat ? Text.Int(csat) : "";
        _fields[20] = r.Ces is { } ces ? Text.Int(ces) : "";
        _fields[21] = r.Comment;
        _fields[22] = r.Touchpoint;
        _fields[23] = r.LocationCode;
    }

    private void WritePreview(DateTime start)
    {
        var rng = _previewRng;
        var seconds = rng.Next(20, 200);
        var nps = rng.Next(11);
        _fields[0] = Clock.Wall(Clock.ToLocal(start, Clock.Denver));
        _fields[1] = Clock.Wall(Clock.ToLocal(start.AddSeconds(seconds), Clock.Denver));
        _fields[2] = "Survey Preview";
        _fields[3] = "";
        _fields[4] = "100";
        _fields[5] = Text.Int(seconds);
        _fields[6] = "True";
        _fields[7] = _fields[1];
        _fields[8] = "R_" + rng.Alnum(15, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
        _fields[9] = "";
        _fields[10] = "";
        _fields[11] = "";
        _fields[12] = "";
        _fields[13] = "39.7392";
        _fields[14] = "-104.9903";
        _fields[15] = "preview";
        _fields[16] = "EN";
        _fields[17] = Text.Int(nps);
        _fields[18] = NpsGroup(nps);
        _fields[19] = Text.Int(rng.Next(1, 6));
        _fields[20] = Text.Int(rng.Next(1, 8));
        _fields[21] = rng.Pick(["test", "testing survey logic - ignore", ""]);
        _fields[22] = rng.Pick(["order", "call", "ticket"]);
        _fields[23] = "";
        _file.WriteRecord(CsvText.QuoteMinimal(_fields));
    }

    public void Dispose() => _file.Dispose();
}
