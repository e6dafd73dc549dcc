using System.ComponentModel.DataAnnotations;
using LeadForge.Configuration;

namespace LeadForge.Schemes.LeadScoring;

/// <summary>Account firmographics.</summary>
public sealed class AccountSettings : IValidatableSettings
{
    /// <summary>Employee bands with weights and their segment.</summary>
    [MinLength(1)]
    public IReadOnlyList<EmployeeBandSettings> EmployeeBands { get; init; } = [];

    /// <summary>Segments (smb, mid_market, enterprise) with their multipliers.</summary>
    [MinLength(1)]
    public IReadOnlyList<SegmentSettings> Segments { get; init; } = [];

    /// <summary>Revenue band names, lowest first; a band is a noisy measurement of size and fit.</summary>
    [MinLength(2)]
    public IReadOnlyList<string> RevenueBands { get; init; } = [];

    /// <summary>Process-maturity band names, lowest first; measures the maturity latent.</summary>
    [MinLength(2)]
    public IReadOnlyList<string> MaturityBands { get; init; } = [];

    /// <summary>Days before the world start over which account creation dates spread (from 30 days before it: every account exists a month before the world starts).</summary>
    /// <value>730 by default.</value>
    [Range(30, 7300)]
    public int CreatedBeforeStartDays { get; init; } = 730;

    /// <inheritdoc />
    public void Validate(SettingsValidationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var employeeBands = ConfigKey.Of<AccountSettings>(nameof(EmployeeBands));
        scope.SumsToOne(employeeBands, EmployeeBands.Select(b => b.Weight));
        scope.Unique(employeeBands, EmployeeBands.Select(b => b.Name));
        scope.Unique(ConfigKey.Of<AccountSettings>(nameof(Segments)), Segments.Select(x => x.Name));
        scope.Unique(ConfigKey.Of<AccountSettings>(nameof(RevenueBands)), RevenueBands);
        scope.Unique(ConfigKey.Of<AccountSettings>(nameof(MaturityBands)), MaturityBands);
    }
}

/// <summary>An employee band.</summary>
public sealed class EmployeeBandSettings
{
    /// <summary>The band, e.g. <c>200-499</c>.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Share of accounts in the band.</summary>
    [Range(0.0, 1.0)]
    public double Weight { get; init; }

    /// <summary>The segment of the band.</summary>
    public string Segment { get; init; } = string.Empty;

    /// <summary>Band position on a standardised size scale (drives revenue band and deal size).</summary>
    [Range(-10.0, 10.0)]
    public double SizeScore { get; init; }
}

/// <summary>A market segment.</summary>
public sealed class SegmentSettings
{
    /// <summary>The segment name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Relative lead arrival rate per account.</summary>
    [Range(0.0, 100.0)]
    public double ArrivalMultiplier { get; init; } = 1;

    /// <summary>Deal-size multiplier on the market's average deal size.</summary>
    [Range(0.01, 100.0)]
    public double DealSizeMultiplier { get; init; } = 1;

    /// <summary>Additive shift of the conversion score.</summary>
    [Range(-10.0, 10.0)]
    public double ConversionShift { get; init; }

    /// <summary>Multiplier on stage dwell (enterprise deals move slower).</summary>
    [Range(0.1, 10.0)]
    public double CycleMultiplier { get; init; } = 1;
}

/// <summary>Contact attributes.</summary>
public sealed class ContactSettings : IValidatableSettings
{
    /// <summary>Seniority levels, lowest first; seniority measures the authority latent.</summary>
    [MinLength(2)]
    public IReadOnlyList<string> SeniorityLevels { get; init; } = [];

    /// <summary>Email domain types and weights.</summary>
    public IReadOnlyList<string> EmailDomainTypes { get; init; } = ["corporate", "personal", "unknown"];

    /// <summary>Weights of the email domain types.</summary>
    public IReadOnlyList<double> EmailDomainWeights { get; init; } = [0.8, 0.12, 0.08];

    /// <inheritdoc />
    public void Validate(SettingsValidationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var emailDomainWeights = ConfigKey.Of<ContactSettings>(nameof(EmailDomainWeights));
        scope.HasLength(emailDomainWeights, EmailDomainWeights.Count, EmailDomainTypes.Count);
        scope.SumsToOne(emailDomainWeights, EmailDomainWeights);
    }
}

