namespace LeadForge.Schemes.LeadScoring.Simulation;

/// <summary>The type of a web session (the page it centres on); its wire name is the <c>session_type</c> value.</summary>
internal enum SessionType : byte
{
    /// <summary>General website browsing.</summary>
    Website,

    /// <summary>A session on the pricing page.</summary>
    PricingPage,

    /// <summary>A session on the demo page.</summary>
    DemoPage,
}
