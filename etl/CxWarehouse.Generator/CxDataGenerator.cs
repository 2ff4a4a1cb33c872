using System.Globalization;
using System.Text.Json;
using CxWarehouse.Generator.Catalog;
using CxWarehouse.Generator.Core;
using CxWarehouse.Generator.Output;
using CxWarehouse.Generator.Simulation;
using CxWarehouse.Generator.Sinks;

namespace CxWarehouse.Generator;

/// <summary>
/// Writes a deterministic, realistic set of CX source exports (CRM, web analytics, call logs,
/// surveys, reviews) for a multi-location photo studio chain, plus ground truth for tests.
/// </summary>
/// <remarks>
/// Files are streamed: persons are simulated one at a time and written straight to open writers, so
/// memory stays flat as <see cref="GeneratorOptions.Scale"/> grows. The same options always give
/// byte-identical output: all randomness comes from a seeded xoshiro256** per person, never the clock.
/// </remarks>
public sealed class CxDataGenerator
{
    private readonly GeneratorOptions _options;

    public CxDataGenerator(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    public GeneratorSummary Generate(IProgress<string>? progress = null)
    {
        var root = Path.GetFullPath(_options.OutputDirectory);
        Directory.CreateDirectory(root);
        var output = new OutputSet(root);
        SimulationContext context;
        int persons;

        using (var truth = new TruthSink(output))
        using (var crm = new CrmSink(output, truth, _options.Seed, _options.DirtyShare))
        using (var web = new WebSink(output, truth, _options))
        using (var connect = new ConnectSink(output, truth, _options))
        using (var asterisk = new AsteriskSink(output, truth, _options))
        using (var surveys = new QualtricsSink(output, truth, _options))
        using (var google = new GoogleReviewSink(output, truth, _options))
        using (var dianping = new DianpingSink(output, truth, _options))
        {
            context = new SimulationContext(_options, output)
            {
                Crm = crm,
                Web = web,
                Connect = connect,
                Asterisk = asterisk,
                Surveys = surveys,
                Google = google,
                Dianping = dianping,
                Truth = truth,
            };

            foreach (var location in StudioCatalog.Locations)
            {
                foreach (var agent in location.Agents)
                {
                    crm.Users.Write([agent.UserId, agent.Username, agent.Name, location.Code]);
                }
            }

            foreach (var c in context.Campaigns.Campaigns)
            {
                crm.Campaigns.Write(
                [
                    c.Id, c.Name, c.Type, c.Status, c.StartDate, c.EndDate, c.Budget, c.Actual, c.Currency,
                    c.Location?.Code, c.Created, c.Modified, false,
                ]);
            }

            var simulator = new PersonSimulator(context);
            persons = context.PersonCount;
            var step = Math.Max(1, persons / 10);
            for (var i = 0; i < persons; i++)
            {
                simulator.Simulate(i);
                if ((i + 1) % step == 0 || i + 1 == persons)
                {
                    progress?.Report(string.Create(CultureInfo.InvariantCulture,
                        $"{i + 1:N0} of {persons:N0} persons, {context.Touchpoints.Total:N0} touchpoints"));
                }
            }

            crm.Finish();

            // The competitors' reviews, from their own random streams: the studio's files do not change.
            CompetitorReviews.Write(output, truth, _options);
        }

        WriteSummary(output, context);
        var files = output.Describe();
        WriteManifest(root, files, context);
        return new GeneratorSummary(files, context.Touchpoints.Total, persons);
    }

    private void WriteSummary(OutputSet output, SimulationContext context)
    {
        var path = Path.Combine(output.Root, "truth", "summary.json");
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write))
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            var t = context.Touchpoints;
            w.WriteStartObject();
            w.WriteNumber("seed", _options.Seed);
            w.WriteNumber("scale", _options.Scale);
            w.WriteString("start", Clock.Date(_options.Start));
            w.WriteString("end", Clock.Date(_options.End));
            w.WriteNumber("dirty_share", _options.DirtyShare);
            w.WriteNumber("persons", context.PersonCount);
            w.WriteNumber("touchpoints", t.Total);
            w.WriteStartObject("touchpoints_by_kind");
            w.WriteNumber("web_events", t.WebEvents);
            w.WriteNumber("orders", t.Orders);
            w.WriteNumber("calls", t.Calls);
            w.WriteNumber("tickets", t.Tickets);
            w.WriteNumber("survey_responses", t.SurveyResponses);
            w.WriteNumber("reviews", t.Reviews);
            w.WriteEndObject();
            w.WriteStartObject("files");
            foreach (var file in output.Files.OrderBy(f => f.RelativePath, StringComparer.Ordinal))
            {
                if (file.RelativePath.StartsWith("truth/", StringComparison.Ordinal))
                {
                    continue;
                }

                w.WriteStartObject(file.RelativePath);
                w.WriteNumber("records", file.Records);
                w.WriteNumber("dirty", file.DirtyByKind.Values.Sum());
                w.WriteStartObject("dirty_by_kind");
                foreach (var (kind, count) in file.DirtyByKind)
                {
                    w.WriteNumber(kind, count);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        File.AppendAllText(path, "\n");
        output.AddExternal("truth/summary.json", 1);
    }

    private static void WriteManifest(string root, List<GeneratedFile> files, SimulationContext context)
    {
        var path = Path.Combine(root, "manifest.json");
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write))
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteString("generator", "CxWarehouse.Generator");
            w.WriteNumber("persons", context.PersonCount);
            w.WriteNumber("touchpoints", context.Touchpoints.Total);
            w.WriteStartArray("files");
            foreach (var file in files)
            {
                w.WriteStartObject();
                w.WriteString("path", file.RelativePath);
                w.WriteNumber("records", file.Records);
                w.WriteNumber("bytes", file.Bytes);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        File.AppendAllText(path, "\n");
    }
}
