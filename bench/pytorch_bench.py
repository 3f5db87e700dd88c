#!/usr/bin/python3
"""The GanSharp benchmarks written in PyTorch: the same networks, minibatches, optimizers and training step.

Usage: pytorch_bench.py list
       pytorch_bench.py run NAME [--threads N] [--repeats R] [--seconds S] [--warmup S]

"run" times one benchmark and prints one JSON line with the fields that GanSharp.Bench prints.
"""

import argparse
import gzip
import json
import math
import os
import statistics
import struct
import sys
import time

import torch
from torch import nn
from torch.nn import functional as F

LOG_INTERVAL = 10
MNIST_IMAGES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "mnist", "mnist-images-idx3-ubyte.gz")


# Data --------------------------------------------------------------------------------------------------------------

class GaussianData:
    """N(3, 0.5²) drawn as GanSharp's one-component mixture draws it: a component index, then a float64 offset."""

    def __init__(self, generator):
        self.generator = generator
        self.thresholds = torch.tensor([1.0], dtype=torch.float64)
        self.centres = torch.tensor([[3.0]], dtype=torch.float64)

    def sample(self, count):
        uniform = torch.rand(count, generator=self.generator, dtype=torch.float64)
        component = torch.searchsorted(self.thresholds, uniform, right=True).clamp_max(0)
        offsets = torch.randn(count, 1, generator=self.generator, dtype=torch.float64) * 0.5
        return (self.centres.index_select(0, component) + offsets).to(torch.float32)


class DigitData:
    """The bundled digits scaled to [−1, 1], drawn by shuffled epochs like GanSharp's IDX source."""

    def __init__(self, generator):
        self.generator = generator
        with gzip.open(MNIST_IMAGES, "rb") as file:
            _, count, rows, columns = struct.unpack(">iiii", file.read(16))
            pixels = torch.frombuffer(bytearray(file.read(count * rows * columns)), dtype=torch.uint8)
        self.images = pixels.view(count, 1, rows, columns).to(torch.float32).div_(127.5).sub_(1.0)
        self.permutation = []
        self.position = 0

    def sample(self, count):
        indices = []
        while len(indices) < count:
            if self.position == len(self.permutation):
                self.permutation = torch.randperm(self.images.shape[0], generator=self.generator).tolist()
                self.position = 0
            take = min(count - len(indices), len(self.permutation) - self.position)
            indices.extend(self.permutation[self.position:self.position + take])
            self.position += take
        return self.images.index_select(0, torch.tensor(indices))


# Networks ----------------------------------------------------------------------------------------------------------

class MlpGenerator(nn.Module):
    def __init__(self, latent, hidden, sample_shape, tanh):
        super().__init__()
        layers, width = [], latent
        for size in hidden:
            layers += [nn.Linear(width, size), nn.ReLU()]
            width = size
        layers.append(nn.Linear(width, math.prod(sample_shape)))
        if tanh:
            layers.append(nn.Tanh())
        self.net = nn.Sequential(*layers)
        self.sample_shape = sample_shape

    def forward(self, noise):
        flat = self.net(noise)
        return flat.view(flat.shape[0], *self.sample_shape)


class MlpDiscriminator(nn.Module):
    def __init__(self, sample_shape, hidden, dropout):
        super().__init__()
        layers, width = [], math.prod(sample_shape)
        for size in hidden:
            layers += [nn.Linear(width, size), nn.LeakyReLU(0.2)]
            if dropout > 0:
                layers.append(nn.Dropout(dropout))
            width = size
        layers.append(nn.Linear(width, 1))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x.flatten(1)).squeeze(-1)


# Benchmarks --------------------------------------------------------------------------------------------------------

def mlp_1d():
    return dict(latent=8, batch=256, lr=1e-3, images=False, data=GaussianData,
                generator=lambda: MlpGenerator(8, [64, 64], [1], tanh=False),
                discriminator=lambda: MlpDiscriminator([1], [64, 64], 0.0))


def mlp_mnist(batch):
    return lambda: dict(latent=100, batch=batch, lr=2e-4, images=True, data=DigitData,
                        generator=lambda: MlpGenerator(100, [256, 512, 1024], [1, 28, 28], tanh=True),
                        discriminator=lambda: MlpDiscriminator([1, 28, 28], [512, 256], 0.3))


