using System.Globalization;
using System.Security.Claims;

namespace ImapConcentrator.Modules.Mail.Contracts;

/// <summary>
/// Who is calling, as the host's authentication describes it: a whitelist key (every mailbox) or a
/// chat token (that chat's mailboxes). The host issues these claims; modules only read them.
/// </summary>
public static class Subscribers
{
    public const string Scheme = "Subscriber";
    public const string WhitelistPolicy = "Whitelist";
    public const string SubscriberPolicy = "Subscriber";
    public const string ScopeClaim = "scope";
    public const string AllScope = "all";
    public const string ChatIdClaim = "chat_id";

    public static bool IsWhitelisted(this ClaimsPrincipal user) => user.HasClaim(ScopeClaim, AllScope);

    /// <summary>The chat a chat token belongs to; null for a whitelist key.</summary>
    public static long? ChatId(this ClaimsPrincipal user) =>
        user.FindFirst(ChatIdClaim)?.Value is { } id ? long.Parse(id, CultureInfo.InvariantCulture) : null;
}

/// <summary>Turns a chat token into its chat id. The bot module implements it; none registered means no chat tokens.</summary>
public interface IChatTokenResolver
{
    Task<long?> ResolveAsync(string token, CancellationToken cancellationToken);
}
