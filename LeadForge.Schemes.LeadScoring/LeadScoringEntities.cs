namespace LeadForge.Schemes.LeadScoring;

/// <summary>The entities the lead-scoring scheme counts in its population; leads drive the others.</summary>
internal static class LeadScoringEntities
{
    /// <summary>The population key of accounts.</summary>
    public const string Accounts = "accounts";

    /// <summary>The population key of contacts.</summary>
    public const string Contacts = "contacts";

    /// <summary>The population key of leads.</summary>
    public const string Leads = "leads";

    /// <summary>Accounts, contacts and leads, in the recipe's order.</summary>
    public static readonly IReadOnlyList<EntityDefinition> All =
    [
        new(Accounts, EntityPrefixes.Account, "A buying organisation (company) in the market."),
        new(Contacts, EntityPrefixes.Contact, "A person at an account."),
        new(Leads, EntityPrefixes.Lead, "A sales lead: a contact's expressed interest, worked through the funnel.") { IsDriver = true },
    ];
}
