using MailKit;
using MailKit.Net.Imap;

namespace ImapConcentrator.Modules.Mail.Checking;

/// <summary>The IMAP reads shared by registration, checks and refetch. Folders are always opened read-only (EXAMINE), so no \Seen is ever set.</summary>
internal static class FolderReader
{
    public const int BatchSize = 250;

    /// <summary>(Re-)EXAMINEs the folder, which also refreshes UIDVALIDITY and UIDNEXT.</summary>
    public static async Task<IMailFolder> OpenAsync(ImapClient client, string name, CancellationToken cancellationToken)
    {
        var folder = string.Equals(name, "INBOX", StringComparison.OrdinalIgnoreCase)
            ? client.Inbox
            : await client.GetFolderAsync(name, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
        return folder;
    }

    /// <summary>The mark to start from: UIDNEXT, or the highest UID + 1 for a server that does not say UIDNEXT.</summary>
    public static async Task<long> NextUidAsync(IMailFolder folder, CancellationToken cancellationToken)
    {
        if (folder.UidNext is { } uidNext)
        {
            return uidNext.Id;
        }

        if (folder.Count == 0)
        {
            return 1;
        }

        var last = await folder.FetchAsync(folder.Count - 1, folder.Count - 1, MessageSummaryItems.UniqueId, cancellationToken);
        return last.Count == 0 ? 1 : last[^1].UniqueId.Id + 1L;
    }

    /// <summary>Messages with UID in [from, to] (to = null: up to the newest), in UID order. A range ending in * also returns the newest message when it is older, so it is filtered.</summary>
    public static async Task<List<IMessageSummary>> FetchRangeAsync(
        IMailFolder folder, long from, long? to, CancellationToken cancellationToken)
    {
        var validity = folder.UidValidity;
        var end = to is { } t ? new UniqueId(validity, (uint)t) : UniqueId.MaxValue;
        var range = new UniqueIdRange(new UniqueId(validity, (uint)from), end);
        var summaries = await folder.FetchAsync(range, MessageToNotification.Items, cancellationToken);
        return summaries
            .Where(s => s.UniqueId.Id >= from && (to is null || s.UniqueId.Id <= to))
            .OrderBy(s => s.UniqueId.Id)
            .ToList();
    }

    public static async Task<List<IMessageSummary>> FetchNewestAsync(IMailFolder folder, int count, CancellationToken cancellationToken)
    {
        if (count <= 0 || folder.Count == 0)
        {
            return [];
        }

        var first = Math.Max(0, folder.Count - count);
        var summaries = await folder.FetchAsync(first, folder.Count - 1, MessageToNotification.Items, cancellationToken);
        return summaries.OrderBy(s => s.UniqueId.Id).ToList();
    }
}
