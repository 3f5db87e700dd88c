namespace GanSharp.Models;

/// <summary>Architectures of the generator and the discriminator.</summary>
public enum ModelKind
{
    /// <summary>Multilayer perceptrons of the family that <see cref="ModelDesign"/> selects, for points and images.</summary>
    Mlp,

    /// <summary>
    /// The convolutional networks of Radford et al. (2015), <see cref="DcganGenerator"/> and <see cref="DcganDiscriminator"/>,
    /// for square images of 28 × 28 or a power of two from 16 × 16 up, with a tanh output and pixels in [−1, 1].
    /// </summary>
    Dcgan,
}
