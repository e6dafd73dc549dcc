using LeadForge.WorldModel;

namespace LeadForge.Tests.TestSupport;

/// <summary>The tiny plan: accounts and the account of each lead.</summary>
public sealed record TinyPlan(int AccountCount, int[] AccountOfLead);

/// <summary>The tiny hidden world: its graph and account sizes.</summary>
public sealed record TinyWorld(WorldGraph Graph, int[] Sizes);

/// <summary>The tiny simulation: per-lead channel, creation day, score and outcome.</summary>
public sealed record TinySimulation(int[] Channel, int[] Day, double?[] Score, bool[] Converted);
