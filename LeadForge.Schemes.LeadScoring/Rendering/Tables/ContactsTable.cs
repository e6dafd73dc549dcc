using LeadForge.Calendar;
using LeadForge.Identifiers;
using LeadForge.Schemes.LeadScoring.Planning;
using LeadForge.Schemes.LeadScoring.World;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>The <c>contacts</c> table: one row per person at an account of the shard.</summary>
internal sealed class ContactsTable : TableDefinition
{
    private readonly IReadOnlyList<PersonaSettings> _personas;
    private readonly PopulationPlan _plan;
    private readonly HiddenWorld _world;
    private readonly WorldCalendar _calendar;

    public ContactsTable(LeadScoringSettings settings, PopulationPlan plan, HiddenWorld world, WorldCalendar calendar)
        : base("contacts", "One row per person at an account.")
    {
        _personas = settings.Narrative.Personas;
        _plan = plan;
        _world = world;
        _calendar = calendar;
        ContactId = Key("contact_id", "Contact id.", EntityPrefixes.Contact, plan.ContactCount);
        AccountId = Id("account_id", "The contact's account.", EntityPrefixes.Account, plan.AccountCount, references: "accounts");
        JobTitle = Text("job_title", "Job title.");
        RoleFunction = Code("role_function", "Persona role.", Categories.Of(_personas, p => p.Role));
        Seniority = Code("seniority", "Seniority level.", Categories.Of(settings.Contacts.SeniorityLevels));
        BuyerRole = Code("buyer_role", "Buying-committee role.", Categories.Of(_personas, p => p.DecisionAuthority));
        EmailDomainType = Code("email_domain_type", "Email domain type.", Categories.Of(settings.Contacts.EmailDomainTypes));
        CreatedAt = Value<DateTime>("created_at", "When the contact entered the CRM.");
    }

    public IdSlot ContactId { get; }

    public IdSlot AccountId { get; }

    public TextSlot JobTitle { get; }

    public CodeSlot RoleFunction { get; }

    public CodeSlot Seniority { get; }

    public CodeSlot BuyerRole { get; }

    public CodeSlot EmailDomainType { get; }

    public ValueSlot<DateTime> CreatedAt { get; }

    /// <summary>Renders the shard's contacts in parallel chunks.</summary>
    public Table Render(Action<int, Action<int>> parallelFor)
    {
        var contacts = _plan.ShardContacts;
        Allocate(contacts.Length);
        Chunks.Run(parallelFor, contacts.Length, (from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                var c = contacts[i];
                var p = _plan.ContactPersona[c];
                ContactId.Set(i, c + 1);
                AccountId.Set(i, _plan.ContactAccount[c] + 1);
                JobTitle.Set(i, _personas[p].TitleVariants[_plan.ContactTitle[c]]);
                RoleFunction.Set(i, RoleFunction.Categories.CodeOf[p]);
                Seniority.Set(i, Seniority.Categories.CodeOf[_world.ContactSeniority[c]]);
                BuyerRole.Set(i, BuyerRole.Categories.CodeOf[p]);
                EmailDomainType.Set(i, EmailDomainType.Categories.CodeOf[_plan.ContactEmailType[c]]);
                CreatedAt[i] = _calendar.At(_plan.ContactCreatedDay[c], 10 * 3600);
            }
        });
        return Build(parallelFor);
    }
}
