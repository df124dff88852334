namespace ImapConcentrator.Modules.Mail.Contracts;

/// <summary>Called when a mailbox's state changes (e.g. Ok → AuthFailed), once per change, not per check.</summary>
public interface IMailboxStateListener
{
    ValueTask OnStateChangedAsync(MailboxView mailbox, MailboxState previous, CancellationToken cancellationToken);
}
