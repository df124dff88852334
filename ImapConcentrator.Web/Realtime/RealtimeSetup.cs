using ImapConcentrator.Modules.Mail.Contracts;

namespace ImapConcentrator.Web.Realtime;

internal static class RealtimeSetup
{
    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<RealtimeMetrics>();
        services.AddSingleton<HubNotifier>();
        services.AddSingleton<INewMailListener>(sp => sp.GetRequiredService<HubNotifier>());
        services.AddHostedService(sp => sp.GetRequiredService<HubNotifier>());
        return services;
    }

    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder app)
    {
        app.MapHub<NotificationsHub>(NotificationsHub.Path, o => o.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
