using System.Globalization;
using System.Text;
using ImapConcentrator.Modules.Bot.Telegram;
using ImapConcentrator.Modules.Mail.Contracts;

namespace ImapConcentrator.Modules.Bot.Delivery;

/// <summary>A notification as a Telegram HTML message: every piece of mail text escaped, the whole within 4096 characters.</summary>
internal static class NotificationMessage
{
    public const int MaxLength = 4096;
    private const int MaxLinkLength = 1000;

    public static string Format(MailNotification n)
    {
        var head = new StringBuilder()
            .Append("📬 <b>").Append(Html.EscapeWithin(n.Account, 300)).Append("</b> · ").Append(Html.EscapeWithin(n.Folder, 300)).Append('\n')
            .Append("<b>From:</b> ").Append(Html.EscapeWithin(n.From, 600)).Append('\n')
            .Append("<b>Subject:</b> ").Append(Html.EscapeWithin(n.Subject, 1200)).Append('\n')
            .Append("<b>Date:</b> ").Append(n.Date.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
            .ToString();
        var tail = Link(n.Link);
        var room = MaxLength - head.Length - tail.Length - 2;
        if (string.IsNullOrWhiteSpace(n.Preview) || room <= 1)
        {
            return head + tail;
        }

        var preview = Html.EscapeWithin(n.Preview, room);
        if (preview.Length < Html.Escape(n.Preview).Length)
        {
            preview = Html.EscapeWithin(n.Preview, room - 1) + "…";
        }

        return head + "\n\n" + preview + tail;
    }

    private static string Link(string? link) =>
        link is { Length: <= MaxLinkLength } && Uri.TryCreate(link, UriKind.Absolute, out var uri)
                                              && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? $"\n\n<a href=\"{Html.Escape(link)}\">Open in web mail</a>"
            : string.Empty;
}
