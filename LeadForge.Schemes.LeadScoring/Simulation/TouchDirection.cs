namespace LeadForge.Schemes.LeadScoring.Simulation;

/// <summary>The direction of a touch; its wire name is the <c>touch_direction</c> value.</summary>
internal enum TouchDirection : byte
{
    /// <summary>The lead came in.</summary>
    Inbound,

    /// <summary>The company reached out.</summary>
    Outbound,
}
