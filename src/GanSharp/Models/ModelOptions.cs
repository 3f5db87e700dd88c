namespace GanSharp.Models;

/// <summary>Architecture of the generator and the discriminator.</summary>
/// <param name="Design">Layer family; see <see cref="ModelDesign"/>.</param>
/// <param name="LatentDim">Dimension of the noise vector z.</param>
/// <param name="GeneratorHidden">Widths of the generator's hidden layers, input side first.</param>
/// <param name="DiscriminatorHidden">Widths of the discriminator's hidden layers, input side first.</param>
/// <param name="Dropout">Dropout probability after each hidden layer of the discriminator (0 turns it off).</param>
/// <param name="MaxoutPieces">Linear pieces per maxout unit in the <see cref="ModelDesign.Goodfellow2014"/> design.</param>
/// <param name="NoisePrior">The noise distribution p_z.</param>
/// <param name="Kind">Architecture of both networks. Configuration files without it get <see cref="ModelKind.Mlp"/>.</param>
/// <param name="GeneratorBaseWidth">
/// Feature maps of the DCGAN generator's last hidden block, doubled at each block towards z. Only
/// <see cref="ModelKind.Dcgan"/> reads it.
/// </param>
/// <param name="DiscriminatorBaseWidth">
/// Feature maps of the DCGAN discriminator's first block, doubled at each further block. Only
/// <see cref="ModelKind.Dcgan"/> reads it.
/// </param>
public sealed record ModelOptions(
    ModelDesign Design,
    int LatentDim,
    int[] GeneratorHidden,
    int[] DiscriminatorHidden,
    double Dropout,
    int MaxoutPieces,
    NoisePrior NoisePrior,
    ModelKind Kind = ModelKind.Mlp,
    int GeneratorBaseWidth = ModelOptions.DefaultDcganBaseWidth,
    int DiscriminatorBaseWidth = ModelOptions.DefaultDcganBaseWidth)
{
    /// <summary>Base width of both DCGAN networks in the default configuration.</summary>
    public const int DefaultDcganBaseWidth = 32;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value and its valid range.</summary>
    public void Validate()
    {
        if (LatentDim < 1)
        {
            throw new ArgumentException($"Invalid --latent-dim {LatentDim}: use a whole number of at least 1.");
        }

        if (Kind == ModelKind.Dcgan)
        {
            ValidateDcgan();
            return;
        }

        if (GeneratorHidden.Length == 0 || GeneratorHidden.Any(width => width < 1))
        {
            throw new ArgumentException(
                $"Invalid --g-hidden {string.Join(",", GeneratorHidden)}: give one or more positive widths, for example 256,512.");
        }

        if (DiscriminatorHidden.Length == 0 || DiscriminatorHidden.Any(width => width < 1))
        {
            throw new ArgumentException(
                $"Invalid --d-hidden {string.Join(",", DiscriminatorHidden)}: give one or more positive widths, for example 512,256.");
        }

        if (!(Dropout >= 0 && Dropout < 1))
        {
            throw new ArgumentException($"Invalid --dropout {Dropout}: use a probability in [0, 1).");
        }

        if (MaxoutPieces < 1)
        {
            throw new ArgumentException($"Invalid maxout_pieces {MaxoutPieces}: use a whole number of at least 1.");
        }
    }

    private void ValidateDcgan()
    {
        if (GeneratorBaseWidth < 1)
        {
            throw new ArgumentException($"Invalid --g-width {GeneratorBaseWidth}: use a whole number of feature maps of at least 1, for example 64.");
        }

        if (DiscriminatorBaseWidth < 1)
        {
            throw new ArgumentException($"Invalid --d-width {DiscriminatorBaseWidth}: use a whole number of feature maps of at least 1, for example 64.");
        }

        if (Design != ModelDesign.Common)
        {
            throw new ArgumentException(
                "Invalid --design goodfellow2014 with --model dcgan: the DCGAN generator ends in tanh, so it needs pixels in [-1, 1]. Drop --design.");
        }

        if (GeneratorHidden.Length > 0 || DiscriminatorHidden.Length > 0)
        {
            throw new ArgumentException(
                "Invalid --g-hidden or --d-hidden with --model dcgan: the DCGAN's widths come from --g-width and --d-width. Drop the hidden widths.");
        }

        if (Dropout != 0)
        {
            throw new ArgumentException($"Invalid --dropout {Dropout} with --model dcgan: the DCGAN discriminator has no dropout. Drop --dropout.");
        }
    }
}
