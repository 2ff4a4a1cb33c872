namespace CxWarehouse.Etl.Configuration;

/// <summary>The whole <c>cxwarehouse.yml</c>: sources, reporting, warehouse, targets, benchmarks, service clocks.</summary>
public sealed record CxConfig
{
    /// <summary>Full path of the file this was read from.</summary>
    public required string FilePath { get; init; }

    /// <summary>Folder that relative source paths are resolved against (the config's folder or --input).</summary>
    public required string InputRoot { get; init; }

    public string Project { get; init; } = "CX warehouse";

    public ReportingSettings Reporting { get; init; } = new();

    public WarehouseSettings Warehouse { get; init; } = new();

    public IReadOnlyList<SourceInput> Sources { get; init; } = [];

    /// <summary>KPI name to target value, overriding the registry's default targets.</summary>
    public IReadOnlyDictionary<string, double> Targets { get; init; } = new Dictionary<string, double>();

    public BenchmarkSettings Benchmark { get; init; } = new();

    /// <summary>Business hours, holidays and SLA targets for the service clocks of tickets.</summary>
    public ServiceSettings Service { get; init; } = new();

    /// <summary>Spend bands giving a loyalty tier where the CRM has no loyalty programme.</summary>
    public LoyaltySettings Loyalty { get; init; } = new();

    /// <summary>The topic taxonomy of the text analytics (<c>topics:</c>).</summary>
    public TopicSettings Topics { get; init; } = new();

    /// <summary>The closed loop's answer deadlines (<c>follow_up:</c>).</summary>
    public FollowUpSettings FollowUp { get; init; } = new();

    /// <summary>Checks of the relations between streams (orphans).</summary>
    public OrphanSettings Orphans { get; init; } = new();

    /// <summary>Where <c>cxw report --mail</c> sends the weekly message (<c>mail:</c>); null when not configured.</summary>
    public MailSettings? Mail { get; init; }
}

/// <summary>How periods are cut and what the reports show.</summary>
public sealed record ReportingSettings
{
    /// <summary>IANA time zone in which days, ISO weeks and months are cut.</summary>
    public string TimeZone { get; init; } = "UTC";

    public string Currency { get; init; } = "GBP";

    public string Title { get; init; } = "CX benchmark";

    /// <summary>False (the default) masks emails, phones and names in reports.</summary>
    public bool ShowPersonalData { get; init; }
}

/// <summary>DuckDB resources, so that a large build spills to disk instead of failing.</summary>
public sealed record WarehouseSettings
{
    public string? MemoryLimit { get; init; }

    public int? Threads { get; init; }

    public string? TempDirectory { get; init; }

    /// <summary>
    /// <c>compress_text: true</c>: the warehouse file keeps DuckDB's dictionary and FSST compression of text columns
    /// (about 2.5 times smaller, a slower build). Off by default: the build writes text as it is.
    /// </summary>
    public bool CompressText { get; init; }
}

/// <summary>Benchmark and KPI calculation settings from the KPI specification.</summary>
public sealed record BenchmarkSettings
{
    /// <summary>Responses below which NPS, CSAT and CES are flagged as low sample.</summary>
    public int MinSample { get; init; } = 30;

    public int ServiceLevelSeconds { get; init; } = 20;

    public int ShortAbandonSeconds { get; init; } = 5;

    public int FcrWindowDays { get; init; } = 7;

    public int ChurnWindowDays { get; init; } = 365;

    /// <summary>Gross margin as a share of revenue (0-1), for predictive CLTV; without it that KPI is unavailable.</summary>
    public double? GrossMargin { get; init; }
}

/// <summary>One configured input: a system export (or database) of one kind of source.</summary>
public sealed record SourceInput
{
    /// <summary>Unique name, used in the lake path and in run results.</summary>
    public required string Name { get; init; }

    /// <summary>crm, web, calls, surveys or reviews.</summary>
    public required string Kind { get; init; }

    /// <summary>Built-in layout that maps the export to canonical streams, or "custom".</summary>
    public required string Profile { get; init; }

    /// <summary>The mapping used: the built-in profile's, or the one written in the configuration.</summary>
    public required Extract.SourceProfile Mapping { get; init; }

