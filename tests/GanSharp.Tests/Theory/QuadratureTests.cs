using GanSharp.Theory;

namespace GanSharp.Tests.Theory;

public sealed class QuadratureTests
{
    [Fact]
    public void Simpson_ExactForCubics()
    {
        // Simpson's rule integrates polynomials up to degree 3 exactly, with any even number of subintervals.
        Assert.Equal(0.25, Quadrature.Simpson(x => x * x * x, new IntegrationRange(0, 1, 2)), 1e-15);
        Assert.Equal(2.0 / 3 + 3, Quadrature.Simpson(x => x * x - 2 * x + 1.5, new IntegrationRange(-1, 1, 6)), 1e-14);
    }

    [Fact]
    public void Simpson2D_ExactForProductOfCubics()
    {
        // ∫₀¹ ∫₀² x² y³ dy dx = (1/3) · 4.
        var integral = Quadrature.Simpson((x, y) => x * x * y * y * y, new IntegrationRange(0, 1, 4), new IntegrationRange(0, 2, 2));

        Assert.Equal(4.0 / 3, integral, 1e-14);
    }
}
