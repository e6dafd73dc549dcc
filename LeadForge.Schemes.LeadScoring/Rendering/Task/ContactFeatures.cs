using System.Runtime.CompilerServices;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>The contact's persona and attributes (static).</summary>
internal sealed class ContactFeatures : TaskFeatureGroup
{
    private readonly CodeSlot _roleFunction, _seniority, _buyerRole, _emailDomainType;

    public ContactFeatures(TaskTable t, TaskShape shape)
    {
        var s = shape.Settings;
        var about = TaskTable.Static("contact", "contacts");
        _roleFunction = t.DeclareCode("role_function", "Persona role.", about, Categories.Of(s.Narrative.Personas, p => p.Role));
        _seniority = t.DeclareCode("seniority", "Seniority.", about, Categories.Of(s.Contacts.SeniorityLevels));
        _buyerRole = t.DeclareCode("buyer_role", "Buying role.", about, Categories.Of(s.Narrative.Personas, p => p.DecisionAuthority));
        _emailDomainType = t.DeclareCode("email_domain_type", "Email domain type.", about, Categories.Of(s.Contacts.EmailDomainTypes));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Fill(in TaskRow row, int j)
    {
        var c = row.Contact;
        var persona = row.Plan.ContactPersona[c];
        _roleFunction.Set(j, _roleFunction.Categories.CodeOf[persona]);
        _seniority.Set(j, _seniority.Categories.CodeOf[row.World.ContactSeniority[c]]);
        _buyerRole.Set(j, _buyerRole.Categories.CodeOf[persona]);
        _emailDomainType.Set(j, _emailDomainType.Categories.CodeOf[row.Plan.ContactEmailType[c]]);
    }
}
