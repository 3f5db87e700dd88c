using GanSharp.Objectives;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanSharp.Tests.Objectives;

public sealed class GanLossTests
{
    // float32 rounding of means over up to a few thousand terms of size up to about 10.
    private const double FloatTolerance = 1e-5;

    public static TheoryData<int, int> SeedsAndSizes => new()
    {
        { 1, 1 },
        { 2, 7 },
        { 3, 64 },
        { 4, 1000 },
        { 5, 4096 },
    };

    [Theory]
    [MemberData(nameof(SeedsAndSizes))]
    public void ValueEstimate_IsNegativeBinaryCrossEntropy(int seed, int size)
    {
        using var scope = NewDisposeScope();
        using var random = new Generator((ulong)seed);
        var realLogits = randn(size, generator: random) * 3;
        var fakeLogits = randn(size, generator: random) * 3;

        var realCrossEntropy = binary_cross_entropy_with_logits(realLogits, ones_like(realLogits));
        var fakeCrossEntropy = binary_cross_entropy_with_logits(fakeLogits, zeros_like(fakeLogits));
        var expected = (realCrossEntropy + fakeCrossEntropy).item<float>();
        var valueEstimate = GanLoss.ValueEstimate(realLogits, fakeLogits).item<float>();

        Assert.Equal(expected, -valueEstimate, FloatTolerance * Math.Max(1, Math.Abs(expected)));
    }

    [Theory]
    [MemberData(nameof(SeedsAndSizes))]
    public void DiscriminatorLoss_IsNegativeValueEstimate(int seed, int size)
    {
        using var scope = NewDisposeScope();
        using var random = new Generator((ulong)seed);
        var realLogits = randn(size, generator: random) * 3;
        var fakeLogits = randn(size, generator: random) * 3;

        var loss = GanLoss.DiscriminatorLoss(realLogits, fakeLogits).item<float>();
        var valueEstimate = GanLoss.ValueEstimate(realLogits, fakeLogits).item<float>();

        Assert.Equal(-valueEstimate, loss);
    }

    [Fact]
    public void DiscriminatorLoss_AtOneHalfIsTwoLnTwo()
    {
        using var scope = NewDisposeScope();
        var logits = zeros(128);

        var loss = GanLoss.DiscriminatorLoss(logits, logits).item<float>();

        Assert.Equal(2 * Math.Log(2), loss, 1e-6);
    }

    [Fact]
    public void DiscriminatorLoss_ExtremeLogitsAreFinite()
    {
        using var scope = NewDisposeScope();
        var realLogits = tensor(new[] { 100f, -100f, 100f, -100f }).requires_grad_(true);
        var fakeLogits = tensor(new[] { -100f, 100f, 100f, -100f }).requires_grad_(true);

        var loss = GanLoss.DiscriminatorLoss(realLogits, fakeLogits);
        loss.backward();

        // Half of the real logits and half of the fake ones are confidently wrong, each costing softplus(100) = 100.
        Assert.Equal(100.0, loss.item<float>(), 1e-3);
        Assert.True(realLogits.grad!.isfinite().all().item<bool>(), "gradient of the real logits is not finite");
        Assert.True(fakeLogits.grad!.isfinite().all().item<bool>(), "gradient of the fake logits is not finite");
    }

    [Theory]
    [InlineData(GeneratorObjective.Minimax)]
    [InlineData(GeneratorObjective.NonSaturating)]
    public void GeneratorLoss_ExtremeLogitsAreFinite(GeneratorObjective objective)
    {
        foreach (var logit in new[] { 100f, -100f })
        {
            using var scope = NewDisposeScope();
            var fakeLogits = full(8, logit).requires_grad_(true);

            var loss = GanLoss.GeneratorLoss(fakeLogits, objective);
            loss.backward();

            var value = loss.item<float>();
            Assert.True(float.IsFinite(value), $"{objective} loss at logit {logit} is {value}");
            Assert.True(fakeLogits.grad!.isfinite().all().item<bool>(), $"{objective} gradient at logit {logit} is not finite");
        }
    }

    [Fact]
    public void GeneratorLoss_SaturatedValuesMatchSoftplus()
    {
        using var scope = NewDisposeScope();

        // D rejects every fake with logit −100: the non-saturating loss is −ln σ(−100) = softplus(100) ≈ 100.
        var rejected = GanLoss.GeneratorLoss(full(8, -100f), GeneratorObjective.NonSaturating).item<float>();

        // D accepts every fake with logit 100: the minimax loss is ln(1 − σ(100)) = −softplus(100) ≈ −100.
        var accepted = GanLoss.GeneratorLoss(full(8, 100f), GeneratorObjective.Minimax).item<float>();

        Assert.Equal(100.0, rejected, 1e-3);
        Assert.Equal(-100.0, accepted, 1e-3);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void GeneratorLoss_MinimaxIsMeanLogOneMinusD(int seed)
    {
        var logits = ModerateLogits(seed, 256);
        var expected = logits.Average(logit => Math.Log(1 - Sigmoid(logit)));

        using var scope = NewDisposeScope();
        var loss = GanLoss.GeneratorLoss(tensor(logits), GeneratorObjective.Minimax).item<float>();

        Assert.Equal(expected, loss, FloatTolerance);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void GeneratorLoss_NonSaturatingIsNegativeMeanLogD(int seed)
    {
        var logits = ModerateLogits(seed, 256);
        var expected = -logits.Average(logit => Math.Log(Sigmoid(logit)));

        using var scope = NewDisposeScope();
        var loss = GanLoss.GeneratorLoss(tensor(logits), GeneratorObjective.NonSaturating).item<float>();

        Assert.Equal(expected, loss, FloatTolerance);
    }

    /// <summary>
    /// Draws logits in [−6, 6], where ln σ and ln(1 − σ) computed directly in float64 lose no accuracy that
    /// matters at float32 tolerance.
    /// </summary>
    private static float[] ModerateLogits(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 12 - 6)).ToArray();
    }

    private static double Sigmoid(double logit) => 1 / (1 + Math.Exp(-logit));
}
