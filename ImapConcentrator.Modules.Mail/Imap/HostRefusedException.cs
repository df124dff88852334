namespace ImapConcentrator.Modules.Mail.Imap;

internal sealed class HostRefusedException(string message) : Exception(message);
