namespace ImapConcentrator.Modules.Mail.Checking;

internal enum CheckResult { Ok, Failed, Paused, Gone }

/// <summary>What a check found: <see cref="Failures"/> counts consecutive failures for the backoff.</summary>
internal sealed record CheckOutcome(CheckResult Result, int Failures = 0);
