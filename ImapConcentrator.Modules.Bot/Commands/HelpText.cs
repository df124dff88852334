namespace ImapConcentrator.Modules.Bot.Commands;

internal static class HelpText
{
    public const string Commands = """
        /add &lt;host&gt;[:&lt;port&gt;] &lt;username&gt; &lt;password&gt; [folder] – watch a mailbox (993 or no port: TLS, other ports: STARTTLS; the login is tried first and your message is deleted)
        /list – your mailboxes and their state
        /remove &lt;id&gt; – stop watching a mailbox
        /link &lt;id&gt; &lt;template&gt;|off – a web mail link in each notification ({uid}, {folder}, {messageId})
        /refetch &lt;id&gt; [n] – start again from the mailbox's state now; with n, re-send the newest n messages
        /token – a new chat token for the live feed (the previous one stops working)
        /notify on|off – deliver new mail into this chat
        /help – this list
        """;
}
