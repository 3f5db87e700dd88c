namespace GanSharp.Training;

/// <summary>
/// The numbers a practitioner reads after one training iteration. Discriminator figures come from the last
/// of its k steps.
/// </summary>
/// <param name="Step">Generator steps completed, starting at 1.</param>
/// <param name="LossD">Discriminator loss −V̂ (sum of the two binary cross-entropy means).</param>
/// <param name="LossG">Generator loss under the chosen objective.</param>
/// <param name="DReal">Mean D(x) over the real minibatch.</param>
/// <param name="DFake">Mean D(G(z)) over the generated minibatch.</param>
/// <param name="Value">Minibatch estimate V̂ of the value function V(D, G).</param>
public readonly record struct StepStatistics(int Step, double LossD, double LossG, double DReal, double DFake, double Value);