/// <summary>Growth trend shapes (capability CORE-13).</summary>
public enum TrendKind
{
    /// <summary>No trend.</summary>
    None,

    /// <summary>1 + g·t (t in years).</summary>
    Linear,

    /// <summary>(1 + g)^t.</summary>
    Exponential,

    /// <summary>1 + g·ln(1 + t).</summary>
    Logarithmic,
}

/// <summary>Lead arrival over the calendar.</summary>
public sealed class ArrivalSettings : IValidatableSettings
{
    /// <summary>Days over which leads arrive, from the recipe start date.</summary>
    /// <value>365 by default.</value>
    [Range(1, 3650)]
    public int WindowDays { get; init; } = 365;

    /// <summary>The growth trend shape.</summary>
    public TrendKind Trend { get; init; } = TrendKind.Exponential;

    /// <summary>The growth rate g per year.</summary>
    [Range(-0.95, 10.0)]
    public double GrowthRate { get; init; } = 0.5;

    /// <summary>Relative arrival weight of Monday … Sunday.</summary>
    public IReadOnlyList<double> WeekdayWeights { get; init; } = [1, 1, 1, 1, 1, 1, 1];

    /// <summary>Relative arrival weight of January … December.</summary>
    public IReadOnlyList<double> MonthWeights { get; init; } = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

    /// <summary>Shift of the conversion score per year of arrival (lead-quality drift across cohorts).</summary>
    [Range(-5.0, 5.0)]
    public double VintageDrift { get; init; }

    /// <inheritdoc />
    public void Validate(SettingsValidationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var weekdayWeights = ConfigKey.Of<ArrivalSettings>(nameof(WeekdayWeights));
        var monthWeights = ConfigKey.Of<ArrivalSettings>(nameof(MonthWeights));
        scope.HasLength(weekdayWeights, WeekdayWeights.Count, 7);
        scope.HasLength(monthWeights, MonthWeights.Count, 12);
        scope.HasPositiveWeights(weekdayWeights, WeekdayWeights);
        scope.HasPositiveWeights(monthWeights, MonthWeights);
    }
}

/// <summary>The sales team.</summary>
public sealed class RepSettings
{
    /// <summary>Number of reps.</summary>
    [Range(1, 100_000)]
    public int Count { get; init; } = 12;

    /// <summary>Standard deviation of rep quality (a shift of the conversion score).</summary>
    [Range(0.0, 5.0)]
    public double QualitySd { get; init; } = 0.3;

    /// <summary>Per-rep concurrent-lead load above which follow-up slows (workload penalty per extra 100 leads).</summary>
    [Range(0.0, 5.0)]
    public double WorkloadPenalty { get; init; } = 0.1;
}

/// <summary>Stage hazards of the funnel (mql → … → negotiation → closed_won).</summary>
public sealed class FunnelSettings
{
    /// <summary>Per stage (mql, sal, sql, demo_scheduled, demo_completed, proposal_sent, negotiation): daily advance log-odds intercept.</summary>
    public IReadOnlyList<double> AdvanceLogit { get; init; } = [];

    /// <summary>Per stage: daily loss (disqualification / closed_lost) log-odds intercept.</summary>
    public IReadOnlyList<double> LossLogit { get; init; } = [];

    /// <summary>Slope of the daily loss log-odds on the conversion score (negative: better leads are lost less).</summary>
    [Range(-10.0, 10.0)]
    public double LossSlope { get; init; } = -0.5;

    /// <summary>Number of stages before which loss is called disqualification rather than closed_lost.</summary>
    public int DisqualifyBeforeStage { get; init; } = 2;

    /// <summary>
    /// Days after creation before which no lead is closed: no disqualification or loss, and no win
    /// (sales works every lead for this long, and procurement and legal review take at least this long).
    /// </summary>
    /// <value>0 (no minimum) by default.</value>
    [Range(0, 3650)]
    public int MinDaysToClose { get; init; }

    /// <summary>Per stage: the largest daily advance probability (the advance hazard saturates there); empty for no cap.</summary>
    /// <value>Empty (no cap) by default.</value>
    public IReadOnlyList<double> AdvanceMax { get; init; } = [];

