namespace LeadForge.Validation;

/// <summary>Test-split metrics of one baseline model trained on a task's train split.</summary>
/// <param name="Model">The model name: <c>logistic_regression</c> or <c>fast_tree</c>.</param>
/// <param name="RocAuc">ROC-AUC on test.</param>
/// <param name="AveragePrecision">Average precision on test.</param>
/// <param name="Brier">Brier score of the predicted probabilities on test.</param>
/// <param name="CalibrationMaxBinError">Largest |predicted − observed| over 10 equal-width bins holding ≥ 20 test rows (NaN if none).</param>
/// <param name="LiftAt10Percent">Positive rate in the top 10% of test rows by score over the test positive rate.</param>
/// <param name="PrecisionAt100">Positive rate among the 100 highest-scored test rows.</param>
/// <param name="TrainRows">Rows trained on.</param>
/// <param name="TestRows">Rows scored.</param>
/// <param name="FeatureColumns">The task columns used as features.</param>
public sealed record BaselineResult(
    string Model,
    double RocAuc,
    double AveragePrecision,
    double Brier,
    double CalibrationMaxBinError,
    double LiftAt10Percent,
    double PrecisionAt100,
    int TrainRows,
    int TestRows,
    IReadOnlyList<string> FeatureColumns);
