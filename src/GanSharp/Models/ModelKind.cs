namespace GanSharp.Models;

/// <summary>Architectures of the generator and the discriminator.</summary>
public enum ModelKind
{
    /// <summary>Multilayer perceptrons of the family that <see cref="ModelDesign"/> selects, for points and images.</summary>
    Mlp,
}
