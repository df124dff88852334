using System.Text;

namespace ImapConcentrator.Modules.Bot.Telegram;

/// <summary>Telegram's HTML parse mode: only &amp;, &lt;, &gt; and &quot; need escaping.</summary>
internal static class Html
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(Escaped(c));
        }

        return sb.ToString();
    }

    /// <summary>The longest prefix of <paramref name="text"/> whose escaped form fits in <paramref name="max"/> characters, escaped.</summary>
    public static string EscapeWithin(string text, int max)
    {
        var sb = new StringBuilder(Math.Min(text.Length, max) + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var piece = Escaped(text[i]);
            // never split a surrogate pair
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : piece.Length;
            if (sb.Length + width > max)
            {
                break;
            }

            sb.Append(piece);
            if (width == 2)
            {
                sb.Append(text[++i]);
            }
        }

        return sb.ToString();
    }

    private static string Escaped(char c) => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        _ => c.ToString(),
    };
}
