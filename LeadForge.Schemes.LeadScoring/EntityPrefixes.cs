namespace LeadForge.Schemes.LeadScoring;

/// <summary>The id prefixes of the lead-scoring scheme's entities and event rows.</summary>
internal static class EntityPrefixes
{
    /// <summary>Accounts: <c>acct</c>.</summary>
    public const string Account = "acct";

    /// <summary>Contacts: <c>cnt</c>.</summary>
    public const string Contact = "cnt";

    /// <summary>Leads: <c>lead</c>.</summary>
    public const string Lead = "lead";

    /// <summary>Marketing and SDR touches: <c>touch</c>.</summary>
    public const string Touch = "touch";

    /// <summary>Web sessions: <c>sess</c>.</summary>
    public const string Session = "sess";

    /// <summary>Sales activities: <c>act</c>.</summary>
    public const string Activity = "act";

    /// <summary>Opportunities: <c>opp</c>.</summary>
    public const string Opportunity = "opp";

    /// <summary>Customers: <c>cust</c>.</summary>
    public const string Customer = "cust";

    /// <summary>Subscriptions: <c>sub</c>.</summary>
    public const string Subscription = "sub";

    /// <summary>Sales reps: <c>rep</c>.</summary>
    public const string Rep = "rep";

    /// <summary>Stage transitions: <c>stg</c>.</summary>
    public const string StageEvent = "stg";

    /// <summary>Attribution rows: <c>attr</c>.</summary>
    public const string Attribution = "attr";

    /// <summary>Task rows: <c>row</c>.</summary>
    public const string TaskRow = "row";
}
