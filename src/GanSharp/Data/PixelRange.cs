namespace GanSharp.Data;

/// <summary>
/// Range that image pixels are scaled to. It must match the generator's output activation:
/// sigmoid produces [0, 1], tanh produces [−1, 1].
/// </summary>
public enum PixelRange
{
    /// <summary>Byte value v becomes v / 255.</summary>
    ZeroToOne,

    /// <summary>Byte value v becomes v / 127.5 − 1.</summary>
    MinusOneToOne,
}
