namespace LeadForge.Tests.Schemes.LeadScoring;

/// <summary>One large intermediate world (seed 42, 20,000 leads, instructor mode) shared by the recovery tests.</summary>
internal static class RecoveryWorld
{
    public const int Leads = 20_000;

    private static readonly Lazy<LeadScoringBundleView> Instance = new(() => new LeadScoringBundleView(
        Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(42).WithDifficulty(Difficulty.Intermediate).WithExposure(ExposureMode.ResearchInstructor)
            .WithLeads(Leads).Generate()));

    public static LeadScoringBundleView View => Instance.Value;
}
