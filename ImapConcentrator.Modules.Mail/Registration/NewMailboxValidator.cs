using FluentValidation;
using ImapConcentrator.Modules.Mail.Checking;
using ImapConcentrator.Modules.Mail.Contracts;
using Microsoft.Extensions.Options;

namespace ImapConcentrator.Modules.Mail.Registration;

/// <summary>Field names are the camelCase names of the REST body, so a 400 names what the caller sent.</summary>
internal sealed class NewMailboxValidator : AbstractValidator<NewMailbox>
{
    public NewMailboxValidator(IOptionsMonitor<MailOptions> options)
    {
        RuleFor(m => m.Host).NotEmpty().MaximumLength(253)
            .Must(h => Uri.CheckHostName(h) != UriHostNameType.Unknown).WithMessage("'host' must be a host name or an IP address.")
            .OverridePropertyName("host");
        RuleFor(m => m.Port).InclusiveBetween(1, 65535).OverridePropertyName("port");
        RuleFor(m => m.Security).IsInEnum().OverridePropertyName("security");
        RuleFor(m => m.Security).Must(s => s != MailboxSecurity.None || options.CurrentValue.AllowPlaintext)
            .WithMessage("'security' None (plaintext IMAP) is not allowed here (Mail:AllowPlaintext); use Tls or StartTls.")
            .OverridePropertyName("security");
        RuleFor(m => m.Username).NotEmpty().MaximumLength(320).OverridePropertyName("username");
        RuleFor(m => m.Password).NotEmpty().MaximumLength(1000).OverridePropertyName("password");
        RuleFor(m => m.Folder).NotEmpty().MaximumLength(500).OverridePropertyName("folder");
        RuleFor(m => m.WebLinkTemplate!).Must(WebLink.IsValid).When(m => m.WebLinkTemplate is not null)
            .WithMessage("'webLinkTemplate' must give an absolute http(s) URL ({uid}, {folder} and {messageId} are filled in).")
            .OverridePropertyName("webLinkTemplate");
    }
}