    /// <summary>Per stage: the weight of the conversion score in the stage's drive (how much the hidden world speeds or stalls that stage); empty for 1 everywhere.</summary>
    /// <value>Empty (weight 1 at every stage) by default.</value>
    public IReadOnlyList<double> SignalWeight { get; init; } = [];

    /// <summary>
    /// Whether the calibrated intercept acts on the closing stages only (raising their advance and
    /// lowering their loss log-odds), so the early pace of the funnel is the same in every tier;
    /// otherwise it raises every stage's advance log-odds.
    /// </summary>
    /// <value><see langword="false"/> by default.</value>
    public bool CalibrateClosingOnly { get; init; }

    /// <summary>
    /// Whether the world calibrates the pace of the opportunity stages (sql … negotiation) so that the
    /// mean days from opportunity to closed_won over won deals, with no horizon, equals
    /// <c>narrative.market.avg_sales_cycle_days</c>. The pace multiplies those stages' advance hazards
    /// and is solved together with the conversion intercept; deals cut off by the label window make the
    /// observed cycle of won leads somewhat shorter.
    /// </summary>
    /// <value><see langword="false"/> (the advance hazards are used as written) by default.</value>
    public bool CalibrateSalesCycle { get; init; }

    /// <summary>The first stage whose hazards read the lead's hidden closing shock instead of its pace shock.</summary>
    /// <value>3 (demo_scheduled) by default.</value>
    [Range(0, 7)]
    public int ClosingStageStart { get; init; } = 3;
}

/// <summary>Event intensities.</summary>
public sealed class EventSettings
{
    /// <summary>Expected touches per day at creation.</summary>
    [Range(0.0, 50.0)]
    public double TouchRate { get; init; } = 0.35;

    /// <summary>Daily decay factor of touch intensity.</summary>
    [Range(0.5, 1.0)]
    public double TouchDecay { get; init; } = 0.97;

    /// <summary>
    /// Effect of the engagement node on event intensities (log scale): one standard deviation of engagement
    /// multiplies the touch and session rates by e^effect, so the bound (±2, a factor of 7.4 per deviation)
    /// keeps a lead's daily events countable.
    /// </summary>
    /// <value>0.6 by default.</value>
    [Range(-2.0, 2.0)]
    public double EngagementEffect { get; init; } = 0.6;

    /// <summary>Expected web sessions per day at creation.</summary>
    [Range(0.0, 50.0)]
    public double SessionRate { get; init; } = 0.12;

    /// <summary>Daily probability of a sales activity in an active stage.</summary>
    [Range(0.0, 1.0)]
    public double ActivityProbability { get; init; } = 0.2;
}

/// <summary>How observable columns measure hidden nodes.</summary>
public sealed class MeasurementSettings
{
    /// <summary>Node measured by the revenue band (besides size).</summary>
    public string RevenueBandNode { get; init; } = "account_fit";

    /// <summary>Weight of the employee-band size score in the revenue-band measurement.</summary>
    /// <value>0.55 by default.</value>
    [Range(0.0, 10.0)]
    public double RevenueBandSizeWeight { get; init; } = 0.55;

    /// <summary>Weight of the measured node (<see cref="RevenueBandNode"/>) in the revenue-band measurement.</summary>
    /// <value>0.55 by default.</value>
    [Range(0.0, 10.0)]
    public double RevenueBandFitWeight { get; init; } = 0.55;

    /// <summary>Node measured by the process-maturity band.</summary>
    public string MaturityBandNode { get; init; } = "account_maturity";

    /// <summary>Node measured by seniority.</summary>
    public string SeniorityNode { get; init; } = "contact_authority";

    /// <summary>Node driving event intensities.</summary>
    public string EngagementNode { get; init; } = "engagement";

    /// <summary>Node driving sales-activity outcomes (responsiveness).</summary>
    public string ResponsivenessNode { get; init; } = "contact_responsiveness";

    /// <summary>Base measurement noise (standard deviations) before the tier's noise scale.</summary>
    [Range(0.0, 10.0)]
    public double BaseNoise { get; init; } = 0.5;
}