class DcganGenerator(nn.Module):
    """GanSharp's DCGAN generator for 28 × 28 images: 7 × 7 projection, then two transposed convolutions."""

    def __init__(self, latent, width):
        super().__init__()
        self.net = nn.Sequential(
            nn.ConvTranspose2d(latent, 2 * width, 7, stride=1, padding=0, bias=False),
            nn.BatchNorm2d(2 * width), nn.ReLU(),
            nn.ConvTranspose2d(2 * width, width, 4, stride=2, padding=1, bias=False),
            nn.BatchNorm2d(width), nn.ReLU(),
            nn.ConvTranspose2d(width, 1, 4, stride=2, padding=1), nn.Tanh())

    def forward(self, noise):
        return self.net(noise.view(noise.shape[0], noise.shape[1], 1, 1))


class DcganDiscriminator(nn.Module):
    """GanSharp's DCGAN discriminator for 28 × 28 images: two strided convolutions, then a 7 × 7 logit."""

    def __init__(self, width):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(1, width, 4, stride=2, padding=1), nn.LeakyReLU(0.2),
            nn.Conv2d(width, 2 * width, 4, stride=2, padding=1, bias=False),
            nn.BatchNorm2d(2 * width), nn.LeakyReLU(0.2),
            nn.Conv2d(2 * width, 1, 7, stride=1, padding=0))

    def forward(self, x):
        return self.net(x).flatten()


# GanSharp's default DCGAN base width; the report compares both sides' FLOP counts, which differ if this drifts.
DCGAN_WIDTH = 32


def dcgan_mnist():
    return dict(latent=100, batch=64, lr=2e-4, images=True, data=DigitData,
                generator=lambda: DcganGenerator(100, DCGAN_WIDTH),
                discriminator=lambda: DcganDiscriminator(DCGAN_WIDTH))


BENCHMARKS = {
    "mlp-1d": mlp_1d,
    "mlp-mnist": mlp_mnist(64),
    "mlp-mnist-b256": mlp_mnist(256),
    "dcgan-mnist": dcgan_mnist,
}


