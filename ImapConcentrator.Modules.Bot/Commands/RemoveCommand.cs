using FluentValidation;
using ImapConcentrator.Modules.Mail.Contracts;

namespace ImapConcentrator.Modules.Bot.Commands;

internal sealed class RemoveCommand(IMailboxRegistry registry) : IBotCommand
{
    private static readonly ArgsValidator Args = new();

    public string Name => "remove";
    public string Usage => "/remove <id>";
    public bool NeedsChat => true;
    public IValidator<CommandArgs> Validator => Args;

    public async Task<string> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var id = CommandArgsValidators.Id(context.Args[0]);
        if (await registry.OwnMailboxAsync(id, context.ChatId, cancellationToken) is null || !await registry.RemoveAsync(id, cancellationToken))
        {
            return Ownership.NotFound(id);
        }

        return $"🗑 Removed mailbox #{context.Args[0]}; I no longer watch it.";
    }

    private sealed class ArgsValidator : AbstractValidator<CommandArgs>
    {
        public ArgsValidator()
        {
            RuleFor(a => a.Count).Equal(1);
            RuleFor(a => a[0]).Must(CommandArgsValidators.IsId).When(a => a.Count == 1);
        }
    }
}
