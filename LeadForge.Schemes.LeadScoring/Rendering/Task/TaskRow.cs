using LeadForge.Schemes.LeadScoring.Planning;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Schemes.LeadScoring.World;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>What one task row is computed from: the lead, its account and contact, its history, its anchor and label.</summary>
internal readonly ref struct TaskRow
{
    public TaskRow(PopulationPlan plan, HiddenWorld world, int lead, LeadHistory history, DateTime created, Moment anchor, bool label)
    {
        Plan = plan;
        World = world;
        Lead = lead;
        Account = plan.LeadAccount[lead];
        Contact = plan.LeadContact[lead];
        History = history;
        Created = created;
        Anchor = anchor;
        Label = label;
    }

    /// <summary>The population plan.</summary>
    public PopulationPlan Plan { get; }

    /// <summary>The hidden world.</summary>
    public HiddenWorld World { get; }

    /// <summary>The lead (0-based).</summary>
    public int Lead { get; }

    /// <summary>The lead's account (0-based).</summary>
    public int Account { get; }

    /// <summary>The lead's contact (0-based).</summary>
    public int Contact { get; }

    /// <summary>The lead's simulated history.</summary>
    public LeadHistory History { get; }

    /// <summary>The lead's creation time.</summary>
    public DateTime Created { get; }

    /// <summary>The anchor, relative to creation: features use events strictly before it.</summary>
    public Moment Anchor { get; }

    /// <summary>The label.</summary>
    public bool Label { get; }
}
