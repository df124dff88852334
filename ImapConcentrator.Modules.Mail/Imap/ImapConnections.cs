using System.Collections.Concurrent;
using ImapConcentrator.Modules.Mail.Persistence;
using MailKit.Net.Imap;

namespace ImapConcentrator.Modules.Mail.Imap;

/// <summary>
/// One kept-open connection per mailbox, reopened when it broke or the mailbox's login changed.
/// Callers hold the mailbox's lock, so a connection is used by one check at a time.
/// </summary>
internal sealed class ImapConnections(ImapConnector connector, PasswordProtector passwords) : IDisposable
{
    private readonly ConcurrentDictionary<long, Entry> entries = new();

    public async Task<ImapClient> GetAsync(Mailbox mailbox, CancellationToken cancellationToken) =>
        (await GetOrReuseAsync(mailbox, cancellationToken)).Client;

    /// <summary>The kept connection (<c>Reused</c> true: it may have died silently since) or a new one.</summary>
    public async Task<(ImapClient Client, bool Reused)> GetOrReuseAsync(Mailbox mailbox, CancellationToken cancellationToken)
    {
        var endpoint = EndpointOf(mailbox);
        if (entries.TryGetValue(mailbox.Id, out var entry))
        {
            if (entry.Client.IsConnected && entry.Client.IsAuthenticated
                && entry.Endpoint == endpoint && entry.EncryptedPassword == mailbox.EncryptedPassword)
            {
                return (entry.Client, true);
            }

            Drop(mailbox.Id);
        }

        var client = await connector.ConnectAsync(endpoint, passwords.Unprotect(mailbox.EncryptedPassword), cancellationToken);
        Keep(mailbox, client);
        return (client, false);
    }

    /// <summary>Adopts a connection opened elsewhere (registration's login probe), saving a reconnect.</summary>
    public void Keep(Mailbox mailbox, ImapClient client)
    {
        var entry = new Entry(client, EndpointOf(mailbox), mailbox.EncryptedPassword);
        entries.AddOrUpdate(mailbox.Id, entry, (_, old) =>
        {
            old.Client.Dispose();
            return entry;
        });
    }

    public void Drop(long mailboxId)
    {
        if (entries.TryRemove(mailboxId, out var entry))
        {
            entry.Client.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var id in entries.Keys)
        {
            Drop(id);
        }
    }

    public static ImapEndpoint EndpointOf(Mailbox mailbox) => new(mailbox.Host, mailbox.Port, mailbox.Security, mailbox.Username);

    private sealed record Entry(ImapClient Client, ImapEndpoint Endpoint, string EncryptedPassword);
}