/// <summary>The three difficulty profiles.</summary>
public sealed class DifficultyProfiles
{
    /// <summary>The intro tier.</summary>
    public DifficultyProfile Intro { get; init; } = new();

    /// <summary>The intermediate tier.</summary>
    public DifficultyProfile Intermediate { get; init; } = new();

    /// <summary>The advanced tier.</summary>
    public DifficultyProfile Advanced { get; init; } = new();

    /// <summary>The profile of a tier.</summary>
    /// <param name="difficulty">The tier.</param>
    /// <returns>The profile.</returns>
    public DifficultyProfile For(Difficulty difficulty) => difficulty switch
    {
        Difficulty.Intro => Intro,
        Difficulty.Intermediate => Intermediate,
        _ => Advanced,
    };
}

/// <summary>One difficulty tier.</summary>
public sealed class DifficultyProfile : IValidatableSettings
{
    /// <summary>Slope of stage hazards on the conversion score: how strongly the hidden world drives outcomes.</summary>
    [Range(0.0, 10.0)]
    public double SignalStrength { get; init; } = 1;

    /// <summary>Gaussian noise (as a multiple of each float feature's standard deviation) added to task features, and a multiplier of measurement noise.</summary>
    [Range(0.0, 5.0)]
    public double NoiseScale { get; init; } = 0.3;

    /// <summary>MCAR missingness probability per numeric task cell.</summary>
    [Range(0.0, 1.0)]
    public double MissingRate { get; init; } = 0.08;

    /// <summary>Per-row probability of an outlier on float task features.</summary>
    [Range(0.0, 1.0)]
    public double OutlierRate { get; init; } = 0.04;

    /// <summary>Target 90-day conversion band [lo, hi]; the world is calibrated to its midpoint.</summary>
    public IReadOnlyList<double> ConversionRateRange { get; init; } = [0.18, 0.28];

    /// <summary>Buying-committee friction: raises the daily loss hazards of the closing stages (from <see cref="FunnelSettings.ClosingStageStart"/>) by (1 + friction).</summary>
    [Range(0.0, 5.0)]
    public double CommitteeFriction { get; init; } = 0.3;

    /// <summary>
    /// The share of the conversion score's variance carried by the latents that observable columns
    /// measure (the linear projection of the graph's score on them); the graph's remaining variance is
    /// hidden. <see langword="null"/> keeps the world's own split, so an edge removed from the graph
    /// moves its observable's signal; the graph score as a whole still gets 1 − <see cref="CategoryShare"/>
    /// − <see cref="InteractionShare"/> of the variance when either of those is set.
    /// </summary>
    /// <value><see langword="null"/> (the world's own split) by default.</value>
    [Range(0.0, 1.0)]
    public double? ObservableShare { get; init; }

    /// <summary>
    /// The share of the conversion score's variance carried by the shifts of observable categories
    /// (channel quality, segment, industry). Fixing it per tier keeps difficulty stable across motif
    /// families, whose graph scores differ in scale.
    /// </summary>
    /// <value><see langword="null"/> (the recipe's raw shifts) by default.</value>
    [Range(0.0, 1.0)]
    public double? CategoryShare { get; init; }

    /// <summary>
    /// The share of the conversion score's variance carried by the channel × segment interaction
    /// (<see cref="ChannelSettings.SegmentShift"/>, double-centred so it has no main effects), which a
    /// linear model on the columns cannot express.
    /// </summary>
    /// <value><see langword="null"/> (the recipe's raw shifts) by default.</value>
    [Range(0.0, 1.0)]
    public double? InteractionShare { get; init; }

    /// <summary>
    /// Standard deviation of each lead's hidden pace shock, added to the drive of the early stages
    /// (before <see cref="FunnelSettings.ClosingStageStart"/>): how far early progress departs from what the world predicts.
    /// </summary>
    /// <value>0 by default.</value>
    [Range(0.0, 10.0)]
    public double PaceNoise { get; init; }

    /// <summary>
    /// Standard deviation of each lead's hidden closing shock, added to the drive of the late stages:
    /// how much of the close is decided by factors no snapshot feature measures.
    /// </summary>
    /// <value>0 by default.</value>
    [Range(0.0, 10.0)]
    public double ClosingNoise { get; init; }

