namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>
/// Which phase a provider's diagnosis is in right now ("dns", "connect", "tls", "auth probe"...), so that a deadline
/// can say what it cut short. Written by the running stage, read by the engine when the deadline fires.
/// </summary>
public sealed class PhaseTracker
{
    private volatile string _phase = "start";
    private volatile int _stage;

    public string Phase => _phase;

    public DiagnosticStage Stage => (DiagnosticStage)_stage;

    public void Enter(DiagnosticStage stage, string phase)
    {
        _stage = (int)stage;
        _phase = phase;
    }
}
