namespace CxWarehouse.Generator.Output;

/// <summary>Kinds of record-level corruption, named as in <c>truth/dirty.csv</c>.</summary>
internal enum DirtyKind
{
    ImpossibleDate,
    NonNumeric,
    RaggedRow,
    NullSpelling,
    TruncatedJson,
    TwoJsonObjects,
    FormulaInjection,
    ScriptTag,
    JavascriptLink,
    EmojiCjk,
    DuplicateKey,
}
