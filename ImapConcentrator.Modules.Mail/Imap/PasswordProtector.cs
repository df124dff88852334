using Microsoft.AspNetCore.DataProtection;

namespace ImapConcentrator.Modules.Mail.Imap;

/// <summary>IMAP passwords at rest: encrypted with Data Protection, whose key ring lives in the database.</summary>
internal sealed class PasswordProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("ImapConcentrator.Mail.ImapPassword.v1");

    public string Protect(string password) => protector.Protect(password);

    public string Unprotect(string encrypted) => protector.Unprotect(encrypted);
}