    /// <inheritdoc />
    public void Validate(SettingsValidationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var conversionRateRange = ConfigKey.Of<DifficultyProfile>(nameof(ConversionRateRange));
        scope.HasLength(conversionRateRange, ConversionRateRange.Count, 2);
        if (ConversionRateRange.Count == 2)
        {
            var ordered = ConversionRateRange[0] > 0 && ConversionRateRange[0] < ConversionRateRange[1] && ConversionRateRange[1] < 1;
            scope.Require(ordered, conversionRateRange, "must be [lo, hi] with 0 < lo < hi < 1");
        }
    }
}

/// <summary>A motif family: a graph skeleton with weight priors.</summary>
public sealed class MotifFamilySettings
{
    /// <summary>Relative probability of the family being drawn.</summary>
    [Range(0.0, 100.0)]
    public double Weight { get; init; } = 1;

    /// <summary>What the family means.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The nodes.</summary>
    [MinLength(2)]
    public IReadOnlyList<NodeSettings> Nodes { get; init; } = [];

    /// <summary>The edges.</summary>
    [MinLength(1)]
    public IReadOnlyList<EdgeSettings> Edges { get; init; } = [];
}

/// <summary>A node of a motif skeleton.</summary>
public sealed class NodeSettings
{
    /// <summary>The node id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The node type.</summary>
    public WorldModel.NodeKind Kind { get; init; }

    /// <summary>The mechanism.</summary>
    public WorldModel.MechanismKind Mechanism { get; init; } = WorldModel.MechanismKind.Linear;

    /// <summary>The intercept.</summary>
    [Range(-20.0, 20.0)]
    public double Bias { get; init; }

    /// <summary>The noise standard deviation.</summary>
    [Range(0.0, 10.0)]
    public double Noise { get; init; } = 0.5;

    /// <summary>The slope inside logistic/saturating mechanisms.</summary>
    [Range(-20.0, 20.0)]
    public double Scale { get; init; } = 1;

    /// <summary>The threshold of a threshold mechanism.</summary>
    [Range(-20.0, 20.0)]
    public double Threshold { get; init; }

    /// <summary>Whether rewiring may drop the node.</summary>
    public bool Optional { get; init; }

    /// <summary>A human-readable label.</summary>
    public string Label { get; init; } = string.Empty;
}

/// <summary>An edge of a motif skeleton.</summary>
public sealed class EdgeSettings
{
    /// <summary>The parent.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>The child.</summary>
    public string Target { get; init; } = string.Empty;

    /// <summary>The prior weight.</summary>
    [Range(-5.0, 5.0)]
    public double Weight { get; init; }

    /// <summary>A second parent multiplying the source (an interaction), if any.</summary>
    public string? Modulator { get; init; }
}

/// <summary>Stochastic rewiring of a motif skeleton.</summary>
public sealed class RewiringSettings : IValidatableSettings
{
    /// <summary>Probability of dropping each optional node.</summary>
    [Range(0.0, 1.0)]
    public double DropProbability { get; init; } = 0.4;

    /// <summary>Half-width of the uniform jitter added to each edge weight.</summary>
    [Range(0.0, 2.0)]
    public double WeightJitter { get; init; } = 0.15;

    /// <summary>Probability of adding a latent confounder.</summary>
    [Range(0.0, 1.0)]
    public double ConfounderProbability { get; init; } = 0.35;

    /// <summary>Range of the confounder's edge weights [min, max], each within ±5 (weights act on standardised latents).</summary>
    /// <value>[0.1, 0.5] by default.</value>
    public IReadOnlyList<double> ConfounderWeightRange { get; init; } = [0.1, 0.5];

    /// <inheritdoc />
    public void Validate(SettingsValidationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var confounderWeightRange = ConfigKey.Of<RewiringSettings>(nameof(ConfounderWeightRange));
        scope.HasLength(confounderWeightRange, ConfounderWeightRange.Count, 2);
        if (ConfounderWeightRange.Count == 2)
        {
            var (min, max) = (ConfounderWeightRange[0], ConfounderWeightRange[1]);
            scope.Require(min >= -5 && min <= max && max <= 5, confounderWeightRange, "must be [min, max] with -5 <= min <= max <= 5");
        }
    }
}
