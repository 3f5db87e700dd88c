using GanSharp.Data;

namespace GanSharp.Models;

/// <summary>Builds the generator and discriminator that fit a data source and a design.</summary>
public static class GanModelFactory
{
    /// <summary>
    /// Returns the generator's output activation: none for points, sigmoid for images in the 2014 design,
    /// tanh for images in the common design.
    /// </summary>
    public static OutputActivation OutputActivationFor(DataKind kind, ModelDesign design) => kind switch
    {
        DataKind.Image when design == ModelDesign.Goodfellow2014 => OutputActivation.Sigmoid,
        DataKind.Image => OutputActivation.Tanh,
        _ => OutputActivation.Identity,
    };

    /// <summary>Returns the pixel range that matches the generator's output activation for images.</summary>
    public static PixelRange PixelRangeFor(ModelDesign design) =>
        design == ModelDesign.Goodfellow2014 ? PixelRange.ZeroToOne : PixelRange.MinusOneToOne;

    /// <summary>Builds the generator of <see cref="ModelOptions.Kind"/> for examples of <paramref name="sampleShape"/>.</summary>
    public static GeneratorModule CreateGenerator(ModelOptions options, DataKind kind, long[] sampleShape) => options.Kind switch
    {
        ModelKind.Mlp => new MlpGenerator(options, sampleShape, OutputActivationFor(kind, options.Design)),
        ModelKind.Dcgan => new DcganGenerator(options, sampleShape),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "Unknown model kind."),
    };

    /// <summary>Builds the discriminator of <see cref="ModelOptions.Kind"/> for examples of <paramref name="sampleShape"/>.</summary>
    public static DiscriminatorModule CreateDiscriminator(ModelOptions options, long[] sampleShape) => options.Kind switch
    {
        ModelKind.Mlp => new MlpDiscriminator(options, sampleShape),
        ModelKind.Dcgan => new DcganDiscriminator(options, sampleShape),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "Unknown model kind."),
    };
}
