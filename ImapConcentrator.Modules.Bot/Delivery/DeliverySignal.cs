namespace ImapConcentrator.Modules.Bot.Delivery;

/// <summary>Wakes the delivery loop without blocking the caller; many wakes before it runs count as one.</summary>
internal sealed class DeliverySignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Wake()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // already awake
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => signal.Dispose();
}