    /// <summary>Absolute path of the folder or file the profile reads.</summary>
    public required string Path { get; init; }

    /// <summary>For SQL sources: sqlite (the file at <see cref="Path"/>) or postgres.</summary>
    public string Database { get; init; } = "sqlite";

    /// <summary>For PostgreSQL: the connection string, without the password.</summary>
    public string? Connection { get; init; }

    /// <summary>For PostgreSQL: the environment variable that holds the password (never the config file).</summary>
    public string? PasswordEnv { get; init; }

    /// <summary>Retries of transient faults (exponential backoff with jitter, capped).</summary>
    public Extract.RetryPolicy Retry { get; init; } = new();

    /// <summary>Incremental SQL reads go back this far before the bookmark, for late-arriving updates.</summary>
    public double LookbackHours { get; init; } = 24;

    /// <summary>Time zone of timestamps written without an offset.</summary>
    public string? TimeZone { get; init; }

    public string? Encoding { get; init; }

    /// <summary>The decimal separator of the source's numbers, when it differs from the profile's.</summary>
    public char? Decimal { get; init; }

    /// <summary>
    /// The order of day and month in dates a spreadsheet rewrote with slashes (21/03/2023, 03/21/2023) in a profile's
    /// ISO date columns; null reads that order from each file where a day over 12 proves it.
    /// </summary>
    public Extract.DateOrder? DateOrder { get; init; }

    /// <summary>Location code for records that do not carry one (a single-site phone system, say).</summary>
    public string? Location { get; init; }

    /// <summary>The source's own location values (shop ids, queue names) to the warehouse's location codes.</summary>
    public IReadOnlyDictionary<string, string> LocationMap { get; init; } = new Dictionary<string, string>();

    /// <summary>A stream whose newest record is older than this at the start of a run is reported stale (warn).</summary>
    public double? FreshnessWarnHours { get; init; }

    /// <summary>Older than this, the stream is stale and the run exits 1.</summary>
    public double? FreshnessErrorHours { get; init; }

    /// <summary>fresh, warn or error for a newest record <paramref name="ageHours"/> old, against the ages above.</summary>
    public FreshnessStatus FreshnessOf(double ageHours) =>
        ageHours > (FreshnessErrorHours ?? double.MaxValue) ? FreshnessStatus.Error
        : ageHours > (FreshnessWarnHours ?? double.MaxValue) ? FreshnessStatus.Warn
        : FreshnessStatus.Fresh;

    /// <summary>
    /// For a reviews source: the competitor whose reviews it holds (<c>competitor: name</c>). Its reviews never
    /// count as the business's own (KPIs, follow-ups, key drivers, voice of the customer, customers); they are
    /// compared with the business's in <c>marts.competitor_benchmark</c>. Null for the business's own reviews.
    /// </summary>
    public string? Competitor { get; init; }

    /// <summary>A source that may have no files: then its streams are empty instead of failing the run.</summary>
    public bool Optional { get; init; }

    /// <summary>Survey questions named for their role (nps, csat, ces, comment): a question id or column name.</summary>
    public IReadOnlyDictionary<string, string> Questions { get; init; } = new Dictionary<string, string>();

    /// <summary>Deal or order stages that count as won, when the profile's reading of the stage names is not right.</summary>
    public IReadOnlyList<string> WonStages { get; init; } = [];

    /// <summary>Stages that count as lost (closed without a sale).</summary>
    public IReadOnlyList<string> LostStages { get; init; } = [];

    /// <summary>Domain-rule policy and quarantine budget of the source's streams (<c>quality:</c>).</summary>
    public QualitySettings Quality { get; init; } = new();

    /// <summary>Per-stream overrides of <see cref="Quality"/> (<c>quality.streams</c>).</summary>
    public IReadOnlyDictionary<string, QualitySettings> StreamQuality { get; init; } =
        new Dictionary<string, QualitySettings>();

    /// <summary>The quality settings of one of the source's streams.</summary>
    public QualitySettings QualityFor(string stream) =>
        StreamQuality.TryGetValue(stream, out var own) ? own : Quality;

    /// <summary>Canonical streams to extract; empty means all of the profile's.</summary>
    public IReadOnlyList<string> Streams { get; init; } = [];

    public int Line { get; init; }
}
