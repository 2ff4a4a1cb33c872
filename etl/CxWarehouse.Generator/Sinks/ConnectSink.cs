using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using CxWarehouse.Generator.Core;
using CxWarehouse.Generator.Output;
using CxWarehouse.Generator.Simulation;

namespace CxWarehouse.Generator.Sinks;

/// <summary>Amazon Connect contact trace records as Kinesis/Firehose NDJSON, one file per month.</summary>
internal sealed class ConnectSink : IDisposable
{
    public const string AccountId = "123456789012";

    private readonly MonthlyFiles _files;
    private readonly TruthSink _truth;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly ArrayBufferWriter<byte> _corrupt = new(8192);
    private readonly Utf8JsonWriter _json;

    public ConnectSink(OutputSet output, TruthSink truth, GeneratorOptions options)
    {
        _truth = truth;
        _files = new MonthlyFiles(output, "calls/amazon-connect/ctr_", options.Start, options.End, options.Seed,
            options.DirtyShare,
            [DirtyKind.TruncatedJson, DirtyKind.TwoJsonObjects, DirtyKind.ImpossibleDate, DirtyKind.NonNumeric,
                DirtyKind.NullSpelling]);
        _json = new Utf8JsonWriter(_buffer,
            new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public void Write(ConnectRecord record)
    {
        WriteOne(record, updated: false);
        if (record.Redelivery == 1)
        {
            WriteOne(record, updated: false);
        }
        else if (record.Redelivery == 2)
        {
            WriteOne(record, updated: true);
        }
    }

    private void WriteOne(ConnectRecord record, bool updated)
    {
        var (file, plan) = _files.For(record.Initiation);
        var kind = plan.Next();
        _buffer.Clear();
        _json.Reset(_buffer);
        Serialize(record, updated, kind, plan.Rng);
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
            _truth.Dirty(file, line, record.ContactId, k);
        }
    }

    private static string Instance(string region) =>
        $"arn:aws:connect:{region}:{AccountId}:instance/{Profile("instance-" + region)}";

    private void Serialize(ConnectRecord r, bool updated, DirtyKind? kind, Prng rng)
    {
        var w = _json;
        var instance = Instance(r.Region);

        // A later delivery of the same contact: after-contact work finished later, resolution recorded.
        var acw = r.AcwSeconds + (updated && r.Agent is not null ? 45 : 0);
        var resolved = r.Resolved || (updated && r.Agent is not null);
        var lastUpdate = updated ? r.LastUpdate.AddSeconds(60 + (r.ContactId[0] % 7 * 30)) : r.LastUpdate;

        w.WriteStartObject();
        w.WriteString("AWSAccountId", AccountId);
        w.WriteString("AWSContactTraceRecordFormatVersion", "2017-03-10");
        if (r.Agent is { } agent)
        {
            var afterWorkStart = r.Disconnect;
            w.WriteStartObject("Agent");
            w.WriteNumber("AfterContactWorkDuration", acw);
            w.WriteString("AfterContactWorkEndTimestamp", Clock.Ctr(afterWorkStart.AddSeconds(acw)));
            w.WriteString("AfterContactWorkStartTimestamp", Clock.Ctr(afterWorkStart));
            if (kind == DirtyKind.NonNumeric)
            {
                w.WriteString("AgentInteractionDuration", DirtyKinds.NonNumber(rng));
            }
            else
            {
                w.WriteNumber("AgentInteractionDuration", r.TalkSeconds);
            }

            w.WriteString("ARN", $"{instance}/agent/{agent.ConnectAgentId}");
            w.WriteString("ConnectedToAgentTimestamp", Clock.Ctr(r.ConnectedToAgent!.Value));
            w.WriteNumber("CustomerHoldDuration", r.HoldSeconds);
            w.WriteNull("HierarchyGroups");
            w.WriteNumber("LongestHoldDuration", r.LongestHold);
            w.WriteNumber("NumberOfHolds", r.Holds);
            w.WriteStartObject("RoutingProfile");
            w.WriteString("ARN", $"{instance}/routing-profile/{Profile(r.LocationCode)}");
            w.WriteString("Name", r.LocationCode + " Agents");
            w.WriteEndObject();
            w.WriteString("Username", agent.Username);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("Agent");
        }

        w.WriteNumber("AgentConnectionAttempts", r.ConnectionAttempts);
        w.WriteStartObject("Attributes");
        w.WriteString("location", r.LocationCode);
        w.WriteString("resolved", resolved ? "true" : "false");
        w.WriteString("topic", kind == DirtyKind.NullSpelling ? DirtyKinds.NullWord(rng) : r.Topic);
        w.WriteEndObject();
        w.WriteString("Channel", "VOICE");
        w.WriteString("ConnectedToSystemTimestamp", Clock.Ctr(r.ConnectedToSystem));
        w.WriteString("ContactId", r.ContactId);
        w.WriteStartObject("CustomerEndpoint");
        w.WriteString("Address", r.CustomerAddress);
        w.WriteString("Type", "TELEPHONE_NUMBER");
        w.WriteEndObject();
        w.WriteString("DisconnectReason", r.DisconnectReason);
        w.WriteString("DisconnectTimestamp", Clock.Ctr(r.Disconnect));
        NullableString("InitialContactId", r.InitialContactId);
        w.WriteString("InitiationMethod", r.InitiationMethod);
        w.WriteString("InitiationTimestamp", kind == DirtyKind.ImpossibleDate
            ? DirtyKinds.ImpossibleDay(rng)
                + r.Initiation.ToString("'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)
            : Clock.Ctr(r.Initiation));
        w.WriteString("InstanceARN", instance);
        w.WriteString("LastUpdateTimestamp", Clock.Ctr(lastUpdate));
        NullableString("NextContactId", r.NextContactId);
        NullableString("PreviousContactId", r.PreviousContactId);
        if (r.Enqueue is { } enqueue)
        {
            w.WriteStartObject("Queue");
            w.WriteString("ARN", $"{instance}/queue/{Profile(r.LocationCode + "q")}");
            w.WriteString("DequeueTimestamp", Clock.Ctr(r.Dequeue!.Value));
            if (kind == DirtyKind.NonNumeric && r.Agent is null)
            {
                w.WriteString("Duration", DirtyKinds.NonNumber(rng));
            }
            else
            {
                w.WriteNumber("Duration", (int)(r.Dequeue.Value - enqueue).TotalSeconds);
            }

            w.WriteString("EnqueueTimestamp", Clock.Ctr(enqueue));
            w.WriteString("Name", r.LocationCode + " Bookings");
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("Queue");
        }

        w.WriteStartObject("SystemEndpoint");
        w.WriteString("Address", r.SystemAddress);
        w.WriteString("Type", "TELEPHONE_NUMBER");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private void NullableString(string name, string? value)
    {
        if (value is null)
        {
            _json.WriteNull(name);
        }
        else
        {
            _json.WriteString(name, value);
        }
    }

    /// <summary>Stable resource id per location (a UUID built from the code).</summary>
    private static string Profile(string code)
    {
        var x = StableHash.Of(code);
        var a = Prng.SplitMix(ref x);
        var b = Prng.SplitMix(ref x);
        var hex = a.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)
            + b.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        return $"{hex[..8]}-{hex[8..12]}-4{hex[13..16]}-a{hex[17..20]}-{hex[20..32]}";
    }

    public void Dispose()
    {
        _json.Dispose();
        _files.Dispose();
    }
}
