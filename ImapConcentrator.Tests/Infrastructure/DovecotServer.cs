using System.Diagnostics;
using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace ImapConcentrator.Tests.Infrastructure;

/// <summary>
/// A throwaway Dovecot on a free loopback port, running as root the way DESIGN.md section 6 says:
/// plaintext IMAP, users in a passwd file, maildirs in a temp folder, each user with its own uid.
/// </summary>
public sealed class DovecotServer : IAsyncDisposable
{
    private static int nextUid = 20000;
    private readonly string dir;
    private readonly string config;
    private readonly Dictionary<string, (string Password, int Uid)> users = [];
    private Process? process;

    private DovecotServer(string dir, int port)
    {
        this.dir = dir;
        Port = port;
        config = Path.Combine(dir, "dovecot.conf");
    }

    public int Port { get; }
    public string Host => "127.0.0.1";
    public string LogPath => Path.Combine(dir, "dovecot.log");

    /// <param name="withoutIdle">Advertise no IDLE capability (a server that can only be polled).</param>
    public static async Task<DovecotServer> StartAsync(bool withoutIdle = false)
    {
        Processes.Require("/usr/sbin/dovecot", "dovecot-imapd");
        var server = new DovecotServer(Processes.OpenTempDirectory("dovecot-"), Processes.FreePort());
        await server.WriteConfigAsync(100, withoutIdle);
        await server.StartAgainAsync();
        return server;
    }

    private async Task WriteConfigAsync(int maxConnections, bool withoutIdle)
    {
        Directory.CreateDirectory(Path.Combine(dir, "run"));
        Directory.CreateDirectory(Path.Combine(dir, "state"));
        Directory.CreateDirectory(Path.Combine(dir, "mail"));
        await File.WriteAllTextAsync(Path.Combine(dir, "passwd"), string.Empty);
        await File.WriteAllTextAsync(config, $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{dir}}/run
            state_dir = {{dir}}/state
            log_path = {{dir}}/dovecot.log
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            default_login_user = dovenull
            default_internal_user = dovecot
            first_valid_uid = 1
            mail_location = maildir:{{dir}}/mail/%u
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{dir}}/passwd
            }
            userdb {
              driver = passwd-file
              args = username_format=%u {{dir}}/passwd
            }
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
              process_min_avail = 1
            }
            service anvil {
              chroot =
            }
            protocol imap {
              mail_max_userip_connections = {{maxConnections}}
            }
            {{(withoutIdle ? "imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ NAMESPACE UIDPLUS CHILDREN UNSELECT" : "")}}
            """);
    }

    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo("/usr/sbin/dovecot") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-F", "-c", config })
        {
            start.ArgumentList.Add(arg);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start dovecot");
        await Processes.WaitForPortAsync(Port, TimeSpan.FromSeconds(15), () => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "no log");
    }

    /// <summary>Kills Dovecot and every process of it: open connections drop.</summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process = null;
        var pidFile = Path.Combine(dir, "run", "master.pid");
        if (File.Exists(pidFile))
        {
            File.Delete(pidFile);
        }
    }

    /// <summary>Adds a user with its own uid (Linux allows 128 inotify instances per uid) and an empty INBOX.</summary>
    public async Task AddUserAsync(string user, string password)
    {
        var uid = Interlocked.Increment(ref nextUid);
        users[user] = (password, uid);
        await WritePasswdAsync();
        var home = Path.Combine(dir, "mail", user);
        Directory.CreateDirectory(home);
        await Processes.RunAsync("chown", $"{uid}:{uid}", home);
    }

    public Task SetPasswordAsync(string user, string password)
    {
        users[user] = (password, users[user].Uid);
        return WritePasswdAsync();
    }

    private Task WritePasswdAsync()
    {
        var lines = users.Select(u => string.Create(CultureInfo.InvariantCulture,
            $"{u.Key}:{{PLAIN}}{u.Value.Password}:{u.Value.Uid}:{u.Value.Uid}::{dir}/mail/{u.Key}::"));
        return File.WriteAllLinesAsync(Path.Combine(dir, "passwd"), lines);
    }

    public async Task<ImapClient> ConnectAsync(string user)
    {
        var client = new ImapClient();
        await client.ConnectAsync(Host, Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, users[user].Password);
        return client;
    }

    public static MimeMessage Message(string subject, string body = "Hello", string from = "Alice Example <alice@example.com>")
    {
        var message = new MimeMessage { Subject = subject, Date = DateTimeOffset.UtcNow };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("bob@example.com"));
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("test.example");
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    /// <summary>APPENDs the messages to the user's folder; returns their UIDs.</summary>
    public async Task<IReadOnlyList<uint>> AppendAsync(string user, IEnumerable<MimeMessage> messages, string folder = "INBOX")
    {
        using var client = await ConnectAsync(user);
        var target = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder);
        var uids = new List<uint>();
        foreach (var message in messages)
        {
            var uid = await target.AppendAsync(message, MessageFlags.None);
            uids.Add(uid?.Id ?? 0);
        }

        await client.DisconnectAsync(true);
        return uids;
    }

    public Task<IReadOnlyList<uint>> AppendAsync(string user, params MimeMessage[] messages) => AppendAsync(user, messages.AsEnumerable());

    /// <summary>Drops a message straight into the user's maildir, as a delivery agent would (works while IMAP is down).</summary>
    public async Task DeliverToMaildirAsync(string user, MimeMessage message)
    {
        var maildir = Path.Combine(dir, "mail", user);
        var name = $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Guid.NewGuid():N}.test";
        var temp = Path.Combine(maildir, "tmp", name);
        Directory.CreateDirectory(Path.Combine(maildir, "tmp"));
        Directory.CreateDirectory(Path.Combine(maildir, "new"));
        await message.WriteToAsync(temp);
        File.Move(temp, Path.Combine(maildir, "new", name));
        var uid = users[user].Uid.ToString(CultureInfo.InvariantCulture);
        await Processes.RunAsync("chown", "-R", $"{uid}:{uid}", maildir);
    }

    /// <summary>Flags every message \Deleted and EXPUNGEs.</summary>
    public async Task DeleteAllAsync(string user)
    {
        using var client = await ConnectAsync(user);
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var all = await client.Inbox.SearchAsync(SearchQuery.All);
        await client.Inbox.AddFlagsAsync(all, MessageFlags.Deleted, silent: true);
        await client.Inbox.ExpungeAsync();
        await client.DisconnectAsync(true);
    }

    public async Task<uint> UidValidityAsync(string user)
    {
        using var client = await ConnectAsync(user);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var validity = client.Inbox.UidValidity;
        await client.DisconnectAsync(true);
        return validity;
    }

    /// <summary>Whether any message in the user's INBOX has \Seen.</summary>
    public async Task<bool> AnySeenAsync(string user)
    {
        using var client = await ConnectAsync(user);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var seen = await client.Inbox.SearchAsync(SearchQuery.Seen);
        await client.DisconnectAsync(true);
        return seen.Count > 0;
    }

    public Task ChangeUidValidityAsync(string user, uint validity) =>
        Processes.RunAsync("/usr/bin/doveadm", "-c", config, "mailbox", "update", "-u", user,
            "--uid-validity", validity.ToString(CultureInfo.InvariantCulture), "INBOX");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
