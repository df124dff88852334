using FluentValidation;

namespace ImapConcentrator.Modules.Mail;

/// <summary>The <c>Mail</c> configuration section.</summary>
internal sealed class MailOptions
{
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);
    public bool AllowPlaintext { get; set; }
    public bool AllowPrivateHosts { get; set; }
    public bool Idle { get; set; } = true;
    public TimeSpan SafetyCheckInterval { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan NotificationRetention { get; set; } = TimeSpan.FromDays(30);
}

internal sealed class MailOptionsValidator : AbstractValidator<MailOptions>
{
    public MailOptionsValidator()
    {
        RuleFor(o => o.PollInterval).GreaterThan(TimeSpan.Zero)
            .WithMessage(o => $"Mail:PollInterval must be a positive time span (e.g. 00:01:00), not {o.PollInterval}.");
        RuleFor(o => o.SafetyCheckInterval).GreaterThan(TimeSpan.Zero)
            .WithMessage(o => $"Mail:SafetyCheckInterval must be a positive time span, not {o.SafetyCheckInterval}.");
        RuleFor(o => o.NotificationRetention).GreaterThan(TimeSpan.Zero)
            .WithMessage(o => $"Mail:NotificationRetention must be a positive time span, not {o.NotificationRetention}.");
    }
}
