using System.Text.RegularExpressions;
using CxWarehouse.Etl.Extract;

namespace CxWarehouse.Etl.Configuration;

/// <summary>Reads and validates <c>cxwarehouse.yml</c>.</summary>
public static partial class ConfigLoader
{
    public const string DefaultFileName = "cxwarehouse.yml";

    private static readonly string[] s_kinds = ["crm", "web", "calls", "surveys", "reviews"];

    /// <summary>Loads the file; relative source paths resolve against <paramref name="inputRoot"/> when given.</summary>
    public static CxConfig Load(string path, string? inputRoot = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new ConfigException($"configuration file not found: {path}");
        }
        using var text = new StreamReader(full);
        return Parse(full, text, inputRoot);
    }

    public static CxConfig Parse(string filePath, TextReader text, string? inputRoot = null)
    {
        var yaml = YamlReader.Load(filePath, text);
        yaml.OnlyKeys("project", "reporting", "warehouse", "sources", "targets", "benchmark", "service", "loyalty",
            "topics", "follow_up", "quality", "mail");
        var root = System.IO.Path.GetFullPath(inputRoot ?? System.IO.Path.GetDirectoryName(filePath)!);

        var reporting = new ReportingSettings();
        if (yaml.Map("reporting") is { } r)
        {
            r.OnlyKeys("time_zone", "currency", "title", "show_personal_data");
            reporting = new ReportingSettings
            {
                TimeZone = TimeZoneValue(r, "time_zone") ?? reporting.TimeZone,
                Currency = Currency(r) ?? reporting.Currency,
                Title = r.String("title") ?? reporting.Title,
                ShowPersonalData = r.Bool("show_personal_data") ?? false,
            };
        }

        var warehouse = new WarehouseSettings();
        if (yaml.Map("warehouse") is { } w)
        {
            w.OnlyKeys("memory_limit", "threads", "temp_directory", "compress_text");
            var memory = w.String("memory_limit");
            if (memory is not null && !MemoryPattern().IsMatch(memory))
            {
                throw w.Error("memory_limit", $"'{memory}' is not a size such as 4GB or 512MB");
            }
            warehouse = new WarehouseSettings
            {
                MemoryLimit = memory,
                Threads = w.Number<int>("threads", 1, 256),
                TempDirectory = w.String("temp_directory"),
                CompressText = w.Bool("compress_text") ?? false,
            };
        }

        var benchmark = new BenchmarkSettings();
        if (yaml.Map("benchmark") is { } b)
        {
            b.OnlyKeys("min_sample", "service_level_seconds", "short_abandon_seconds",
                "fcr_window_days", "churn_window_days", "gross_margin");
            benchmark = new BenchmarkSettings
            {
                MinSample = b.Number<int>("min_sample", 1, 1_000_000) ?? benchmark.MinSample,
                ServiceLevelSeconds = b.Number<int>("service_level_seconds", 1, 3600) ?? benchmark.ServiceLevelSeconds,
                ShortAbandonSeconds = b.Number<int>("short_abandon_seconds", 0, 600) ?? benchmark.ShortAbandonSeconds,
                FcrWindowDays = b.Number<int>("fcr_window_days", 1, 365) ?? benchmark.FcrWindowDays,
                ChurnWindowDays = b.Number<int>("churn_window_days", 1, 3650) ?? benchmark.ChurnWindowDays,
                GrossMargin = b.Number<double>("gross_margin", 0, 1),
            };
        }

        var targets = new Dictionary<string, double>(StringComparer.Ordinal);
        if (yaml.Map("targets") is { } t)
        {
            foreach (var (key, _, _) in t.Entries())
            {
                if (!NamePattern().IsMatch(key))
                {
                    throw t.Error(key, "a KPI name is lower-case letters, digits and underscores");
                }
                targets[key] = t.Number<double>(key, double.MinValue, double.MaxValue)
                    ?? throw t.Error(key, "a target needs a number");
            }
        }

        var sources = new List<SourceInput>();
        foreach (var s in yaml.MapList("sources"))
        {
            sources.Add(ReadSource(s, root));
        }
        var duplicate = sources.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        var sameAsProject = sources.FirstOrDefault(s => s.Competitor is { } c
            && string.Equals(c, yaml.String("project") ?? "", StringComparison.OrdinalIgnoreCase));
        if (sameAsProject is not null)
        {
            throw ConfigException.At(filePath, sameAsProject.Line, 1,
                $"sources: '{sameAsProject.Name}' names the project itself as its competitor; leave competitor out for the business's own reviews");
        }
        if (duplicate is not null)
        {
            var second = duplicate.Skip(1).First();
            throw ConfigException.At(filePath, second.Line, 1, $"sources: the name '{duplicate.Key}' is used twice");
        }

        return new CxConfig
        {
            FilePath = filePath,
            InputRoot = root,
            Project = yaml.String("project") ?? "CX warehouse",
            Reporting = reporting,
            Warehouse = warehouse,
            Sources = sources,
            Targets = targets,
            Benchmark = benchmark,
            Service = ReadService(yaml),
            Loyalty = ReadLoyalty(yaml),
            Topics = ReadTopics(yaml),
            FollowUp = ReadFollowUp(yaml),
            Orphans = ReadOrphans(yaml),
            Mail = ReadMail(yaml),
        };
    }

    private static SourceInput ReadSource(YamlReader s, string root)
    {
        s.OnlyKeys("name", "kind", "profile", "path", "time_zone", "encoding", "location", "location_map", "streams",
            "database", "connection", "password_env", "lookback_hours", "decimal", "date_order", "freshness", "retries", "optional",
            "questions", "won_stages", "lost_stages", "quality", "competitor");
        var name = s.RequiredString("name");
        if (!NamePattern().IsMatch(name))
        {
            throw s.Error("name", $"'{name}' must be lower-case letters, digits and underscores, starting with a letter");
        }
        var profileName = s.String("profile");
        var customStreams = s.ValueNode("streams") is YamlDotNet.RepresentationModel.YamlMappingNode;
        SourceProfile profile;
        string kind;
        if (profileName is null)
        {
            // A mapping written in the configuration, in the language the built-in profiles use.
            kind = s.OneOf("kind", s_kinds) ?? throw s.Error("kind", "a source without a profile needs its kind");
            if (!customStreams)
            {
                throw s.Error("streams", "a source without a profile maps its streams here (see README: source mappings)");
            }
            profile = MappingReader.ReadProfile($"custom:{name}", kind, s.String("time_zone"), s.Map("streams")!);
            profileName = "custom";
        }
        else
        {
            if (!ProfileCatalog.TryGet(profileName, out var builtIn))
            {
                throw s.Error("profile",
                    $"'{profileName}' is not a built-in profile (available: {string.Join(", ", ProfileCatalog.Names)}); "
                    + "or leave profile out and map the streams yourself");
            }
            if (customStreams)
            {
                throw s.Error("streams", $"with profile '{profileName}', streams is a list of the profile's streams to extract");
            }
            profile = builtIn;
            kind = s.OneOf("kind", s_kinds) ?? profile.Kind;
            if (kind != profile.Kind)
            {
                throw s.Error("kind", $"profile '{profileName}' reads {profile.Kind} data, not {kind}");
            }
        }
        if (profile.Streams.Values.FirstOrDefault(m => m.Stream.Kind != kind) is { } wrong)
        {
            throw s.Error("streams", $"a {kind} source cannot feed {wrong.Stream.Name}");
        }
        var database = s.OneOf("database", "sqlite", "postgres") ?? "sqlite";
        var connection = s.String("connection");
        if (database == "postgres")
        {
            if (connection is null)
            {
                throw s.Error("connection", "a postgres source needs a connection string (Host=...;Database=...;Username=...)");
            }
            if (connection.Contains("password", StringComparison.OrdinalIgnoreCase))
            {
                throw s.Error("connection", "keep the password out of the file: name an environment variable in password_env");
            }
        }
        var path = database == "postgres" ? s.String("path") ?? "." : s.RequiredString("path");
        var full = PathGuard.Resolve(root, path, out var problem);
        if (full is null)
        {
            throw s.Error("path", problem!);
        }
        var streams = customStreams ? [] : s.StringList("streams");
        foreach (var stream in streams)
        {
            if (!profile.Streams.ContainsKey(stream))
            {
                throw s.Error("streams",
                    $"profile '{profileName}' has no stream '{stream}' (it has: {string.Join(", ", profile.Streams.Keys)})");
            }
        }
        var encoding = s.String("encoding");
        if (encoding is not null && !Extract.TextEncodings.IsKnown(encoding))
        {
            throw s.Error("encoding", $"'{encoding}' is not an encoding (utf-8, utf-16le, utf-16be, latin-1, "
                + "windows-1252, windows-1251, gb18030, or another code page name)");
        }
        var questions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (s.Map("questions") is { } questionMap)
        {
            questionMap.OnlyKeys("nps", "csat", "ces", "comment");
            foreach (var (role, node, body) in questionMap.Entries())
            {
                questions[role] = (body is null ? questionMap.String(role) : null)
                    ?? throw questionMap.Error(node, $"questions.{role}: a question id (QID12) or column name (Q12)");
            }
        }
        var location = s.String("location");
        if (location is not null && !LocationPattern().IsMatch(location))
        {
            throw s.Error("location", $"'{location}' is not a location code (letters, digits, - and _)");
        }
        var locationMap = new Dictionary<string, string>(StringComparer.Ordinal);
        if (s.Map("location_map") is { } map)
        {
            foreach (var (key, node, body) in map.Entries())
            {
                var code = body is null ? map.String(key) : null;
                if (code is null || !LocationPattern().IsMatch(code))
                {
                    throw map.Error(node, $"{map.Qualified(key)}: '{code}' is not a location code");
                }
                locationMap[key] = code;
            }
        }
        double? warn = null;
        double? error = null;
        if (s.Map("freshness") is { } freshness)
        {
            freshness.OnlyKeys("warn_after_hours", "error_after_hours");
            warn = freshness.Number<double>("warn_after_hours", 0, 24 * 3650);
            error = freshness.Number<double>("error_after_hours", 0, 24 * 3650);
            if (warn is not null && error is not null && error < warn)
            {
                throw freshness.Error("error_after_hours", "must not be less than warn_after_hours");
            }
        }
        var retry = new RetryPolicy();
        if (s.Map("retries") is { } retries)
        {
            retries.OnlyKeys("attempts", "base_delay_ms", "max_delay_ms");
            retry = new RetryPolicy(
                retries.Number<int>("attempts", 1, 20) ?? retry.Attempts,
                retries.Number<double>("base_delay_ms", 0, 60_000) ?? retry.BaseDelayMs,
                retries.Number<double>("max_delay_ms", 0, 600_000) ?? retry.MaxDelayMs);
        }
        var competitor = s.String("competitor")?.Trim();
        if (competitor is not null)
        {
            if (kind != "reviews")
            {
                throw s.Error("competitor", $"only a reviews source can hold a competitor's reviews, not a {kind} source");
            }
            if (competitor.Length is 0 or > 100 || competitor.Any(char.IsControl))
            {
                throw s.Error("competitor", "the competitor's name: up to 100 characters, on one line");
            }
        }
        var (quality, streamQuality) = ReadQuality(s, profile);
        return new SourceInput
        {
            Competitor = competitor,
            Quality = quality,
            StreamQuality = streamQuality,
            Retry = retry,
            FreshnessWarnHours = warn,
            FreshnessErrorHours = error,
            LocationMap = locationMap,
            Database = database,
            Connection = connection,
            PasswordEnv = s.String("password_env"),
            LookbackHours = s.Number<double>("lookback_hours", 0, 24 * 365) ?? 24,
            Name = name,
            Kind = kind,
            Profile = profileName,
            Mapping = profile,
            Path = full,
            TimeZone = TimeZoneValue(s, "time_zone"),
            Encoding = encoding,
            Decimal = s.OneOf("decimal", ".", ",") is { } separator ? separator[0] : null,
            DateOrder = s.OneOf("date_order", "day-first", "month-first") switch
            {
                "day-first" => Extract.DateOrder.DayFirst,
                "month-first" => Extract.DateOrder.MonthFirst,
                _ => null,
            },
            Location = location,
            Streams = streams,
            Optional = s.Bool("optional") ?? false,
            Questions = questions,
            WonStages = s.StringList("won_stages"),
            LostStages = s.StringList("lost_stages"),
            Line = (int)s.Node.Start.Line,
        };
    }

    private static string? TimeZoneValue(YamlReader r, string key)
    {
        var zone = r.String(key);
        if (zone is null)
        {
            return null;
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _) || !ZonePattern().IsMatch(zone))
        {
            throw r.Error(key, $"'{zone}' is not an IANA time zone such as Europe/London or UTC");
        }
        return zone;
    }

    private static string? Currency(YamlReader r)
    {
        var currency = r.String("currency");
        if (currency is not null && !CurrencyPattern().IsMatch(currency))
        {
            throw r.Error("currency", $"'{currency}' is not a three-letter ISO 4217 code");
        }
        return currency;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex LocationPattern();

    [GeneratedRegex("^[A-Za-z]+(/[A-Za-z0-9_+-]+)*$")]
    private static partial Regex ZonePattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?\\s?(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$")]
    private static partial Regex MemoryPattern();
}
