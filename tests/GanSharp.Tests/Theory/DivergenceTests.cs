using GanSharp.Data;
using GanSharp.Theory;

namespace GanSharp.Tests.Theory;

public sealed class DivergenceTests
{
    // Step 0.005 on normals of unit width: Simpson's error is far below the 1e−5 tolerance.
    private static readonly IntegrationRange Wide = new(-15, 17, 6400);

    [Theory]
    [InlineData(1.0, 0.111421)]
    [InlineData(2.0, 0.336831)]
    public void JensenShannon_UnitNormals(double shift, double expected)
    {
        var divergence = Divergence.JensenShannon(Densities.Normal(0, 1), Densities.Normal(shift, 1), Wide);

        Assert.Equal(expected, divergence, 1e-5);
    }

    [Fact]
    public void JensenShannon_SelfIsZero()
    {
        var mixture = BuiltInDistributions.Create("mixture1d");

        Assert.Equal(0.0, Divergence.JensenShannon(Densities.Normal(0, 1), Densities.Normal(0, 1), Wide));
        Assert.Equal(0.0, Divergence.JensenShannon(mixture.Density, mixture.Density, Wide));
    }

    [Fact]
    public void KullbackLeibler_ShiftedNormalClosedForm()
    {
        // KL(N(μ₁, σ²) ‖ N(μ₂, σ²)) = (μ₁ − μ₂)² / (2σ²).
        Assert.Equal(0.5, Divergence.KullbackLeibler(Densities.Normal(0, 1), Densities.Normal(1, 1), Wide), 1e-8);
        Assert.Equal(2.0, Divergence.KullbackLeibler(Densities.Normal(0, 1), Densities.Normal(2, 1), Wide), 1e-8);
    }

    [Fact]
    public void KullbackLeibler_DifferentWidthsClosedForm()
    {
        // KL(N(0, σ₁²) ‖ N(0, σ₂²)) = ln(σ₂ / σ₁) + σ₁² / (2σ₂²) − ½.
        var expected = Math.Log(2) + 1.0 / 8 - 0.5;

        Assert.Equal(expected, Divergence.KullbackLeibler(Densities.Normal(0, 1), Densities.Normal(0, 2), Wide), 1e-8);
    }

    [Fact]
    public void KullbackLeibler_InfiniteWhereQVanishes()
    {
        static double Uniform(double x, double lower, double upper) => x >= lower && x <= upper ? 1 / (upper - lower) : 0;
        var range = new IntegrationRange(-1, 3, 400);

        Assert.Equal(double.PositiveInfinity, Divergence.KullbackLeibler(x => Uniform(x, 0, 2), x => Uniform(x, 0, 1), range));
        Assert.True(double.IsFinite(Divergence.KullbackLeibler(x => Uniform(x, 0, 1), x => Uniform(x, 0, 2), range)));
    }

    [Fact]
    public void DivergencesNeverNegative()
    {
        var gaussian = BuiltInDistributions.Create("gaussian1d");
        var mixture = BuiltInDistributions.Create("mixture1d");
        var pairs = new (string Name, Func<double, double> P, Func<double, double> Q)[]
        {
            ("N(0,1) vs N(1,1)", Densities.Normal(0, 1), Densities.Normal(1, 1)),
            ("N(0,1) vs N(0,1.001)", Densities.Normal(0, 1), Densities.Normal(0, 1.001)),
            ("N(0,1) vs N(1e-6,1)", Densities.Normal(0, 1), Densities.Normal(1e-6, 1)),
            ("gaussian1d vs mixture1d", gaussian.Density, mixture.Density),
            ("mixture1d vs gaussian1d", mixture.Density, gaussian.Density),
            ("mixture1d vs N(0,2)", mixture.Density, Densities.Normal(0, 2)),
        };

        foreach (var (name, p, q) in pairs)
        {
            var kullbackLeibler = Divergence.KullbackLeibler(p, q, Wide);
            var jensenShannon = Divergence.JensenShannon(p, q, Wide);

            Assert.True(kullbackLeibler >= 0, $"KL({name}) = {kullbackLeibler}");
            Assert.True(jensenShannon >= 0, $"JSD({name}) = {jensenShannon}");
        }
    }

    [Fact]
    public void KullbackLeibler_NonNegativeOnTruncatedRange()
    {
        // On [0, 10] the plain integrand p ln(p / q) of N(0, 1) against N(0.001, 1) is mostly negative, and so is
        // its integral. The integrand with −p + q added stays non-negative.
        var divergence = Divergence.KullbackLeibler(Densities.Normal(0, 1), Densities.Normal(0.001, 1), new IntegrationRange(0, 10, 1000));

        Assert.True(divergence >= 0, $"KL = {divergence}");
    }

