using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GanSharp.Bench;
using GanSharp.Training;
using static TorchSharp.torch;

// Usage: GanSharp.Bench list
//        GanSharp.Bench run NAME [--threads N] [--repeats R] [--seconds S] [--warmup S]
//        GanSharp.Bench overhead [--threads N]
// "run" times one benchmark and prints one JSON line. Run each benchmark in a process of its own, because the peak
// resident memory of a process covers everything it ran.
GanSharp.Runtime.TorchNativeLoader.EnsureLoaded();
if (args is ["list"])
{
    foreach (var benchmark in BenchmarkCase.All)
    {
        Console.WriteLine(benchmark.Name);
    }

    return 0;
}

if (args.Length >= 1 && args[0] == "overhead")
{
    var overheadOptions = BenchOptions.Parse(args[1..]);
    set_num_threads(Math.Max(overheadOptions.Threads, 1));
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        implementation = "gansharp",
        operation_microseconds = OverheadProbe.OperationMicroseconds(),
        sample_microseconds = BenchmarkCase.All.ToDictionary(
            benchmark => benchmark.Name,
            benchmark =>
            {
                var data = benchmark.OpenData();
                var microseconds = OverheadProbe.SampleMicroseconds(data, benchmark.Configuration.Training.BatchSize);
                (data as IDisposable)?.Dispose();
                return microseconds;
            }),
    }));
    return 0;
}

if (args.Length < 2 || args[0] != "run")
{
    Console.Error.WriteLine("Usage: GanSharp.Bench list | overhead [--threads N] | run NAME [--threads N] [--repeats R] [--seconds S] [--warmup S]");
    return 2;
}

var options = BenchOptions.Parse(args[2..]);
if (options.Threads > 0)
{
    set_num_threads(options.Threads);
}

var result = BenchmarkRunner.Run(BenchmarkCase.Find(args[1]), options);
Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
return 0;

namespace GanSharp.Bench
{
    internal sealed record BenchOptions(int Threads, int Repeats, double Seconds, double WarmUpSeconds)
    {
        public static BenchOptions Parse(string[] arguments)
        {
            var options = new BenchOptions(Threads: 0, Repeats: 7, Seconds: 1.5, WarmUpSeconds: 2);
            for (var index = 0; index + 1 < arguments.Length; index += 2)
            {
                var value = arguments[index + 1];
                options = arguments[index] switch
                {
                    "--threads" => options with { Threads = int.Parse(value, CultureInfo.InvariantCulture) },
                    "--repeats" => options with { Repeats = int.Parse(value, CultureInfo.InvariantCulture) },
                    "--seconds" => options with { Seconds = double.Parse(value, CultureInfo.InvariantCulture) },
                    "--warmup" => options with { WarmUpSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                    _ => throw new ArgumentException($"Unknown option '{arguments[index]}'."),
                };
            }

            return options;
        }
    }

    /// <summary>What one benchmark measured; written as one JSON line.</summary>
    internal sealed record BenchmarkResult(
        string Implementation,
        string Name,
        int Threads,
        int BatchSize,
        double StepsPerSecond,
        double StepsPerSecondQ1,
        double StepsPerSecondQ3,
        double? ImagesPerSecond,
        double GflopPerStep,
        double Gflops,
        double MatmulGflops,
        double PeakRssMib,
        double RssAfterWarmUpMib,
        double RssAtEndMib,
        double[] RssByRepeatMib,
        long LiveTensorsAfterWarmUp,
        long LiveTensorsAtEnd,
        double ManagedBytesPerStep,
        double CpuMillisecondsPerStep,
        long Steps);

    internal static class BenchmarkRunner
    {
        public static BenchmarkResult Run(BenchmarkCase benchmark, BenchOptions options)
        {
            var configuration = benchmark.Configuration;
            var training = configuration.Training with { Steps = int.MaxValue };
            var data = benchmark.OpenData();
            using var trainer = new GanTrainer(data, configuration.Model, training, fixedNoiseCount: 1);
            var flopsPerStep = CountFlops(trainer, data, training);

            // Warm up: the JIT, libtorch's allocator and the CPU caches settle.
            var warmUp = Stopwatch.StartNew();
            long steps = 0;
            while (warmUp.Elapsed.TotalSeconds < options.WarmUpSeconds || steps < 5 * BenchmarkCase.LogInterval)
            {
                steps += TrainLogInterval(trainer);
            }

            var residentAfterWarmUp = ProcessMemory.ResidentMiB();
            var liveTensors = TorchSharp.DisposeScopeManager.Statistics.TensorStatistics;
            var liveAfterWarmUp = liveTensors.ThreadTotalLiveCount;
            var rates = new List<double>();
            var residentByRepeat = new List<double>();
            long timedSteps = 0;
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var processorTimeBefore = Process.GetCurrentProcess().TotalProcessorTime;
            for (var repeat = 0; repeat < options.Repeats; repeat++)
            {
                var clock = Stopwatch.StartNew();
                long repeatSteps = 0;
                while (clock.Elapsed.TotalSeconds < options.Seconds)
                {
                    repeatSteps += TrainLogInterval(trainer);
                }

                rates.Add(repeatSteps / clock.Elapsed.TotalSeconds);
                timedSteps += repeatSteps;
                residentByRepeat.Add(ProcessMemory.ResidentMiB());
            }

            var allocatedPerStep = (double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / timedSteps;
            var processorTimePerStep = (Process.GetCurrentProcess().TotalProcessorTime - processorTimeBefore).TotalMilliseconds / timedSteps;
            var liveAtEnd = liveTensors.ThreadTotalLiveCount;
            var peakResident = ProcessMemory.PeakResidentMiB();
            var residentAtEnd = ProcessMemory.ResidentMiB();
            var matrixProduct = MatrixProductRate.Measure();
            (data as IDisposable)?.Dispose();

            var rate = Summary.Of(rates);
            return new BenchmarkResult(
                "gansharp", benchmark.Name, get_num_threads(), training.BatchSize,
                rate.Median, rate.LowerQuartile, rate.UpperQuartile,
                benchmark.ReportsImages ? rate.Median * training.BatchSize : null,
                flopsPerStep / 1e9, rate.Median * flopsPerStep / 1e9, matrixProduct.Median,
                peakResident, residentAfterWarmUp, residentAtEnd, residentByRepeat.ToArray(), liveAfterWarmUp, liveAtEnd, allocatedPerStep, processorTimePerStep, timedSteps);
        }

        /// <summary>
        /// Trains one log interval, reads the statistics of its last step and trims the C heap, as a training run does.
        /// </summary>
        private static int TrainLogInterval(GanTrainer trainer)
        {
            for (var step = 0; step < BenchmarkCase.LogInterval; step++)
            {
                trainer.TrainIteration();
            }

            trainer.ReadStatistics();
            GanSharp.Runtime.NativeHeap.Trim();
            return BenchmarkCase.LogInterval;
        }

        private static double CountFlops(GanTrainer trainer, GanSharp.Data.IDataSource data, TrainingOptions training)
        {
            using var scope = NewDisposeScope();
            using var noise = new Generator(0);
            var z = randn(training.BatchSize, trainer.Model.LatentDim, generator: noise);
            var generatorFlops = FlopCount.LayerForwardFlops(trainer.Generator, z);
            var discriminatorFlops = FlopCount.LayerForwardFlops(trainer.Discriminator, trainer.Generator.forward(z).detach());
            return FlopCount.PerIteration(generatorFlops, discriminatorFlops, training.K);
        }
    }
}
