using CxWarehouse.Generator.Core;

namespace CxWarehouse.Generator.Output;

/// <summary>Names, expected loader outcomes and payloads of the corruption kinds (reliability.md catalogue).</summary>
internal static class DirtyKinds
{
    public static string Name(DirtyKind kind) => kind switch
    {
        DirtyKind.ImpossibleDate => "impossible_date",
        DirtyKind.NonNumeric => "non_numeric",
        DirtyKind.RaggedRow => "ragged_row",
        DirtyKind.NullSpelling => "null_spelling",
        DirtyKind.TruncatedJson => "truncated_json",
        DirtyKind.TwoJsonObjects => "two_json_objects",
        DirtyKind.FormulaInjection => "formula_injection",
        DirtyKind.ScriptTag => "script_tag",
        DirtyKind.JavascriptLink => "javascript_link",
        DirtyKind.EmojiCjk => "emoji_cjk",
        _ => "duplicate_key",
    };

    /// <summary>quarantine (Q), accept (A) or dedupe, as the loader should treat the record.</summary>
    public static string Expected(DirtyKind kind) => kind switch
    {
        DirtyKind.ImpossibleDate or DirtyKind.NonNumeric or DirtyKind.RaggedRow
            or DirtyKind.TruncatedJson or DirtyKind.TwoJsonObjects => "quarantine",
        DirtyKind.DuplicateKey => "dedupe",
        _ => "accept",
    };

    public static string ImpossibleDay(Prng rng) => rng.Pick(s_days);

    public static string NonNumber(Prng rng) => rng.Pick(s_numbers);

    public static string NullWord(Prng rng) => rng.Pick(s_nulls);

    public const string Formula = "=HYPERLINK(\"http://evil.example\",\"click\")";

    public const string Script = "<script>alert(1)</script>";

    public const string JavascriptUrl = "javascript:alert(document.cookie)";

    public const string EmojiAndCjk = "😀🎉 非常好 ✨";

    private static readonly string[] s_days = ["2025-02-30", "2025-02-29", "2025-04-31", "2026-02-30", "2025-06-31"];
    private static readonly string[] s_numbers = ["abc", "1.234,50", "N/A", "12O", "--"];
    private static readonly string[] s_nulls = ["NULL", "\\N", "NA"];
}
