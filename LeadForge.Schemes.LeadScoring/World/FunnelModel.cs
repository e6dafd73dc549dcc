namespace LeadForge.Schemes.LeadScoring.World;

/// <summary>
/// The daily funnel hazards of one lead and the exact probability, by dynamic programming over
/// (day, stage), that the lead reaches closed_won within the label window. The simulation draws
/// transitions from the very same hazards, so this probability is the world's truth.
/// </summary>
internal static class FunnelModel
{
    public const int OpenStages = 7; // mql … negotiation

    /// <summary>Fills the per-stage daily advance and loss probabilities of a lead.</summary>
    public static void Hazards(FunnelSettings funnel, double intercept, double signal, double score, double cycleMultiplier, double friction, Span<double> advance, Span<double> loss)
    {
        for (var s = 0; s < OpenStages; s++)
        {
            advance[s] = Sigmoid(funnel.AdvanceLogit[s] + intercept + (signal * score)) / cycleMultiplier;
            loss[s] = Math.Min(0.5, Sigmoid(funnel.LossLogit[s] + (funnel.LossSlope * signal * score)) * (1 + friction));
        }
    }

    /// <summary>P(closed_won on a relative day &lt; <paramref name="labelWindow"/>) for a lead with the given hazards.</summary>
    public static double WinProbability(ReadOnlySpan<double> advance, ReadOnlySpan<double> loss, int horizon, int labelWindow)
    {
        Span<double> dist = stackalloc double[OpenStages];
        Span<double> next = stackalloc double[OpenStages];
        dist.Clear();
        dist[0] = 1;
        var won = 0.0;
        var days = Math.Min(horizon, labelWindow);
        for (var t = 0; t < days; t++)
        {
            next.Clear();
            for (var s = 0; s < OpenStages; s++)
            {
                var p = dist[s];
                if (p == 0)
                {
                    continue;
                }

                var survive = p * (1 - loss[s]);
                var move = survive * advance[s];
                next[s] += survive - move;
                if (s == OpenStages - 1)
                {
                    won += move;
                }
                else
                {
                    next[s + 1] += move;
                }
            }

            next.CopyTo(dist);
        }

        return won;
    }

    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
