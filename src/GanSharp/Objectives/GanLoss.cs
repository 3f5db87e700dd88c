using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanSharp.Objectives;

/// <summary>
/// Losses of the GAN game computed from discriminator logits ℓ, where D(x) = σ(ℓ).
/// </summary>
/// <remarks>
/// Every logarithm uses the stable identities ln D = −softplus(−ℓ) and ln(1 − D) = −softplus(ℓ),
/// so saturated logits give finite losses and gradients instead of ln 0.
/// </remarks>
public static class GanLoss
{
    /// <summary>
    /// Computes the minibatch estimate V̂ = mean ln D(x) + mean ln(1 − D(G(z))) of the value function.
    /// </summary>
    public static Tensor ValueEstimate(Tensor realLogits, Tensor fakeLogits) =>
        -DiscriminatorLoss(realLogits, fakeLogits);

    /// <summary>
    /// Computes the discriminator's loss −V̂: the binary cross-entropy of real examples with label 1
    /// plus that of generated examples with label 0, each averaged over its minibatch.
    /// </summary>
    public static Tensor DiscriminatorLoss(Tensor realLogits, Tensor fakeLogits) =>
        softplus(-realLogits).mean() + softplus(fakeLogits).mean();

    /// <summary>Computes the generator's loss on the logits of generated examples.</summary>
    public static Tensor GeneratorLoss(Tensor fakeLogits, GeneratorObjective objective) => objective switch
    {
        // Minimax: descend mean ln(1 − D(G(z))) = −mean softplus(ℓ).
        GeneratorObjective.Minimax => -softplus(fakeLogits).mean(),

        // Non-saturating: descend −mean ln D(G(z)) = mean softplus(−ℓ).
        GeneratorObjective.NonSaturating => softplus(-fakeLogits).mean(),
        _ => throw new ArgumentOutOfRangeException(nameof(objective), objective, "Unknown generator objective."),
    };
}
