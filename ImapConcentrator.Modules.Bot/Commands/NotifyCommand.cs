using FluentValidation;
using ImapConcentrator.Modules.Bot.Delivery;
using ImapConcentrator.Modules.Bot.Persistence;
using ImapConcentrator.Modules.Mail.Contracts;
using Microsoft.EntityFrameworkCore;

namespace ImapConcentrator.Modules.Bot.Commands;

/// <summary>
/// <c>/notify on|off</c>. Turning it on starts from the newest notification now: what arrived while it was off
/// is not replayed into the chat (the live feed and /api/notifications still have it).
/// </summary>
internal sealed class NotifyCommand(BotDbContext db, INotificationFeed feed, DeliverySignal signal) : IBotCommand
{
    private static readonly ArgsValidator Args = new();

    public string Name => "notify";
    public string Usage => "/notify on|off";
    public bool NeedsChat => true;
    public IValidator<CommandArgs> Validator => Args;

    public async Task<string> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var chat = await db.Chats.FirstAsync(c => c.Id == context.ChatId, cancellationToken);
        if (context.Args[0].Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            chat.NotifyInChat = false;
            await db.SaveChangesAsync(cancellationToken);
            return "🔕 I no longer deliver new mail into this chat.";
        }

        if (!chat.NotifyInChat)
        {
            var newest = chat.DeliveredThrough;
            while (await feed.GetSinceAsync(newest, 1000, context.ChatId, cancellationToken) is { Count: > 0 } page)
            {
                newest = page[^1].Id;
            }

            chat.DeliveredThrough = newest;
            chat.NotifyInChat = true;
            await db.SaveChangesAsync(cancellationToken);
            signal.Wake();
        }

        return "🔔 New mail of this chat's mailboxes will arrive here.";
    }

    private sealed class ArgsValidator : AbstractValidator<CommandArgs>
    {
        public ArgsValidator()
        {
            RuleFor(a => a.Count).Equal(1);
            RuleFor(a => a[0]).Must(w => w.Equals("on", StringComparison.OrdinalIgnoreCase) || w.Equals("off", StringComparison.OrdinalIgnoreCase))
                .When(a => a.Count == 1);
        }
    }
}
