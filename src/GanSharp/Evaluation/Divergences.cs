namespace GanSharp.Evaluation;

/// <summary>Divergences of count histograms.</summary>
public static class Divergences
{
    /// <summary>
    /// Returns KL(h ‖ u) = Σ_j h_j ln(h_j · J) in nats, where h is <paramref name="counts"/> normalised and u is uniform
    /// over its J bins. Empty bins add 0, so the result lies between 0 and ln J.
    /// </summary>
    /// <exception cref="ArgumentException">The counts are empty, negative or all 0.</exception>
    public static double KullbackLeiblerFromUniform(IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count == 0 || counts.Any(count => count < 0) || counts.Sum() == 0)
        {
            throw new ArgumentException("The histogram needs at least one bin, no negative counts and a positive total.", nameof(counts));
        }

        double total = counts.Sum();
        var divergence = 0.0;
        foreach (var count in counts.Where(count => count > 0))
        {
            var share = count / total;
            divergence += share * Math.Log(share * counts.Count);
        }

        return divergence;
    }
}
