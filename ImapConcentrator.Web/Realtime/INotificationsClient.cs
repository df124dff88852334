using ImapConcentrator.Modules.Mail.Contracts;

namespace ImapConcentrator.Web.Realtime;

/// <summary>What the server calls on connected clients.</summary>
public interface INotificationsClient
{
    Task NewMail(MailNotification notification);
}
