using System.ComponentModel.DataAnnotations;
using LeadForge.Configuration;

namespace LeadForge.Schemes.LeadScoring;

/// <summary>The typed recipe settings of the lead-scoring scheme (every number that shapes the world).</summary>
[ConfigMovedKey("snapshot_day", "it moved to tasks.converted_within_90_days.snapshot_day")]
[ConfigMovedKey("label_window_days", "it moved to tasks.converted_within_90_days.label_window_days")]
[ConfigMovedKey("split", "it moved to tasks.converted_within_90_days.split")]
public sealed class LeadScoringSettings : WorldSettings, IValidatableSettings
{
    /// <summary>The company, product, market, personas, channels and funnel stages.</summary>
    public NarrativeSettings Narrative { get; init; } = new();

    /// <summary>Account firmographics and segments.</summary>
    public AccountSettings Accounts { get; init; } = new();

    /// <summary>Contact attributes.</summary>
    public ContactSettings Contacts { get; init; } = new();

    /// <summary>When leads arrive: window, trend, seasonality, vintage drift.</summary>
    public ArrivalSettings Arrival { get; init; } = new();

    /// <summary>The sales team.</summary>
    public RepSettings Reps { get; init; } = new();

    /// <summary>The funnel's stage hazards.</summary>
    public FunnelSettings Funnel { get; init; } = new();

    /// <summary>Event intensities (touches, sessions, activities).</summary>
    public EventSettings Events { get; init; } = new();

    /// <summary>How observable columns measure hidden nodes.</summary>
    public MeasurementSettings Measurement { get; init; } = new();

    /// <summary>The difficulty tiers.</summary>
    public DifficultyProfiles DifficultyProfiles { get; init; } = new();

    /// <summary>The motif families (graph skeletons with weight priors), by name.</summary>
    public IReadOnlyDictionary<string, MotifFamilySettings> MotifFamilies { get; init; } = new OrderedDictionary<string, MotifFamilySettings>();

    /// <summary>Pins the motif family instead of drawing it from the seed.</summary>
    /// <value><see langword="null"/> (drawn per seed) by default.</value>
    public string? MotifFamily { get; init; }

    /// <summary>Stochastic rewiring of the chosen skeleton.</summary>
    public RewiringSettings Rewiring { get; init; } = new();

    /// <summary>The settings of each declared task (its anchor, label window and split).</summary>
    public LeadScoringTaskSettings Tasks { get; init; } = new();

    /// <inheritdoc />
    public void Validate(SettingsValidationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var motifFamilies = ConfigKey.Of<LeadScoringSettings>(nameof(MotifFamilies));
        scope.Require(MotifFamilies.Count > 0, motifFamilies, "must define at least one motif family");
        if (MotifFamily is not null)
        {
            scope.Require(MotifFamilies.ContainsKey(MotifFamily), ConfigKey.Of<LeadScoringSettings>(nameof(MotifFamily)), $"'{MotifFamily}' is not one of: {string.Join(", ", MotifFamilies.Keys)}");
        }

        var edges = ConfigKey.Of<MotifFamilySettings>(nameof(MotifFamilySettings.Edges));
        var source = ConfigKey.Of<EdgeSettings>(nameof(EdgeSettings.Source));
        var target = ConfigKey.Of<EdgeSettings>(nameof(EdgeSettings.Target));
        var modulator = ConfigKey.Of<EdgeSettings>(nameof(EdgeSettings.Modulator));
        foreach (var (name, family) in MotifFamilies)
        {
            var nodes = family.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < family.Edges.Count; i++)
            {
                var e = family.Edges[i];
                var at = $"{motifFamilies}.{name}.{edges}[{i}]";
                scope.Require(nodes.Contains(e.Source), $"{at}.{source}", $"'{e.Source}' is not a node of {name}");
                scope.Require(nodes.Contains(e.Target), $"{at}.{target}", $"'{e.Target}' is not a node of {name}");
                scope.Require(e.Modulator is null || nodes.Contains(e.Modulator), $"{at}.{modulator}", $"'{e.Modulator}' is not a node of {name}");
            }
        }

        var employeeBands = ConfigKey.Of<LeadScoringSettings>(nameof(Accounts), nameof(AccountSettings.EmployeeBands));
        var segment = ConfigKey.Of<EmployeeBandSettings>(nameof(EmployeeBandSettings.Segment));
        var segmentsKey = ConfigKey.Of<LeadScoringSettings>(nameof(Accounts), nameof(AccountSettings.Segments));
        var segments = Accounts.Segments.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < Accounts.EmployeeBands.Count; i++)
        {
            var band = Accounts.EmployeeBands[i];
            scope.Require(segments.Contains(band.Segment), $"{employeeBands}[{i}].{segment}", $"'{band.Segment}' is not a segment in {segmentsKey}");
        }
    }
}

