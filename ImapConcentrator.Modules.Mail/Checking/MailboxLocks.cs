using System.Collections.Concurrent;

namespace ImapConcentrator.Modules.Mail.Checking;

/// <summary>One check, refetch or credentials change of a mailbox at a time (its connection is not shareable).</summary>
internal sealed class MailboxLocks
{
    private readonly ConcurrentDictionary<long, SemaphoreSlim> locks = new();

    public async Task<IDisposable> AcquireAsync(long mailboxId, CancellationToken cancellationToken)
    {
        var gate = locks.GetOrAdd(mailboxId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
