namespace LeadForge;

/// <summary>Difficulty tier of a world. Written to files as <c>intro</c>, <c>intermediate</c>, <c>advanced</c>.</summary>
public enum Difficulty
{
    /// <summary>Clean signal, little noise, high conversion. Written as <c>intro</c>.</summary>
    Intro,

    /// <summary>Realistic signal-to-noise; the default benchmark. Written as <c>intermediate</c>.</summary>
    Intermediate,

    /// <summary>Weak signal, heavy noise and missingness, rare conversion. Written as <c>advanced</c>.</summary>
    Advanced,
}
