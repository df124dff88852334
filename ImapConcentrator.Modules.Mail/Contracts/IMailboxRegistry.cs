namespace ImapConcentrator.Modules.Mail.Contracts;

/// <summary>The mail module's mailboxes, for the REST API and the bot. A null chat id means "any chat" (operator).</summary>
public interface IMailboxRegistry
{
    /// <summary>Validates, tries the login and opens the folder; stores and starts checking only when all of that worked.</summary>
    Task<RegistrationResult> AddAsync(NewMailbox mailbox, CancellationToken cancellationToken);

    Task<IReadOnlyList<MailboxView>> ListAsync(long? chatId, CancellationToken cancellationToken);

    Task<MailboxView?> GetAsync(long id, CancellationToken cancellationToken);

    Task<bool> RemoveAsync(long id, CancellationToken cancellationToken);

    /// <summary>Tries the new login first; on success the mailbox leaves AuthFailed and is checked again.</summary>
    Task<RegistrationResult> UpdateCredentialsAsync(long id, string username, string password, CancellationToken cancellationToken);

    /// <summary>Null turns the link off. Returns false when the mailbox does not exist or the template is invalid.</summary>
    Task<bool> SetWebLinkAsync(long id, string? linkTemplate, CancellationToken cancellationToken);

    /// <summary>Re-baselines to the server's state now; with <paramref name="count"/> &gt; 0 also re-notifies the newest messages.</summary>
    Task<RefetchResult> RefetchAsync(long id, int count, CancellationToken cancellationToken);
}

public sealed record RefetchResult(bool Found, int Notified, string? Error = null);
