using System.Text.Json.Serialization;

namespace GanSharp.Data;

/// <summary>The space X that data and generated samples live in.</summary>
public enum DataKind
{
    /// <summary>Real numbers: one feature per example.</summary>
    [JsonStringEnumMemberName("points-1d")]
    Points1D,

    /// <summary>Points in the plane: two features per example.</summary>
    [JsonStringEnumMemberName("points-2d")]
    Points2D,

    /// <summary>Images of shape [channels, height, width] with pixels scaled to a <see cref="PixelRange"/>.</summary>
    Image,
}
