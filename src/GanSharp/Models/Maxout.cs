using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanSharp.Models;

/// <summary>
/// Maxout layer (Goodfellow et al., 2013): each of <c>outputs</c> units is the maximum of <c>pieces</c>
/// affine functions of the input.
/// </summary>
public sealed class Maxout : nn.Module<Tensor, Tensor>
{
    private readonly Linear linear;
    private readonly long outputs;
    private readonly long pieces;

    public Maxout(long inputs, long outputs, long pieces) : base(nameof(Maxout))
    {
        this.outputs = outputs;
        this.pieces = pieces;
        linear = nn.Linear(inputs, outputs * pieces);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        // [N, inputs] → [N, outputs · pieces] → [N, outputs, pieces] → max over pieces → [N, outputs]
        var affine = linear.forward(input);
        return affine.view(-1, outputs, pieces).amax(-1);
    }
}
