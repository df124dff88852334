namespace ImapConcentrator.Modules.Bot.Commands;

internal static class CommandLine
{
    /// <summary>"/Add@my_bot a b" → ("add", [a, b]); null for text that is not a command.</summary>
    public static (string Name, CommandArgs Args)? Parse(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0 || words[0].Length < 2 || words[0][0] != '/')
        {
            return null;
        }

        var name = words[0][1..];
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            name = name[..at];
        }

        return (name.ToLowerInvariant(), new CommandArgs(words[1..]));
    }
}
