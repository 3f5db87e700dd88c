namespace GanSharp.Training;

/// <summary>Gradient method used for both networks.</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent with momentum, as in Goodfellow et al. (2014).</summary>
    Sgd,

    /// <summary>Adam; lr 2e-4 with β1 = 0.5 is the usual GAN setting since DCGAN.</summary>
    Adam,
}
