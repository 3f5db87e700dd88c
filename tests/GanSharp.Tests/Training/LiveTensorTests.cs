using GanSharp.Data;
using GanSharp.Training;
using TorchSharp;

namespace GanSharp.Tests.Training;

public sealed class LiveTensorTests
{
    [Fact]
    public void PointRun_KeepsLiveTensorCountFlat()
    {
        var defaults = RunConfiguration.CreateDefault("ring8");
        var data = DataSourceFactory.Create(defaults.Data, defaults.Model.Design);
        using var trainer = new GanTrainer(data, defaults.Model, defaults.Training);
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;

        // TorchSharp 0.107 counts tensors per thread: created minus disposed on this thread, whether or not a
        // dispose scope owned them. xunit runs a test on one thread, so other tests do not disturb the count.
        long? liveAtStep1000 = null;
        while (trainer.Step < 3_000)
        {
            trainer.TrainIteration();
            if (trainer.Step == 1_000)
            {
                liveAtStep1000 = statistics.ThreadTotalLiveCount;
            }
        }

        var liveAtStep3000 = statistics.ThreadTotalLiveCount;

        Assert.NotNull(liveAtStep1000);
        Assert.True(liveAtStep1000 > 0);
        Assert.Equal(liveAtStep1000, liveAtStep3000);
    }
}
