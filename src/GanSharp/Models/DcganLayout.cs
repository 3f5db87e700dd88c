namespace GanSharp.Models;

/// <summary>
/// Spatial plan of a DCGAN for one image shape: the side of the smallest feature map and the number of stride-2
/// stages between it and the image. Powers of two start from 4 × 4, and 28 × 28 (MNIST) starts from 7 × 7.
/// </summary>
internal sealed record DcganLayout(int Channels, int ImageSize, int StartSize, int Stages)
{
    /// <summary>Smallest image side the DCGAN accepts, so that every network has at least two stride-2 stages.</summary>
    public const int MinimumPowerOfTwoSize = 16;

    /// <summary>The one image side that is not a power of two: MNIST's 28, reached from 7 × 7 in two stages.</summary>
    public const int MnistSize = 28;

    /// <summary>
    /// Returns the layout for examples of shape [channels, height, width], or throws <see cref="ArgumentException"/>
    /// naming the shape and the sizes that work.
    /// </summary>
    public static DcganLayout For(long[] sampleShape)
    {
        if (sampleShape.Length != 3)
        {
            throw new ArgumentException(
                $"Invalid data for --model dcgan: examples of shape [{string.Join(", ", sampleShape)}] are not images. Use --model mlp for point data.");
        }

        var (channels, height, width) = (sampleShape[0], sampleShape[1], sampleShape[2]);
        if (channels is not (1 or 3))
        {
            throw new ArgumentException(
                $"Invalid image channels {channels} for --model dcgan: use images with 1 (grey) or 3 (colour) channels.");
        }

        var isPowerOfTwo = height >= MinimumPowerOfTwoSize && (height & (height - 1)) == 0;
        if (height != width || !(isPowerOfTwo || height == MnistSize))
        {
            throw new ArgumentException(
                $"Invalid image size {height}×{width} for --model dcgan: use square images of 28×28 or a power of two from 16×16 up, such as 32×32 or 64×64.");
        }

        var startSize = height == MnistSize ? 7 : 4;
        var stages = (int)Math.Round(Math.Log2(height / (double)startSize));
        return new DcganLayout((int)channels, (int)height, startSize, stages);
    }

    /// <summary>
    /// Returns the feature maps of hidden block <paramref name="block"/>, counted from the image side (0) towards the
    /// smallest map: the base width, doubled at each block.
    /// </summary>
    public static long WidthOf(int baseWidth, int block) => (long)baseWidth << block;
}
