namespace ImapConcentrator.Modules.Mail.Checking;

/// <summary>A per-mailbox link template with <c>{uid}</c>, <c>{folder}</c> and <c>{messageId}</c>, each URL-encoded.</summary>
internal static class WebLink
{
    public static string? Fill(string? template, long uid, string folder, string? messageId) =>
        template?
            .Replace("{uid}", uid.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{folder}", Uri.EscapeDataString(folder), StringComparison.Ordinal)
            .Replace("{messageId}", Uri.EscapeDataString(messageId ?? string.Empty), StringComparison.Ordinal);

    /// <summary>A template is valid when filling it gives an absolute http(s) URL.</summary>
    public static bool IsValid(string template) =>
        template.Length <= 2000
        && Uri.TryCreate(Fill(template, 1, "INBOX", "id@example.com"), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
