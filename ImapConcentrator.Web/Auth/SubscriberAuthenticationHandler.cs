using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using ImapConcentrator.Modules.Mail.Contracts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ImapConcentrator.Web.Auth;

/// <summary>
/// One scheme for the REST API and the hub. The token comes as <c>Authorization: Bearer</c> or as the
/// <c>access_token</c> query parameter (browsers cannot set headers on a WebSocket). A whitelist key gives
/// scope <c>all</c>; otherwise each <see cref="IChatTokenResolver"/> (the bot's chat tokens) may claim it.
/// </summary>
internal sealed class SubscriberAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<SubscriptionOptions> subscriptions,
    IEnumerable<IChatTokenResolver> chatTokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken();
        if (string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.NoResult();
        }

        if (WhitelistKeys.Contains(subscriptions.CurrentValue.WhitelistKeys, token))
        {
            return Success(new Claim(Subscribers.ScopeClaim, Subscribers.AllScope));
        }

        foreach (var resolver in chatTokens)
        {
            if (await resolver.ResolveAsync(token, Context.RequestAborted) is { } chatId)
            {
                return Success(
                    new Claim(Subscribers.ScopeClaim, $"chat:{chatId.ToString(CultureInfo.InvariantCulture)}"),
                    new Claim(Subscribers.ChatIdClaim, chatId.ToString(CultureInfo.InvariantCulture)));
            }
        }

        return AuthenticateResult.Fail("Unknown key or token.");
    }

    private string? ReadToken()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return Request.Query["access_token"].ToString();
    }

    /// <summary>
    /// How long a hub connection lives on one check of its token: the hub closes connections whose ticket expired
    /// (clients reconnect and are checked again), so a replaced chat token or a removed key stops within this time.
    /// </summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromMinutes(10);

    private AuthenticateResult Success(params Claim[] claims)
    {
        var identity = new ClaimsIdentity(claims, Scheme.Name);
        var properties = new AuthenticationProperties { ExpiresUtc = TimeProvider.GetUtcNow() + SessionLifetime };
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, Scheme.Name));
    }
}
