using System.Diagnostics;
using System.Globalization;
using System.Text;
using MailKit.Net.Imap;
using MailKit.Security;

namespace ImapConcentrator.Benchmarks;

/// <summary>
/// A throwaway Dovecot 2.3 on a free loopback port, running as root like the test fixture (DESIGN.md section 6),
/// sized for thousands of connections: IDLE hibernation, high process/client limits, RLIMIT_NOFILE 65536,
/// and every user with its own uid (Linux allows 128 inotify instances per uid).
/// </summary>
internal sealed class BenchDovecot : IAsyncDisposable
{
    public const int FirstUid = 30000;
    private readonly string dir;
    private readonly string config;
    private readonly List<(string User, string Password, int Uid)> users = [];
    private Process? process;

    private BenchDovecot(string dir, int port)
    {
        this.dir = dir;
        Port = port;
        config = Path.Combine(dir, "dovecot.conf");
    }

    public int Port { get; }
    public string Host => "127.0.0.1";
    public string LogPath => Path.Combine(dir, "dovecot.log");

    public static async Task<BenchDovecot> StartAsync(string parent, IReadOnlyList<(string User, string Password)> accounts, CancellationToken cancellationToken)
    {
        Os.Require("/usr/sbin/dovecot", "dovecot-imapd");
        var dir = Path.Combine(parent, "dovecot");
        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, (UnixFileMode)0x1ED);
        var server = new BenchDovecot(dir, Os.FreePort());
        server.CreateUsers(accounts);
        await server.WriteConfigAsync(accounts.Count);
        await server.StartProcessAsync(cancellationToken);
        return server;
    }

    private void CreateUsers(IReadOnlyList<(string User, string Password)> accounts)
    {
        var mail = Path.Combine(dir, "mail");
        Directory.CreateDirectory(mail);
        File.SetUnixFileMode(mail, (UnixFileMode)0x1ED);
        var passwd = new StringBuilder();
        for (var i = 0; i < accounts.Count; i++)
        {
            var (user, password) = accounts[i];
            var uid = FirstUid + i;
            users.Add((user, password, uid));
            var home = Path.Combine(mail, user);
            Directory.CreateDirectory(home);
            Os.Chown(home, uid, uid);
            passwd.Append(CultureInfo.InvariantCulture, $"{user}:{{PLAIN}}{password}:{uid}:{uid}::{home}::\n");
        }

        File.WriteAllText(Path.Combine(dir, "passwd"), passwd.ToString());
    }

    private Task WriteConfigAsync(int userCount)
    {
        Directory.CreateDirectory(Path.Combine(dir, "run"));
        Directory.CreateDirectory(Path.Combine(dir, "state"));
        var processes = Math.Max(1000, (userCount * 2) + 200);
        var clients = Math.Max(4000, (userCount * 3) + 200);
        return File.WriteAllTextAsync(config, $$"""
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
            default_process_limit = {{processes}}
            default_client_limit = {{clients}}
            default_vsz_limit = 1G
            imap_hibernate_timeout = 5s
            verbose_proctitle = yes
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
              service_count = 0
              client_limit = {{clients}}
              process_min_avail = 2
            }
            service imap {
              process_limit = {{processes}}
              extra_groups = $default_internal_group
              # imap-hibernate runs as the internal user and hands connections back through imap-master.
              unix_listener imap-master {
                user = $default_internal_user
              }
            }
            service imap-hibernate {
              client_limit = {{clients}}
              unix_listener imap-hibernate {
                mode = 0660
                group = $default_internal_group
              }
            }
            service anvil {
              chroot =
              client_limit = {{clients + processes}}
            }
            service auth {
              client_limit = {{clients + processes}}
            }
            service log {
              client_limit = {{clients + processes}}
            }
            service stats {
              client_limit = {{clients + processes}}
            }
            protocol imap {
              mail_max_userip_connections = 1000
            }
            """);
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        // RLIMIT_NOFILE as high as allowed, up to 65536 (without CAP_SYS_RESOURCE the hard limit caps it).
        start.ArgumentList.Add("h=$(ulimit -Hn); if [ \"$h\" = unlimited ] || [ \"$h\" -gt 65536 ]; then h=65536; fi; ulimit -n \"$h\" && exec /usr/sbin/dovecot -F -c \"$0\"");
        start.ArgumentList.Add(config);
        process = Process.Start(start) ?? throw new SetupException("Cannot start dovecot");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await Os.WaitForPortAsync(Port, TimeSpan.FromSeconds(20), () =>
        {
            lock (stderr)
            {
                return $"{stderr} {(File.Exists(LogPath) ? File.ReadAllText(LogPath) : "no log")}";
            }
        }, cancellationToken);
    }

    public async Task<ImapClient> ConnectAsync(string user, string password, CancellationToken cancellationToken)
    {
        var client = new ImapClient();
        try
        {
            await client.ConnectAsync(Host, Port, SecureSocketOptions.None, cancellationToken);
            await client.AuthenticateAsync(user, password, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Error, fatal and panic lines (and warnings about limits) from Dovecot's log.</summary>
    public IReadOnlyList<string> Problems()
    {
        if (!File.Exists(LogPath))
        {
            return [];
        }

        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Contains("Error:", StringComparison.Ordinal) || line.Contains("Fatal:", StringComparison.Ordinal)
                || line.Contains("Panic:", StringComparison.Ordinal) || line.Contains("Warning:", StringComparison.Ordinal))
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    public ValueTask DisposeAsync()
    {
        Os.KillTree(process);
        process?.Dispose();
        process = null;
        return ValueTask.CompletedTask;
    }
}
