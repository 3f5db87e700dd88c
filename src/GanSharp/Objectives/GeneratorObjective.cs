namespace GanSharp.Objectives;

/// <summary>The loss that the generator descends in step 2 of Algorithm 1.</summary>
public enum GeneratorObjective
{
    /// <summary>Descend E[ln(1 − D(G(z)))], the minimax game exactly; saturates when D rejects fakes confidently.</summary>
    Minimax,

    /// <summary>Descend −E[ln D(G(z))]: the same fixed point with strong gradients early in training.</summary>
    NonSaturating,
}
