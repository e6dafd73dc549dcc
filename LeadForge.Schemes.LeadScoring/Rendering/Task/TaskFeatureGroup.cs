namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>
/// A group of task features declared together with their computation: the constructor declares the
/// group's columns into the task table, <see cref="Fill"/> computes them for one row (sharing one pass
/// over the lead's events between the group's features). Safe to call from many threads for distinct rows.
/// Fill runs once per row, so implementations are compiled fully optimised at once
/// (<c>MethodImplOptions.AggressiveOptimization</c>) instead of starting in the unoptimised tier.
/// </summary>
internal abstract class TaskFeatureGroup
{
    /// <summary>Computes the group's features of one lead and writes them into row <paramref name="j"/>.</summary>
    /// <param name="row">What the row is computed from.</param>
    /// <param name="j">The row of the split's table.</param>
    public abstract void Fill(in TaskRow row, int j);
}