class Trainer:
    """One iteration of Algorithm 1 with k = 1, the non-saturating generator loss and Adam with β = (0.5, 0.999)."""

    def __init__(self, spec, seed=1):
        torch.manual_seed(seed)
        self.G = spec["generator"]()
        self.D = spec["discriminator"]()
        self.data = spec["data"](torch.Generator().manual_seed(seed + 1))
        self.noise_generator = torch.Generator().manual_seed(seed + 2)
        self.batch, self.latent = spec["batch"], spec["latent"]
        self.opt_g = torch.optim.Adam(self.G.parameters(), lr=spec["lr"], betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(self.D.parameters(), lr=spec["lr"], betas=(0.5, 0.999))
        self.d_parameters = list(self.D.parameters())
        self.last = None

    def iteration(self):
        # Update D: ascend mean ln D(x) + mean ln(1 − D(G(z))), as the descent of the two softplus terms.
        real = self.data.sample(self.batch)
        noise = torch.randn(self.batch, self.latent, generator=self.noise_generator)
        with torch.no_grad():
            fake = self.G(noise)
        real_logits = self.D(real)
        fake_logits = self.D(fake)
        loss_d = F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()
        self.opt_d.zero_grad()
        loss_d.backward()
        self.opt_d.step()

        # Update G: descend −mean ln D(G(z)) with D's weights frozen.
        noise = torch.randn(self.batch, self.latent, generator=self.noise_generator)
        for parameter in self.d_parameters:
            parameter.requires_grad_(False)
        loss_g = F.softplus(-self.D(self.G(noise))).mean()
        self.opt_g.zero_grad()
        loss_g.backward()
        self.opt_g.step()
        for parameter in self.d_parameters:
            parameter.requires_grad_(True)

        self.last = (loss_d.detach(), loss_g.detach(), real_logits.detach(), fake_logits.detach())

    def read_statistics(self):
        loss_d, loss_g, real_logits, fake_logits = self.last
        return (loss_d.item(), loss_g.item(), real_logits.sigmoid().mean().item(), fake_logits.sigmoid().mean().item())


def layer_forward_flops(network, inputs):
    """Forward operations of each linear and convolution layer, counted as in GanSharp.Bench's FlopCount."""
    flops, handles = [], []

    def per_output(module, layer_input, output):
        flops.append(2.0 * output.numel() * module.weight[0].numel())

    def per_input(module, layer_input, output):
        flops.append(2.0 * layer_input[0].numel() * module.weight[0].numel())

    for module in network.modules():
        if isinstance(module, (nn.Linear, nn.Conv2d)):
            handles.append(module.register_forward_hook(per_output))
        elif isinstance(module, nn.ConvTranspose2d):
            handles.append(module.register_forward_hook(per_input))
    with torch.no_grad():
        network(inputs)
    for handle in handles:
        handle.remove()
    return flops


def flops_per_iteration(generator, discriminator, k=1):
    g, d = sum(generator), sum(discriminator)
    d_step = g + 2 * d + 2 * d + 2 * (d - discriminator[0])
    g_step = g + d + d + g + (g - generator[0])
    return k * d_step + g_step


def memory_mib(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    return float("nan")


def quartiles(values):
    ordered = sorted(values)

    def quantile(p):
        position = p * (len(ordered) - 1)
        below = math.floor(position)
        above = min(below + 1, len(ordered) - 1)
        return ordered[below] + (position - below) * (ordered[above] - ordered[below])

    return quantile(0.5), quantile(0.25), quantile(0.75)


def matrix_product_gflops(size=1024, repeats=15):
    generator = torch.Generator().manual_seed(0)
    left = torch.randn(size, size, generator=generator)
    right = torch.randn(size, size, generator=generator)
    for _ in range(3):
        left.matmul(right)
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        left.matmul(right)
        rates.append(2.0 * size ** 3 / (time.perf_counter() - start) / 1e9)
    return statistics.median(rates)


def train_log_interval(trainer):
    for _ in range(LOG_INTERVAL):
        trainer.iteration()
    trainer.read_statistics()
    return LOG_INTERVAL


def run(name, threads, repeats, seconds, warmup):
    if threads > 0:
        torch.set_num_threads(threads)
    spec = BENCHMARKS[name]()
    trainer = Trainer(spec)
    noise = torch.randn(spec["batch"], spec["latent"], generator=torch.Generator().manual_seed(0))
    generator_flops = layer_forward_flops(trainer.G, noise)
    with torch.no_grad():
        fake = trainer.G(noise)
    flops = flops_per_iteration(generator_flops, layer_forward_flops(trainer.D, fake))

    start, steps = time.perf_counter(), 0
    while time.perf_counter() - start < warmup or steps < 5 * LOG_INTERVAL:
        steps += train_log_interval(trainer)
    resident_after_warm_up = memory_mib("VmRSS:")

    rates, resident_by_repeat, timed_steps = [], [], 0
    processor_time = time.process_time()
    for _ in range(repeats):
        start, repeat_steps = time.perf_counter(), 0
        while time.perf_counter() - start < seconds:
            repeat_steps += train_log_interval(trainer)
        rates.append(repeat_steps / (time.perf_counter() - start))
        timed_steps += repeat_steps
        resident_by_repeat.append(memory_mib("VmRSS:"))

    processor_time = time.process_time() - processor_time
    peak, resident_at_end = memory_mib("VmHWM:"), memory_mib("VmRSS:")
    median, q1, q3 = quartiles(rates)
    return {
        "implementation": "pytorch", "name": name, "threads": torch.get_num_threads(), "batch_size": spec["batch"],
        "steps_per_second": median, "steps_per_second_q1": q1, "steps_per_second_q3": q3,
        "images_per_second": median * spec["batch"] if spec["images"] else None,
        "gflop_per_step": flops / 1e9, "gflops": median * flops / 1e9, "matmul_gflops": matrix_product_gflops(),
        "peak_rss_mib": peak, "rss_after_warm_up_mib": resident_after_warm_up, "rss_at_end_mib": resident_at_end,
        "rss_by_repeat_mib": resident_by_repeat,
        "managed_bytes_per_step": None, "cpu_milliseconds_per_step": 1000 * processor_time / timed_steps,
        "steps": timed_steps, "torch_version": torch.__version__,
    }


def operation_overhead(repeats=200_000):
    """Microseconds per call of an in-place add on a one-element tensor: the cost of one operation's dispatch."""
    tensor = torch.zeros(1)
    for _ in range(1000):
        tensor.add_(1)
    start = time.perf_counter()
    for _ in range(repeats):
        tensor.add_(1)
    return 1e6 * (time.perf_counter() - start) / repeats


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["list", "run", "overhead"])
    parser.add_argument("name", nargs="?")
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=1.5)
    parser.add_argument("--warmup", type=float, default=2.0)
    arguments = parser.parse_args()
    if arguments.command == "list":
        print("\n".join(BENCHMARKS))
        return 0
    if arguments.command == "overhead":
        torch.set_num_threads(max(arguments.threads, 1))
        print(json.dumps({"implementation": "pytorch", "operation_microseconds": operation_overhead()}))
        return 0
    if arguments.name not in BENCHMARKS:
        print(f"Unknown benchmark '{arguments.name}': use {', '.join(BENCHMARKS)}.", file=sys.stderr)
        return 2
    print(json.dumps(run(arguments.name, arguments.threads, arguments.repeats, arguments.seconds, arguments.warmup)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
