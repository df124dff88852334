using ImapConcentrator.Modules.Mail.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace ImapConcentrator.Web.Realtime;

/// <summary>
/// <c>/hubs/notifications</c>. A whitelist key joins group <c>all</c>, a chat token group <c>chat:{id}</c>;
/// anything else is refused at negotiate (401).
/// </summary>
[Authorize(Policy = Subscribers.SubscriberPolicy)]
internal sealed class NotificationsHub(INotificationFeed feed, RealtimeMetrics metrics) : Hub<INotificationsClient>
{
    public const string Path = "/hubs/notifications";
    public const string AllGroup = "all";
    public const int MaxReplay = 1000;

    public static string ChatGroup(long chatId) => $"chat:{chatId}";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(Context.User!));
        metrics.Connected();
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.Disconnected();
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>What the caller may see with an id above <paramref name="afterId"/>: at most 1000, oldest first.</summary>
    public Task<IReadOnlyList<MailNotification>> GetNotificationsSince(long afterId)
    {
        var user = Context.User!;
        return feed.GetSinceAsync(Math.Max(0, afterId), MaxReplay, user.IsWhitelisted() ? null : user.ChatId(), Context.ConnectionAborted);
    }

    private static string GroupOf(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsWhitelisted() ? AllGroup : ChatGroup(user.ChatId() ?? throw new HubException("No subscription scope."));
}
