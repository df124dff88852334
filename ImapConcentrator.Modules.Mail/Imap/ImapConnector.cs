using System.Net;
using System.Net.Sockets;
using ImapConcentrator.Modules.Mail.Contracts;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace ImapConcentrator.Modules.Mail.Imap;

internal sealed record ImapEndpoint(string Host, int Port, MailboxSecurity Security, string Username);

/// <summary>
/// Opens an authenticated IMAP connection. The host is resolved once and vetted here, and the socket is
/// opened to the vetted address, so a DNS answer that changes between check and connect cannot reach
/// an internal address. Certificates are validated by MailKit's defaults.
/// </summary>
internal sealed class ImapConnector(IOptionsMonitor<MailOptions> options) : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // At most this many connections are being opened at once (start-up with many mailboxes, reconnect storms).
    private readonly SemaphoreSlim opening = new(16, 16);

    public void Dispose() => opening.Dispose();

    public async Task<ImapClient> ConnectAsync(ImapEndpoint endpoint, string password, CancellationToken cancellationToken)
    {
        var mail = options.CurrentValue;
        if (endpoint.Security == MailboxSecurity.None && !mail.AllowPlaintext)
        {
            throw new HostRefusedException("Plaintext IMAP is not allowed here (Mail:AllowPlaintext); use Tls or StartTls.");
        }

        var address = await ResolveAsync(endpoint.Host, mail.AllowPrivateHosts, cancellationToken);
        await opening.WaitAsync(cancellationToken);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var client = new ImapClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            // Keepalive notices a peer that vanished without a FIN (an idle IMAP connection sends nothing for minutes).
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 60);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 15);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 4);
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(Timeout);
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), connectTimeout.Token);
            }

            await client.ConnectAsync(socket, endpoint.Host, endpoint.Port, ToSocketOptions(endpoint.Security), cancellationToken);
            await client.AuthenticateAsync(endpoint.Username, password, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            socket.Dispose();
            throw;
        }
        finally
        {
            opening.Release();
        }
    }

    private static async Task<IPAddress> ResolveAsync(string host, bool allowPrivate, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException ex)
        {
            throw new ImapConnectException($"Cannot resolve host '{host}': {ex.Message}", ex);
        }

        if (addresses.Length == 0)
        {
            throw new ImapConnectException($"Host '{host}' has no address.", null);
        }

        // Every address must be allowed: otherwise a name with one public and one internal address could pick the internal one.
        if (!allowPrivate && addresses.Any(HostPolicy.IsInternal))
        {
            throw new HostRefusedException($"Host '{host}' resolves to an internal address; mailboxes must be on public servers.");
        }

        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses[0];
    }

    private static SecureSocketOptions ToSocketOptions(MailboxSecurity security) => security switch
    {
        MailboxSecurity.Tls => SecureSocketOptions.SslOnConnect,
        MailboxSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };
}

internal sealed class ImapConnectException(string message, Exception? inner) : Exception(message, inner);
