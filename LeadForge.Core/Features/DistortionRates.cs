namespace LeadForge.Features;

/// <summary>How strongly a rendering distorts its distorted features (a difficulty tier's profile).</summary>
/// <param name="NoiseScale">The Gaussian noise, in units of each column's <see cref="Distortion.Sd"/>.</param>
/// <param name="MissingRate">The chance that a cell with a value goes missing (MCAR).</param>
/// <param name="OutlierRate">The chance that a double cell is replaced by an outlier.</param>
public readonly record struct DistortionRates(double NoiseScale, double MissingRate, double OutlierRate);
