using System.Text.Json.Serialization;

namespace CxWarehouse.Etl;

// The values a run reports: each spelled once, by its [JsonStringEnumMemberName], in run_results.json, the lake's
// manifests, the audit tables and the log (Spelling.Spelled). Renaming a spelling breaks readers of those files.

/// <summary>How extracting one stream of one input ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StreamStatus>))]
public enum StreamStatus
{
    /// <summary>Rows were read (some may be quarantined).</summary>
    [JsonStringEnumMemberName("ok")] Ok,

    /// <summary>The stream's files hold no rows.</summary>
    [JsonStringEnumMemberName("empty")] Empty,

    /// <summary>Nothing new since the last run: every file was read before (or is a lookup).</summary>
    [JsonStringEnumMemberName("unchanged")] Unchanged,

    /// <summary>The stream could not be extracted; its message says why and what to do.</summary>
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>What a run did with one source file.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SourceFileStatus>))]
public enum SourceFileStatus
{
    /// <summary>Read.</summary>
    [JsonStringEnumMemberName("ok")] Ok,

    /// <summary>Same size and time as when an earlier run read it: not read again.</summary>
    [JsonStringEnumMemberName("unchanged")] Unchanged,

    /// <summary>A lookup file the stream joins, not a file of its rows.</summary>
    [JsonStringEnumMemberName("lookup")] Lookup,

    /// <summary>Could not be read.</summary>
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>How a whole run ended (<c>status</c> in run_results.json and audit.runs).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    [JsonStringEnumMemberName("running")] Running,

    [JsonStringEnumMemberName("success")] Success,

    /// <summary>Data problems: a stream failed, a source is stale or a data test failed.</summary>
    [JsonStringEnumMemberName("failed")] Failed,

    /// <summary>Infrastructure: the run could not finish.</summary>
    [JsonStringEnumMemberName("error")] Error,
}

/// <summary>What building one model did.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelStatus>))]
public enum ModelStatus
{
    [JsonStringEnumMemberName("success")] Success,
}

/// <summary>How a model is kept in the warehouse (<c>-- materialized:</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Materialization>))]
public enum Materialization
{
    [JsonStringEnumMemberName("view")] View,

    [JsonStringEnumMemberName("table")] Table,

    [JsonStringEnumMemberName("incremental")] Incremental,

    [JsonStringEnumMemberName("snapshot")] Snapshot,

    [JsonStringEnumMemberName("key_map")] KeyMap,

    [JsonStringEnumMemberName("memo")] Memo,
}

/// <summary>What a failing data test does to the run.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    /// <summary>Reported; the run still succeeds.</summary>
    [JsonStringEnumMemberName("warn")] Warn,

    /// <summary>The run fails.</summary>
    [JsonStringEnumMemberName("error")] Error,
}

/// <summary>The outcome of one data test.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DataTestStatus>))]
public enum DataTestStatus
{
    [JsonStringEnumMemberName("pass")] Pass,

    /// <summary>Failing rows in a test of severity warn.</summary>
    [JsonStringEnumMemberName("warn")] Warn,

    /// <summary>Failing rows in a test of severity error.</summary>
    [JsonStringEnumMemberName("fail")] Fail,

    /// <summary>The test's SQL could not run.</summary>
    [JsonStringEnumMemberName("error")] Error,
}

/// <summary>A stream's newest record against its source's freshness ages.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FreshnessStatus>))]
public enum FreshnessStatus
{
    [JsonStringEnumMemberName("fresh")] Fresh,

    [JsonStringEnumMemberName("warn")] Warn,

    /// <summary>Stale past the error age (or no records at all): the run exits 1.</summary>
    [JsonStringEnumMemberName("error")] Error,
}

/// <summary>One relation's orphan count against the threshold.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrphanStatus>))]
public enum OrphanStatus
{
    [JsonStringEnumMemberName("ok")] Ok,

    /// <summary>Above the threshold.</summary>
    [JsonStringEnumMemberName("warn")] Warn,

    /// <summary>One side has no rows.</summary>
    [JsonStringEnumMemberName("not_checked")] NotChecked,
}
