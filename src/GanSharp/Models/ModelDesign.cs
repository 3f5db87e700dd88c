namespace GanSharp.Models;

/// <summary>Families of multilayer perceptron generator and discriminator.</summary>
public enum ModelDesign
{
    /// <summary>
    /// The common design: LeakyReLU(0.2) discriminator with dropout; ReLU generator with a tanh output for
    /// images in [−1, 1].
    /// </summary>
    Common,

    /// <summary>
    /// The MNIST design of Goodfellow et al. (2014): maxout discriminator with dropout; ReLU generator with a
    /// sigmoid output for images in [0, 1].
    /// </summary>
    Goodfellow2014,
}
