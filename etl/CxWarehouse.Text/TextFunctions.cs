using DuckDB.NET.Data;
using DuckDB.NET.Data.DataChunk.Reader;
using DuckDB.NET.Data.DataChunk.Writer;

namespace CxWarehouse.Text;

/// <summary>
/// DuckDB scalar functions over <see cref="SentimentAnalyzer.Default"/> and <see cref="TopicTagger.Default"/>, so
/// that SQL models can score review, survey and ticket texts:
/// <list type="bullet">
/// <item><c>cx_sentiment(text VARCHAR, language VARCHAR) → DOUBLE</c>: score in [-1, 1].</item>
/// <item><c>cx_sentiment_label(text VARCHAR, language VARCHAR) → VARCHAR</c>: positive, negative or neutral.</item>
/// <item><c>cx_language(text VARCHAR) → VARCHAR</c>: en, zh or pt.</item>
/// <item><c>cx_topics(text VARCHAR, language VARCHAR) → VARCHAR</c>: topic names joined by commas, in taxonomy
/// order; NULL when the text mentions none.</item>
/// <item><c>cx_terms(text VARCHAR, language VARCHAR) → VARCHAR</c>: the terms and two-word phrases of the text
/// (<see cref="TermExtractor"/>), joined by commas; NULL when it has none.</item>
/// <item><c>cx_text_version() → VARCHAR</c>: what the scores depend on besides the text, the text analytics' code
/// (this assembly's build) and the tagger's taxonomy (<see cref="TopicTagger.Fingerprint"/>); scores kept across
/// builds under another version are scored again.</item>
/// </list>
/// A NULL text gives NULL. A NULL, empty, <c>auto</c> or unsupported language means "detect it from the text".
/// </summary>
/// <remarks>
/// Functions are registered on one connection (DuckDB scopes them to it) and are deterministic, so DuckDB may fold
/// them over constants. DuckDB calls them a vector (up to 2,048 rows) at a time, possibly from several threads; the
/// analyser and tagger are immutable. Registering twice on the same connection fails in DuckDB.
/// </remarks>
public static class TextFunctions
{
    public static void Register(DuckDBConnection connection) => Register(connection, TopicTagger.Default);

    /// <summary>Registers the functions, <c>cx_topics</c> tagging with <paramref name="tagger"/> (the configured
    /// taxonomy).</summary>
    public static void Register(DuckDBConnection connection, TopicTagger tagger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tagger);
        var analyzer = SentimentAnalyzer.Default;
        // HandlesNulls: a NULL language must still score the text (detected language), so NULLs are ours to handle.
        var options = new ScalarFunctionOptions { IsPureFunction = true, HandlesNulls = true };

        connection.RegisterScalarFunction<string, string, double>("cx_sentiment", (readers, writer, rows) =>
            ForEachText(readers, writer, rows, (text, language, row) =>
                writer.WriteValue(analyzer.Analyze(text, language).Score, row)), options);

        connection.RegisterScalarFunction<string, string, string>("cx_sentiment_label", (readers, writer, rows) =>
            ForEachText(readers, writer, rows, (text, language, row) =>
                writer.WriteValue(analyzer.Analyze(text, language).Label, row)), options);

        connection.RegisterScalarFunction<string, string>("cx_language", (readers, writer, rows) =>
            ForEachText(readers, writer, rows, (text, _, row) =>
                writer.WriteValue(SentimentAnalyzer.DetectLanguage(text), row)), options);

        connection.RegisterScalarFunction<string, string, string>("cx_topics", (readers, writer, rows) =>
            ForEachText(readers, writer, rows, (text, language, row) =>
            {
                var topics = tagger.Tag(text, language);
                if (topics.Count == 0)
                {
                    writer.WriteNull(row);
                }
                else
                {
                    writer.WriteValue(string.Join(',', topics), row);
                }
            }), options);

        var version = Version(tagger);
        connection.RegisterScalarFunction<string>("cx_text_version", (writer, rows) =>
        {
            for (ulong row = 0; row < rows; row++)
            {
                writer.WriteValue(version, row);
            }
        }, options);

        var terms = TermExtractor.Default;
        connection.RegisterScalarFunction<string, string, string>("cx_terms", (readers, writer, rows) =>
            ForEachText(readers, writer, rows, (text, language, row) =>
            {
                var found = terms.Extract(text, language);
                if (found.Count == 0)
                {
                    writer.WriteNull(row);
                }
                else
                {
                    writer.WriteValue(string.Join(',', found), row);
                }
            }), options);
    }

    /// <summary>
    /// <c>cx_text_version()</c>'s value: this assembly's module version id (a deterministic build's hash of its code
    /// and embedded lexicons, so any change to how texts are scored changes it) and the tagger's fingerprint.
    /// </summary>
    public static string Version(TopicTagger tagger)
    {
        ArgumentNullException.ThrowIfNull(tagger);
        return $"{typeof(TextFunctions).Assembly.ManifestModule.ModuleVersionId:N}:{tagger.Fingerprint}";
    }

    private static void ForEachText(IReadOnlyList<IDuckDBDataReader> readers, IDuckDBDataWriter writer, ulong rows,
        Action<string, string?, ulong> write)
    {
        var text = readers[0];
        var language = readers.Count > 1 ? readers[1] : null;
        for (ulong row = 0; row < rows; row++)
        {
            if (!text.IsValid(row))
            {
                writer.WriteNull(row);
                continue;
            }
            write(text.GetValue<string>(row),
                language is not null && language.IsValid(row) ? language.GetValue<string>(row) : null, row);
        }
    }
}
