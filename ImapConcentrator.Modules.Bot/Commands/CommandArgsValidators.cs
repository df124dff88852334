using System.Globalization;
using FluentValidation;

namespace ImapConcentrator.Modules.Bot.Commands;

internal static class CommandArgsValidators
{
    public static bool IsId(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0;

    public static long Id(string text) => long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}

/// <summary>Exactly <c>min..max</c> words.</summary>
internal sealed class ArgCountValidator : AbstractValidator<CommandArgs>
{
    public ArgCountValidator(int min, int max) =>
        RuleFor(a => a.Count).InclusiveBetween(min, max);
}
