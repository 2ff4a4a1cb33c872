namespace CxWarehouse.Text;

/// <summary>
/// Character-level helpers shared by the sentiment analyser and the topic tagger: one normalisation (lower case,
/// Latin diacritics folded, full-width ASCII narrowed, emoji presentation selectors and skin tones dropped) so that
/// lexicon keys and texts are compared in the same form.
/// </summary>
internal static class TextScanner
{
    /// <summary>Lower-cases and folds <paramref name="text"/>; <paramref name="upper"/> marks originally upper-case letters.</summary>
    public static string Normalize(string text, out bool[] upper)
    {
        var buffer = new char[text.Length];
        upper = new bool[text.Length];
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\uFE0F' or '\uFE0E' or '\u200D' or '\u200B' or '\uFEFF' || IsCombiningMark(c))
            {
                continue;
            }
            // Emoji skin-tone modifiers U+1F3FB..U+1F3FF: surrogate pair D83C DFFB..DFFF.
            if (c == '\uD83C' && i + 1 < text.Length && text[i + 1] is >= '\uDFFB' and <= '\uDFFF')
            {
                i++;
                continue;
            }
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                c = (char)(c - 0xFEE0);
            }
            upper[length] = char.IsUpper(c);
            buffer[length++] = Fold(char.ToLowerInvariant(c));
        }
        Array.Resize(ref upper, length);
        return new string(buffer, 0, length);
    }

    /// <summary>The lexicon form of a key: normalised, and for Latin keys hyphens and runs of spaces made one space.</summary>
    public static string NormalizeKey(string key)
    {
        var normalized = Normalize(key.Trim(), out _);
        if (normalized.Any(IsHan))
        {
            return string.Concat(normalized.Where(c => !char.IsWhiteSpace(c)));
        }
        return string.Join(' ', normalized.Split([' ', '\t', '-', '/'], StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>CJK unified ideographs (basic block, extension A, compatibility ideographs).</summary>
    public static bool IsHan(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF')
        or (>= '\uF900' and <= '\uFAFF');

    /// <summary>A letter or digit of a space-separated script (anything but Han).</summary>
    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) && !IsHan(c);

    /// <summary>Ends a sentence: the scope of negation, intensifiers and contrast.</summary>
    public static bool IsSentenceBreak(char c) => c is '.' or '!' or '?' or '\n' or '\r' or '\u3002' or '\u2026';

    /// <summary>Ends a clause: the scope of negation and intensifiers.</summary>
    public static bool IsClauseBreak(char c) => c is ',' or ';' or ':' or '\u3001';

    /// <summary>Whether <paramref name="c"/> carries a Portuguese diacritic (checked before folding).</summary>
    public static bool IsPortugueseDiacritic(char c) => char.ToLowerInvariant(c) is 'ã' or 'õ' or 'ç' or 'á' or 'é'
        or 'í' or 'ó' or 'ú' or 'â' or 'ê' or 'ô' or 'à';

    /// <summary>Splits a normalised text into Latin word tokens and Han runs, in order; other characters separate.</summary>
    public static List<string> Words(string normalized)
    {
        var words = new List<string>();
        var i = 0;
        while (i < normalized.Length)
        {
            var c = normalized[i];
            if (IsHan(c))
            {
                var end = i;
                while (end < normalized.Length && IsHan(normalized[end]))
                {
                    end++;
                }
                words.Add(normalized[i..end]);
                i = end;
            }
            else if (IsWordChar(c))
            {
                var end = WordEnd(normalized, i);
                words.Add(normalized[i..end]);
                i = end;
            }
            else
            {
                i++;
            }
        }
        return words;
    }

    /// <summary>The end of the word starting at <paramref name="start"/>; an apostrophe between letters is kept.</summary>
    public static int WordEnd(string normalized, int start)
    {
        var end = start;
        while (end < normalized.Length)
        {
            var c = normalized[end];
            if (IsWordChar(c))
            {
                end++;
            }
            else if (c == '\'' && end > start && end + 1 < normalized.Length && IsWordChar(normalized[end + 1]))
            {
                end++;
            }
            else
            {
                break;
            }
        }
        return end;
    }

    private static bool IsCombiningMark(char c) => c is >= '\u0300' and <= '\u036F';

    private static char Fold(char c) => c switch
    {
        'á' or 'à' or 'â' or 'ã' or 'ä' => 'a',
        'é' or 'è' or 'ê' or 'ë' => 'e',
        'í' or 'ì' or 'î' or 'ï' => 'i',
        'ó' or 'ò' or 'ô' or 'õ' or 'ö' => 'o',
        'ú' or 'ù' or 'û' or 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        '\u2019' or '\u2018' or '`' or '\u00B4' => '\'',
        '\u3002' => '.',
        '\u3001' => ',',
        _ => c,
    };
}