    [Fact]
    public void JensenShannon_AtMostLog2()
    {
        var range = new IntegrationRange(-40, 40, 16_000);
        var pairs = new (string Name, Func<double, double> P, Func<double, double> Q)[]
        {
            ("N(0,1) vs N(3,1)", Densities.Normal(0, 1), Densities.Normal(3, 1)),
            ("N(0,1) vs N(0,0.01)", Densities.Normal(0, 1), Densities.Normal(0, 0.1)),
            ("N(-30,1) vs N(30,1)", Densities.Normal(-30, 1), Densities.Normal(30, 1)),
        };

        foreach (var (name, p, q) in pairs)
        {
            var jensenShannon = Divergence.JensenShannon(p, q, range);

            Assert.True(jensenShannon <= Math.Log(2) + 1e-12, $"JSD({name}) = {jensenShannon} exceeds ln 2");
        }

        // Disjoint supports reach the bound.
        Assert.Equal(Math.Log(2), Divergence.JensenShannon(pairs[2].P, pairs[2].Q, range), 1e-9);
    }

    [Fact]
    public void JensenShannon2D_ReducesToOneDimension()
    {
        // The second coordinate has the same law under both densities, so it adds nothing to the divergence.
        var xRange = new IntegrationRange(-9, 10, 380);
        var yRange = new IntegrationRange(-9, 9, 360);

        var divergence = Divergence.JensenShannon(Densities.Normal2D(0, 0, 1), Densities.Normal2D(1, 0, 1), xRange, yRange);

        Assert.Equal(0.111421, divergence, 1e-5);
    }

    [Fact]
    public void KullbackLeibler2D_ClosedForm()
    {
        // KL(N(μ₁, I) ‖ N(μ₂, I)) = |μ₁ − μ₂|² / 2 = 1 for μ₂ − μ₁ = (1, 1).
        var range = new IntegrationRange(-9, 10, 380);

        var divergence = Divergence.KullbackLeibler(Densities.Normal2D(0, 0, 1), Densities.Normal2D(1, 1, 1), range, range);

        Assert.Equal(1.0, divergence, 1e-6);
    }

    [Fact]
    public void JensenShannon2D_SelfIsZeroOnMixture()
    {
        var mixture = new GaussianMixture("three", [[-1.0, 0.0], [1.0, 0.5], [0.0, -1.0]], 0.5);
        Func<double, double, double> density = (x, y) => mixture.Density([x, y]);
        var range = new IntegrationRange(-4, 4, 160);

        Assert.Equal(0.0, Divergence.JensenShannon(density, density, range, range));
        Assert.True(Divergence.JensenShannon(density, Densities.Normal2D(0, 0, 1), range, range) > 0);
    }

    [Theory]
    [InlineData(1e-6)]
    [InlineData(-9e-5)]
    [InlineData(9e-5)]
    [InlineData(2e-4)]
    [InlineData(-1e-3)]
    [InlineData(1e-2)]
    public void Integrands_MatchSeriesNearEqualDensities(double u)
    {
        // KL: p ln(p / q) − p + q = q Σ_{k≥2} (−1)^k u^k / (k(k − 1)) with p = q(1 + u).
        const double q = 0.3;
        var kullbackLeibler = q * Enumerable.Range(2, 12).Sum(k => Math.Pow(-u, k) / (k * (k - 1)));

        // JSD: ½ [p ln(p / m) + q ln(q / m)] = (s / 4) Σ_{k≥1} r^{2k} / (k(2k − 1)) with p, q = s(1 ± r) / 2.
        const double s = 0.8;
        var r = u;
        var jensenShannon = s / 4 * Enumerable.Range(1, 8).Sum(k => Math.Pow(r, 2 * k) / (k * (2 * k - 1)));

        Assert.Equal(1.0, Divergence.KullbackLeiblerIntegrand(q * (1 + u), q) / kullbackLeibler, 1e-9);
        Assert.Equal(1.0, Divergence.JensenShannonIntegrand(s * (1 + r) / 2, s * (1 - r) / 2) / jensenShannon, 1e-9);
    }

    [Fact]
    public void InvalidRangeIsRejected()
    {
        Assert.Throws<ArgumentException>(() => Divergence.JensenShannon(Densities.Normal(0, 1), Densities.Normal(0, 1), new IntegrationRange(-5, 5, 101)));
        Assert.Throws<ArgumentException>(() => Divergence.JensenShannon(Densities.Normal(0, 1), Densities.Normal(0, 1), new IntegrationRange(5, -5, 100)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Divergence.KullbackLeibler(_ => -1, Densities.Normal(0, 1), new IntegrationRange(-5, 5, 100)));
    }
}
