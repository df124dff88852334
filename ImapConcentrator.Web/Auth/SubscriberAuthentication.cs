using ImapConcentrator.Modules.Mail.Contracts;
using Microsoft.AspNetCore.Authentication;

namespace ImapConcentrator.Web.Auth;

internal static class SubscriberAuthentication
{
    public static IServiceCollection AddSubscriberAuthentication(this IServiceCollection services)
    {
        services.AddOptions<SubscriptionOptions>().BindConfiguration("Subscriptions")
            .ValidateWithFluentValidation<SubscriptionOptions, SubscriptionOptionsValidator>();
        services.AddAuthentication(Subscribers.Scheme)
            .AddScheme<AuthenticationSchemeOptions, SubscriberAuthenticationHandler>(Subscribers.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Subscribers.WhitelistPolicy, p => p.RequireClaim(Subscribers.ScopeClaim, Subscribers.AllScope))
            .AddPolicy(Subscribers.SubscriberPolicy, p => p.RequireAuthenticatedUser());
        return services;
    }
}
