using FluentValidation;

namespace ImapConcentrator.Web.Auth;

/// <summary>The <c>Subscriptions</c> section: whitelist keys subscribe to every mailbox and may use the REST API.</summary>
internal sealed class SubscriptionOptions
{
    public IReadOnlyList<string> WhitelistKeys { get; set; } = [];
}

internal sealed class SubscriptionOptionsValidator : AbstractValidator<SubscriptionOptions>
{
    public SubscriptionOptionsValidator()
    {
        RuleForEach(o => o.WhitelistKeys)
            .Must(k => !string.IsNullOrWhiteSpace(k))
            .WithMessage((_, _) => "Subscriptions:WhitelistKeys must not contain an empty key (an empty key would let anyone in).")
            .Must(k => k is null || k.Trim() == k)
            .WithMessage((_, _) => "Subscriptions:WhitelistKeys must not contain a key with leading or trailing spaces.");
    }
}
