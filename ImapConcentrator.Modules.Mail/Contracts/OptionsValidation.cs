using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImapConcentrator.Modules.Mail.Contracts;

/// <summary>Options validated by FluentValidation at start; each failure names its configuration key.</summary>
public static class OptionsValidation
{
    public static OptionsBuilder<TOptions> ValidateWithFluentValidation<TOptions, TValidator>(this OptionsBuilder<TOptions> builder)
        where TOptions : class
        where TValidator : class, IValidator<TOptions>, new()
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new FluentValidateOptions<TOptions>(builder.Name, new TValidator()));
        return builder.ValidateOnStart();
    }

    private sealed class FluentValidateOptions<TOptions>(string? name, IValidator<TOptions> validator) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? optionsName, TOptions options)
        {
            if (name is not null && name != optionsName)
            {
                return ValidateOptionsResult.Skip;
            }

            var result = validator.Validate(options);
            return result.IsValid
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(result.Errors.Select(e => e.ErrorMessage));
        }
    }
}
