using LeadForge.Schemes.LeadScoring;

namespace LeadForge;

/// <summary>Typed population shortcuts for the lead-scoring scheme's entities.</summary>
public static class LeadScoringGeneratorExtensions
{
    /// <summary>
    /// Sets the number of leads, the scheme's driver: accounts and contacts not set anywhere follow it in
    /// the recipe's proportions (1,500 accounts and 4,200 contacts per 5,000 leads in the default recipe).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="leads">Number of leads.</param>
    /// <returns>The builder.</returns>
    public static GeneratorBuilder WithLeads(this GeneratorBuilder builder, int leads) => Required(builder).WithCount(LeadScoringEntities.Leads, leads);

    /// <summary>Sets the number of accounts (companies).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="accounts">Number of accounts.</param>
    /// <returns>The builder.</returns>
    public static GeneratorBuilder WithAccounts(this GeneratorBuilder builder, int accounts) => Required(builder).WithCount(LeadScoringEntities.Accounts, accounts);

    /// <summary>Sets the number of contacts (people at accounts).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="contacts">Number of contacts.</param>
    /// <returns>The builder.</returns>
    public static GeneratorBuilder WithContacts(this GeneratorBuilder builder, int contacts) => Required(builder).WithCount(LeadScoringEntities.Contacts, contacts);

    private static GeneratorBuilder Required(GeneratorBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }
}
