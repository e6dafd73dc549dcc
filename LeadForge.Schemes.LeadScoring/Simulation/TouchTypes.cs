namespace LeadForge.Schemes.LeadScoring.Simulation;

/// <summary>Which touch types each direction draws from (uniformly, in this order).</summary>
internal static class TouchTypes
{
    /// <summary>The types of an outbound touch.</summary>
    public static readonly TouchType[] Outbound = [TouchType.Email, TouchType.Call, TouchType.LinkedinMessage];

    /// <summary>The types of an inbound touch.</summary>
    public static readonly TouchType[] Inbound = [TouchType.ContentDownload, TouchType.Webinar, TouchType.FormFill];

    /// <summary>The originating touch at a lead's creation: a content download for an inbound channel, else an email.</summary>
    public static TouchType Originating(bool inboundChannel) => inboundChannel ? TouchType.ContentDownload : TouchType.Email;
}
