namespace GanSharp.Data;

/// <summary>
/// A fixed part of an image file, chosen by each image's index i: training is i mod 10 in 0 to 7, validation
/// is i mod 10 = 8 and test is i mod 10 = 9. The bundled digits thus give 8,000, 1,000 and 1,000 images.
/// </summary>
/// <remarks>
/// The bundled file is shuffled once with a fixed seed, so every tenth image forms a class-balanced subset:
/// each digit has 77 to 119 images in the validation and the test split.
/// </remarks>
public enum DataSplit
{
    /// <summary>Every image of the file.</summary>
    All,

    /// <summary>Images whose index mod 10 is 0 to 7: 80 % of the file.</summary>
    Train,

    /// <summary>Images whose index mod 10 is 8: 10 % of the file, for choosing settings such as a bandwidth.</summary>
    Validation,

    /// <summary>Images whose index mod 10 is 9: 10 % of the file, for the reported numbers.</summary>
    Test,
}
