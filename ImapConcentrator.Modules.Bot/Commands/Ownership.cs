using System.Globalization;
using ImapConcentrator.Modules.Mail.Contracts;

namespace ImapConcentrator.Modules.Bot.Commands;

/// <summary>A chat sees only its own mailboxes: someone else's reads exactly like one that does not exist.</summary>
internal static class Ownership
{
    public static async Task<MailboxView?> OwnMailboxAsync(this IMailboxRegistry registry, long id, long chatId, CancellationToken cancellationToken) =>
        await registry.GetAsync(id, cancellationToken) is { } mailbox && mailbox.ChatId == chatId ? mailbox : null;

    public static string NotFound(long id) =>
        $"There is no mailbox #{id.ToString(CultureInfo.InvariantCulture)} in this chat. /list shows yours.";
}
