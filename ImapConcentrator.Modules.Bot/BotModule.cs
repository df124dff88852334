using ImapConcentrator.Modules.Bot.Commands;
using ImapConcentrator.Modules.Bot.Delivery;
using ImapConcentrator.Modules.Bot.Persistence;
using ImapConcentrator.Modules.Bot.Telegram;
using ImapConcentrator.Modules.Bot.Tokens;
using ImapConcentrator.Modules.Bot.Webhook;
using ImapConcentrator.Modules.Mail.Contracts;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImapConcentrator.Modules.Bot;

public static class BotModule
{
    public static IServiceCollection AddBotModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelegramOptions>().BindConfiguration("Telegram")
            .ValidateWithFluentValidation<TelegramOptions, TelegramOptionsValidator>();
        services.AddModuleDbContext<BotDbContext, SqliteBotDbContext, PostgresBotDbContext>(configuration, BotDbContext.Schema);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<BotStartup>();

        // Chat tokens are checked even with the bot off: they only exist if the bot once issued them.
        services.AddScoped<IChatTokenResolver, ChatTokenResolver>();

        services.AddTelegramClient();
        services.AddSingleton<SendPacer>();
        services.AddSingleton<TelegramSender>();
        services.AddScoped<BotReplies>();

        services.AddScoped<UpdateLog>();
        services.AddScoped<UpdateHandler>();
        services.AddScoped<CommandRouter>();
        services.AddScoped<IBotCommand, StartCommand>();
        services.AddScoped<IBotCommand, HelpCommand>();
        services.AddScoped<IBotCommand, AddCommand>();
        services.AddScoped<IBotCommand, ListCommand>();
        services.AddScoped<IBotCommand, RemoveCommand>();
        services.AddScoped<IBotCommand, LinkCommand>();
        services.AddScoped<IBotCommand, RefetchCommand>();
        services.AddScoped<IBotCommand, TokenCommand>();
        services.AddScoped<IBotCommand, NotifyCommand>();

        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<INewMailListener, ChatDeliveryListener>();
        services.AddHostedService<ChatDelivery>();
        services.AddSingleton<AlertQueue>();
        services.AddSingleton<IMailboxStateListener, MailboxStateAlerts>();
        services.AddHostedService<AlertSender>();
        return services;
    }

    public static IEndpointRouteBuilder MapBotEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapWebhook();
        return app;
    }

    /// <summary>Applies the bot module's migrations (call before the host starts).</summary>
    public static async Task MigrateBotDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BotDbContext>().Database.MigrateAsync(cancellationToken);
    }
}
