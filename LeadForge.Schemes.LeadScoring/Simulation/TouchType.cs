namespace LeadForge.Schemes.LeadScoring.Simulation;

/// <summary>
/// The type of a marketing or SDR touch; its wire name is the <c>touch_type</c> value. The first three
/// are outbound (the company reaches out), the last three inbound (the lead comes in), see
/// <see cref="TouchTypes"/>.
/// </summary>
internal enum TouchType : byte
{
    /// <summary>An outbound email.</summary>
    Email,

    /// <summary>An outbound call.</summary>
    Call,

    /// <summary>An outbound LinkedIn message.</summary>
    LinkedinMessage,

    /// <summary>An inbound content download.</summary>
    ContentDownload,

    /// <summary>An inbound webinar attendance.</summary>
    Webinar,

    /// <summary>An inbound form fill.</summary>
    FormFill,
}
