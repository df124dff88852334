using ImapConcentrator.Modules.Mail.Checking;
using ImapConcentrator.Modules.Mail.Contracts;
using ImapConcentrator.Modules.Mail.Imap;
using MailKit.Net.Imap;
using MailKit.Security;

namespace ImapConcentrator.Modules.Mail.Registration;

internal sealed record LoginResult(ImapClient? Client, long UidValidity, long NextUid, RegistrationFailure? Failure, string? Reason);

/// <summary>
/// Logs in and opens the folder before anything is stored. The (UIDVALIDITY, UIDNEXT) read here is the
/// baseline, so existing mail is never announced and mail arriving before the first check is not lost.
/// </summary>
internal sealed class LoginProbe(ImapConnector connector)
{
    public async Task<LoginResult> TryAsync(ImapEndpoint endpoint, string password, string folderName, CancellationToken cancellationToken)
    {
        ImapClient? client = null;
        try
        {
            client = await connector.ConnectAsync(endpoint, password, cancellationToken);
            var folder = await FolderReader.OpenAsync(client, folderName, cancellationToken);
            var next = await FolderReader.NextUidAsync(folder, cancellationToken);
            return new LoginResult(client, folder.UidValidity, next, null, null);
        }
        catch (Exception ex) when (ex is AuthenticationException || MailboxChecker.IsServerFault(ex))
        {
            client?.Dispose();
            var (failure, reason) = ex switch
            {
                HostRefusedException => (RegistrationFailure.HostRefused, ex.Message),
                AuthenticationException => (RegistrationFailure.LoginFailed, $"Login refused by {endpoint.Host}: {ex.Message}"),
                MailKit.FolderNotFoundException => (RegistrationFailure.LoginFailed, $"Folder '{folderName}' does not exist on {endpoint.Host}."),
                _ => (RegistrationFailure.LoginFailed, $"Cannot talk to {endpoint.Host}:{endpoint.Port}: {ex.Message}"),
            };
            return new LoginResult(null, 0, 0, failure, reason);
        }
    }
}
