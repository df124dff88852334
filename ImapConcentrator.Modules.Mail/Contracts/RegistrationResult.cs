namespace ImapConcentrator.Modules.Mail.Contracts;

public enum RegistrationFailure { Invalid, HostRefused, LoginFailed, Duplicate, NotFound }

/// <summary>
/// The outcome of adding a mailbox or changing its credentials. On failure nothing was stored;
/// <see cref="Errors"/> names each bad field (Invalid), <see cref="Reason"/> says why otherwise.
/// </summary>
public sealed record RegistrationResult(
    MailboxView? Mailbox,
    RegistrationFailure? Failure = null,
    string? Reason = null,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public bool Succeeded => Mailbox is not null;

    public static RegistrationResult Fail(RegistrationFailure failure, string reason) => new(null, failure, reason);
}