/// <summary>The narrative of the world.</summary>
public sealed class NarrativeSettings : IValidatableSettings
{
    /// <summary>The vendor.</summary>
    public CompanySettings Company { get; init; } = new();

    /// <summary>The product sold.</summary>
    public ProductSettings Product { get; init; } = new();

    /// <summary>The market.</summary>
    public MarketSettings Market { get; init; } = new();

    /// <summary>Buyer personas.</summary>
    [MinLength(1)]
    public IReadOnlyList<PersonaSettings> Personas { get; init; } = [];

    /// <summary>Lead-generation channels and their shares.</summary>
    [MinLength(1)]
    public IReadOnlyList<ChannelSettings> Channels { get; init; } = [];

    /// <summary>Funnel stages in order (labels for the card).</summary>
    public IReadOnlyList<FunnelStageSettings> FunnelStages { get; init; } = [];

    /// <inheritdoc />
    public void Validate(SettingsValidationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        scope.SumsToOne(ConfigKey.Of<NarrativeSettings>(nameof(Channels)), Channels.Select(c => c.Share));
        scope.SumsToOne(ConfigKey.Of<NarrativeSettings>(nameof(Personas)), Personas.Select(p => p.Weight));
        scope.Unique(ConfigKey.Of<NarrativeSettings>(nameof(Channels)), Channels.Select(c => c.Name));
        scope.Unique(ConfigKey.Of<NarrativeSettings>(nameof(Personas)), Personas.Select(p => p.Role));
    }
}

/// <summary>The vendor company.</summary>
public sealed class CompanySettings
{
    /// <summary>Name.</summary>
    public string Name { get; init; } = "Veridian Technologies";

    /// <summary>Year founded.</summary>
    public int FoundedYear { get; init; } = 2017;

    /// <summary>Headquarters city.</summary>
    public string HqCity { get; init; } = "Austin";

    /// <summary>Headquarters country.</summary>
    public string HqCountry { get; init; } = "US";

    /// <summary>Funding stage.</summary>
    public string Stage { get; init; } = "Series B";

    /// <summary>Employee range [min, max].</summary>
    public IReadOnlyList<int> EmployeeRange { get; init; } = [80, 150];
}

/// <summary>The product.</summary>
public sealed class ProductSettings : IValidatableSettings
{
    /// <summary>Name.</summary>
    public string Name { get; init; } = "Veridian Procure";

    /// <summary>Category.</summary>
    public string Category { get; init; } = "Procurement & AP Automation";

    /// <summary>Deployment model.</summary>
    public string Deployment { get; init; } = "cloud_saas";

    /// <summary>Pricing model.</summary>
    public string PricingModel { get; init; } = "per_seat_annual";

    /// <summary>Annual contract value range in USD [min, max]; every ACV lies inside it.</summary>
    public IReadOnlyList<double> AcvRangeUsd { get; init; } = [18_000, 120_000];

    /// <summary>Contract terms offered, in months.</summary>
    public IReadOnlyList<int> ContractTermsMonths { get; init; } = [12, 24, 36];

    /// <summary>Weights of the contract terms.</summary>
    public IReadOnlyList<double> ContractTermWeights { get; init; } = [0.6, 0.3, 0.1];

    /// <summary>Whether a free trial exists.</summary>
    public bool FreeTrialAvailable { get; init; } = true;

    /// <summary>Whether demos are offered.</summary>
    public bool DemoAvailable { get; init; } = true;

    /// <summary>Plan tiers by ACV: names and upper ACV bounds (the last is unbounded).</summary>
    public IReadOnlyList<PlanTierSettings> Plans { get; init; } = [];

    /// <inheritdoc />
    public void Validate(SettingsValidationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var acvRangeUsd = ConfigKey.Of<ProductSettings>(nameof(AcvRangeUsd));
        scope.HasLength(acvRangeUsd, AcvRangeUsd.Count, 2);
        if (AcvRangeUsd.Count == 2)
        {
            scope.Require(AcvRangeUsd[0] > 0 && AcvRangeUsd[0] < AcvRangeUsd[1], acvRangeUsd, "must be [min, max] with 0 < min < max");
        }

        scope.Unique(ConfigKey.Of<ProductSettings>(nameof(Plans)), Plans.Select(p => p.Name));
        var contractTermWeights = ConfigKey.Of<ProductSettings>(nameof(ContractTermWeights));
        scope.HasLength(contractTermWeights, ContractTermWeights.Count, ContractTermsMonths.Count);
        scope.SumsToOne(contractTermWeights, ContractTermWeights);
    }
}

