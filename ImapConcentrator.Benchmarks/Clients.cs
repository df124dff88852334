using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ImapConcentrator.Benchmarks;

/// <summary>The fields of a NewMail notification the benchmark looks at.</summary>
internal sealed record Notification(long Id, long MailboxId, long UidValidity, long Uid, string Subject);

internal sealed record Received(Notification Notification, long At);

/// <summary>A SignalR .NET client over WebSockets with the whitelist key, recording every NewMail with its receive time.</summary>
internal sealed class BenchClient : IAsyncDisposable
{
    private readonly HubConnection connection;

    private BenchClient(HubConnection connection) => this.connection = connection;

    public ConcurrentQueue<Received> Received { get; } = new();

    public static async Task<BenchClient> ConnectAsync(Uri baseAddress, string key, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/notifications"), HttpTransportType.WebSockets, o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(key);
                o.SkipNegotiation = false;
            })
            .Build();
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        var client = new BenchClient(connection);
        connection.On<Notification>("NewMail", n => client.Received.Enqueue(new Received(n, Stopwatch.GetTimestamp())));
        connection.Closed += ex =>
        {
            if (!client.disposing)
            {
                Console.Error.WriteLine($"a SignalR client was disconnected: {ex?.Message ?? "closed"}");
            }

            return Task.CompletedTask;
        };
        await connection.StartAsync(cancellationToken);
        return client;
    }

    private bool disposing;

    public ValueTask DisposeAsync()
    {
        disposing = true;
        return connection.DisposeAsync();
    }
}
