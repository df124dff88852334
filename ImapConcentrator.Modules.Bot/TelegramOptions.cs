using FluentValidation;

namespace ImapConcentrator.Modules.Bot;

/// <summary>The <c>Telegram</c> configuration section. An empty bot token turns the bot off.</summary>
internal sealed class TelegramOptions
{
    public string BotToken { get; set; } = string.Empty;
    public string WebhookSecret { get; set; } = string.Empty;
    public string PublicUrl { get; set; } = string.Empty;
    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";
    public IReadOnlyList<long> AllowedUserIds { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);
}

internal sealed class TelegramOptionsValidator : AbstractValidator<TelegramOptions>
{
    public TelegramOptionsValidator()
    {
        RuleFor(o => o.WebhookSecret).NotEmpty().When(o => o.Enabled)
            .WithMessage("Telegram:WebhookSecret is required when Telegram:BotToken is set.");
        RuleFor(o => o.WebhookSecret).Matches("^[A-Za-z0-9_-]{1,256}$").When(o => o.Enabled && o.WebhookSecret.Length > 0)
            .WithMessage("Telegram:WebhookSecret must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule).");
        RuleFor(o => o.ApiBaseUrl).Must(BeHttpUrl)
            .WithMessage(o => $"Telegram:ApiBaseUrl must be an absolute http(s) URL, not '{o.ApiBaseUrl}'.");
        RuleFor(o => o.PublicUrl).Must(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && BeHttpUrl(u))
            .When(o => !string.IsNullOrEmpty(o.PublicUrl))
            .WithMessage("Telegram:PublicUrl must be an absolute https URL (Telegram only calls https webhooks).");
    }

    private static bool BeHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