/// <summary>A plan tier.</summary>
public sealed class PlanTierSettings
{
    /// <summary>Plan name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>ACVs below this value get this plan.</summary>
    public double MaxAcvUsd { get; init; } = double.MaxValue;
}

/// <summary>The market.</summary>
public sealed class MarketSettings : IValidatableSettings
{
    /// <summary>The ideal-customer employee range.</summary>
    public IReadOnlyList<int> IcpEmployeeRange { get; init; } = [200, 2000];

    /// <summary>Industries sold to.</summary>
    [MinLength(1)]
    public IReadOnlyList<string> IcpIndustries { get; init; } = ["manufacturing"];

    /// <summary>Relative fit of each industry (an additive shift of account fit).</summary>
    public IReadOnlyList<double> IndustryFitShift { get; init; } = [];

    /// <summary>Geographies sold to.</summary>
    [MinLength(1)]
    public IReadOnlyList<string> Geographies { get; init; } = ["US"];

    /// <summary>Weights of the geographies.</summary>
    public IReadOnlyList<double> GeographyWeights { get; init; } = [];

    /// <summary>Average deal size in USD.</summary>
    [Range(1.0, 1e9)]
    public double AvgDealSizeUsd { get; init; } = 42_000;

    /// <summary>Average sales cycle (lead creation to close) in days.</summary>
    [Range(1, 3650)]
    public int AvgSalesCycleDays { get; init; } = 45;

    /// <inheritdoc />
    public void Validate(SettingsValidationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);

        scope.Unique(ConfigKey.Of<MarketSettings>(nameof(IcpIndustries)), IcpIndustries);
        scope.Unique(ConfigKey.Of<MarketSettings>(nameof(Geographies)), Geographies);

        // Empty lists mean "no shift" and "equal weights"; a list of another length used to be ignored silently.
        var industryFitShift = ConfigKey.Of<MarketSettings>(nameof(IndustryFitShift));
        if (IndustryFitShift.Count > 0)
        {
            scope.HasLength(industryFitShift, IndustryFitShift.Count, IcpIndustries.Count);
        }

        var geographyWeights = ConfigKey.Of<MarketSettings>(nameof(GeographyWeights));
        if (GeographyWeights.Count > 0)
        {
            scope.HasLength(geographyWeights, GeographyWeights.Count, Geographies.Count);
            scope.HasPositiveWeights(geographyWeights, GeographyWeights);
        }
    }
}

/// <summary>A buyer persona.</summary>
public sealed class PersonaSettings
{
    /// <summary>The role, e.g. <c>vp_finance</c>.</summary>
    public string Role { get; init; } = string.Empty;

    /// <summary>Job-title variants.</summary>
    [MinLength(1)]
    public IReadOnlyList<string> TitleVariants { get; init; } = [];

    /// <summary>Decision authority, e.g. <c>economic_buyer</c>.</summary>
    public string DecisionAuthority { get; init; } = string.Empty;

    /// <summary>When the persona is involved.</summary>
    public string TypicalInvolvement { get; init; } = string.Empty;

    /// <summary>Share of contacts with this persona.</summary>
    [Range(0.0, 1.0)]
    public double Weight { get; init; }

    /// <summary>Additive shift of the contact's authority latent.</summary>
    [Range(-10.0, 10.0)]
    public double AuthorityShift { get; init; }
}

/// <summary>A lead-generation channel.</summary>
public sealed class ChannelSettings
{
    /// <summary>The channel name, e.g. <c>inbound_marketing</c>.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Share of leads from this channel.</summary>
    [Range(0.0, 1.0)]
    public double Share { get; init; }

    /// <summary>Additive shift of the conversion score for leads from this channel.</summary>
    [Range(-10.0, 10.0)]
    public double QualityShift { get; init; }

    /// <summary>Whether the channel's first touch is inbound.</summary>
    public bool Inbound { get; init; }

    /// <summary>Shift of the conversion score by the account's segment name: a channel × segment interaction (double-centred over the population, so it adds no channel or segment main effect).</summary>
    /// <value>Empty (no interaction) by default.</value>
    public IReadOnlyDictionary<string, double> SegmentShift { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);
}

/// <summary>A funnel stage label.</summary>
public sealed class FunnelStageSettings
{
    /// <summary>The stage name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The stage label.</summary>
    public string Label { get; init; } = string.Empty;
}
