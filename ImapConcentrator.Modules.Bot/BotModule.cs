using ImapConcentrator.Modules.Bot.Persistence;
using ImapConcentrator.Modules.Mail.Contracts;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ImapConcentrator.Modules.Bot;

public static class BotModule
{
    public static IServiceCollection AddBotModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelegramOptions>().BindConfiguration("Telegram")
            .ValidateWithFluentValidation<TelegramOptions, TelegramOptionsValidator>();
        services.AddModuleDbContext<BotDbContext, SqliteBotDbContext, PostgresBotDbContext>(configuration, BotDbContext.Schema);
        services.AddHostedService<BotStartup>();
        return services;
    }

    public static IEndpointRouteBuilder MapBotEndpoints(this IEndpointRouteBuilder app) => app;

    /// <summary>Applies the bot module's migrations (call before the host starts).</summary>
    public static async Task MigrateBotDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BotDbContext>().Database.MigrateAsync(cancellationToken);
    }
}
