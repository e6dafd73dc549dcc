using System.Runtime.InteropServices;

namespace LeadForge.Cli.CommandLine;

/// <summary>
/// Turns SIGINT (Ctrl+C), SIGTERM and SIGQUIT into cancellation from the process's first instruction:
/// the command sees the token cancelled and stops (a save in progress leaves nothing at the output
/// path); if it cannot stop — it is blocked in the operating system, e.g. opening a FIFO given as the
/// recipe — the process exits anyway after a grace period. Either way the exit code is 128 + the
/// signal number (130 for SIGINT, 143 for SIGTERM, 131 for SIGQUIT).
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    /// <summary>How long a command may take to stop after a signal before the process exits regardless.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration[] _registrations;
    private readonly Action<int> _exit;
    private int _signal;

    /// <summary>Registers the handlers; <paramref name="exit"/> ends the process when the grace period runs out.</summary>
    public TerminationSignals(Action<int> exit)
    {
        _exit = exit;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal),
        ];
    }

    /// <summary>Cancelled when a termination signal arrives.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>The exit code for the signal received (128 + its number), or <see langword="null"/> if none arrived.</summary>
    public int? ExitCode => Volatile.Read(ref _signal) is var s and not 0 ? 128 + s : null;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Keep the process alive so the command can stop cleanly; a second signal does not wait again.
        context.Cancel = true;
        var number = context.Signal switch
        {
            PosixSignal.SIGINT => 2,
            PosixSignal.SIGQUIT => 3,
            _ => 15,
        };
        if (Interlocked.CompareExchange(ref _signal, number, 0) != 0)
        {
            _exit(128 + _signal);
            return;
        }

        _cancel.Cancel();
        _ = Task.Delay(GracePeriod).ContinueWith(_ => _exit(128 + number), TaskScheduler.Default);
    }
}
