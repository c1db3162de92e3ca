using ChatOpsBot.Diagnostics.Keys;
using ChatOpsBot.Diagnostics.Redaction;

namespace ChatOpsBot.Diagnostics.Engine;

/// <summary>
/// A key taken in for a diagnosis: inspected once against the provider it is meant for, and registered with the
/// scrubber once (as received and as usable) until disposed. <see cref="Request"/> carries the inspection, so the
/// engine neither inspects nor registers the key again. Dispose after the last text that could echo the key is out.
/// </summary>
public sealed class KeyAdmission : IDisposable
{
    private readonly IDisposable _registration;

    private KeyAdmission(DiagnosisRequest request, IDisposable registration)
    {
        Request = request;
        _registration = registration;
    }

    /// <summary>The request with its <see cref="DiagnosisRequest.Inspection"/> set.</summary>
    public DiagnosisRequest Request { get; }

    /// <summary>The key check's verdict.</summary>
    public KeyInspection Inspection => Request.Inspection!;

    /// <summary>Inspects and registers <paramref name="request"/>'s key.</summary>
    /// <param name="request">What to diagnose, with the key as received.</param>
    /// <param name="scrubber">The scrubber on every outbound path.</param>
    /// <param name="known">What intake already found the key to be, when it looked (<see cref="KeyShapes.Match"/>).</param>
    public static KeyAdmission Admit(DiagnosisRequest request, SecretScrubber scrubber, KeyShapeMatch? known = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(scrubber);
        var inspection = request.Inspection
            ?? KeyInspector.Inspect(request.Key, request.Provider, request.KeySource, request.KeyOrigin, known);
        var registration = scrubber.Register(request.Key, inspection);
        return new(request with { Inspection = inspection }, registration);
    }

    public void Dispose() => _registration.Dispose();
}
