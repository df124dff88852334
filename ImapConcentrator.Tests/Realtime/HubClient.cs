using System.Collections.Concurrent;
using ImapConcentrator.Modules.Mail.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace ImapConcentrator.Tests.Realtime;

/// <summary>A .NET SignalR client over a real WebSocket, recording every NewMail.</summary>
internal sealed class HubClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<MailNotification> received = new();

    private HubClient(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }

    public List<MailNotification> Received => received.ToList();

    public static async Task<HubClient> ConnectAsync(Uri baseAddress, string? token, Func<MailNotification, Task>? onNewMail = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/notifications"), o =>
            {
                if (token is not null)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
            })
            .Build();
        var client = new HubClient(connection);
        connection.On<MailNotification>("NewMail", async n =>
        {
            client.received.Enqueue(n);
            if (onNewMail is not null)
            {
                await onNewMail(n);
            }
        });
        await connection.StartAsync();
        return client;
    }

    public Task<List<MailNotification>> SinceAsync(long afterId) =>
        Connection.InvokeAsync<List<MailNotification>>("GetNotificationsSince", afterId);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
