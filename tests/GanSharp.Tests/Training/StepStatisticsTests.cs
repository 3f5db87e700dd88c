using GanSharp.Data;
using GanSharp.Training;

namespace GanSharp.Tests.Training;

/// <summary>Checks that statistics read only at log steps are the same as statistics read after every step.</summary>
public sealed class StepStatisticsTests
{
    [Fact]
    public void ReadStatistics_BeforeAnyIteration_Throws()
    {
        using var trainer = CreateTrainer();

        var exception = Assert.Throws<InvalidOperationException>(() => trainer.ReadStatistics());

        Assert.Contains("TrainIteration", exception.Message);
    }

    [Fact]
    public void ReadStatistics_OnlyAtLogStep_EqualsReadingEveryStep()
    {
        using var everyStep = CreateTrainer();
        using var logStepsOnly = CreateTrainer();
        var readEveryStep = new List<StepStatistics>();

        for (var step = 0; step < 10; step++)
        {
            everyStep.TrainIteration();
            readEveryStep.Add(everyStep.ReadStatistics());
            logStepsOnly.TrainIteration();
        }

        var atLogStep = logStepsOnly.ReadStatistics();

        Assert.Equal(readEveryStep[^1], atLogStep);
        Assert.Equal(10, atLogStep.Step);
        Assert.Equal(-atLogStep.LossD, atLogStep.Value);
        Assert.InRange(atLogStep.DReal, 0, 1);
        Assert.InRange(atLogStep.DFake, 0, 1);

        // The numbers belong to the latest iteration, not to an earlier one.
        Assert.NotEqual(readEveryStep[^2].LossD, atLogStep.LossD);
        Assert.NotEqual(readEveryStep[^2].DFake, atLogStep.DFake);
    }

    [Fact]
    public void ReadStatistics_Twice_GivesSameNumbers()
    {
        using var trainer = CreateTrainer();
        trainer.TrainIteration();

        Assert.Equal(trainer.ReadStatistics(), trainer.ReadStatistics());
    }

    private static GanTrainer CreateTrainer()
    {
        var defaults = RunConfiguration.CreateDefault("ring8");
        var data = DataSourceFactory.Create(defaults.Data, defaults.Model.Design);
        return new GanTrainer(data, defaults.Model, defaults.Training with { BatchSize = 64 }, fixedNoiseCount: 4);
    }
}
