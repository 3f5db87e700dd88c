#!/usr/bin/env python3
"""Move a GanSharp run's weights through PyTorch and back.

1. Builds torch.nn modules equal to the run's generator and discriminator, from its config.json and model.json.
2. Loads the state dictionaries written by `gansharp export` with strict=True, so every name and shape must match.
3. Optionally compares the generator's output with `gansharp sample` output for the same seed (point runs only).
4. Takes one Adam step of each network in PyTorch with the GAN losses of the run, on noise and on generated points,
   and saves both networks with torch.save(model.state_dict(), path), ready for `gansharp train --init-generator`.

The script needs only PyTorch (Debian 12: apt-get install python3-torch, then run it with /usr/bin/python3).
See docs/PYTORCH.md for the whole round trip.
"""

import argparse
import csv
import json
import math
import os
import sys
from collections import OrderedDict

import torch
from torch import nn
import torch.nn.functional as F


class Maxout(nn.Module):
    """Each of `outputs` units is the maximum of `pieces` affine functions of the input."""

    def __init__(self, inputs, outputs, pieces):
        super().__init__()
        self.outputs = outputs
        self.pieces = pieces
        self.linear = nn.Linear(inputs, outputs * pieces)

    def forward(self, x):
        # [N, inputs] -> [N, outputs * pieces] -> [N, outputs, pieces] -> max over pieces -> [N, outputs]
        return self.linear(x).view(-1, self.outputs, self.pieces).amax(-1)


class MlpGenerator(nn.Module):
    """G(z): Linear and ReLU per hidden width, then a Linear to the data size and the output activation."""

    def __init__(self, latent_dim, hidden, sample_shape, output_activation):
        super().__init__()
        layers = []
        width = latent_dim
        for units in hidden:
            layers += [nn.Linear(width, units), nn.ReLU()]
            width = units
        layers.append(nn.Linear(width, math.prod(sample_shape)))
        if output_activation == "tanh":
            layers.append(nn.Tanh())
        elif output_activation == "sigmoid":
            layers.append(nn.Sigmoid())
        self.net = nn.Sequential(*layers)
        self.sample_shape = tuple(sample_shape)

    def forward(self, z):
        # [N, latent] -> [N, prod(sample_shape)] -> [N, *sample_shape]
        return self.net(z).view(z.shape[0], *self.sample_shape)


class MlpDiscriminator(nn.Module):
    """D(x) as a logit: per hidden width a Linear and LeakyReLU(0.2) (common) or a Maxout (goodfellow2014),
    then Dropout when it is above 0, and a final Linear to one logit."""

    def __init__(self, design, sample_shape, hidden, dropout, maxout_pieces):
        super().__init__()
        layers = []
        width = math.prod(sample_shape)
        for units in hidden:
            if design == "goodfellow2014":
                layers.append(Maxout(width, units, maxout_pieces))
            else:
                layers += [nn.Linear(width, units), nn.LeakyReLU(0.2)]
            if dropout > 0:
                layers.append(nn.Dropout(dropout))
            width = units
        layers.append(nn.Linear(width, 1))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        # [N, *sample_shape] -> [N, features] -> [N, 1] -> [N]
        return self.net(x.flatten(1)).squeeze(-1)


def dcgan_layout(size):
    """Return (start, stages): the side of the smallest feature map, 7 for 28 x 28 images and 4 otherwise, and the
    number of stride-2 stages from it to the image."""
    start = 7 if size == 28 else 4
    return start, round(math.log2(size / start))


class DcganGenerator(nn.Module):
    """G(z) of the DCGAN: a transposed convolution from z to start x start maps, stride-2 transposed convolutions with
    BatchNorm and ReLU that double the side, and a last one to the image with tanh."""

    def __init__(self, latent_dim, sample_shape, base_width):
        super().__init__()
        channels, size = sample_shape[0], sample_shape[1]
        start, stages = dcgan_layout(size)
        width = base_width << (stages - 1)
        layers = [
            ("project", nn.ConvTranspose2d(latent_dim, width, start, stride=1, padding=0, bias=False)),
            ("project_norm", nn.BatchNorm2d(width)),
            ("project_relu", nn.ReLU()),
        ]
        for block in range(stages - 2, -1, -1):
            units = base_width << block
            layers += [
                (f"up{block}", nn.ConvTranspose2d(width, units, 4, stride=2, padding=1, bias=False)),
                (f"up{block}_norm", nn.BatchNorm2d(units)),
                (f"up{block}_relu", nn.ReLU()),
            ]
            width = units
        layers += [
            ("output", nn.ConvTranspose2d(width, channels, 4, stride=2, padding=1)),
            ("output_tanh", nn.Tanh()),
        ]
        self.net = nn.Sequential(OrderedDict(layers))

    def forward(self, z):
        # [N, latent] -> [N, latent, 1, 1] -> [N, channels, size, size]
        return self.net(z.view(z.shape[0], z.shape[1], 1, 1))


class DcganDiscriminator(nn.Module):
    """D(x) of the DCGAN as a logit: stride-2 convolutions with LeakyReLU(0.2), BatchNorm from the second block on,
    and a convolution over the smallest map that gives one logit."""

    def __init__(self, sample_shape, base_width):
        super().__init__()
        channels, size = sample_shape[0], sample_shape[1]
        start, stages = dcgan_layout(size)
        width = base_width
        layers = [
            ("down0", nn.Conv2d(channels, width, 4, stride=2, padding=1)),
            ("down0_relu", nn.LeakyReLU(0.2)),
        ]
        for block in range(1, stages):
            units = base_width << block
            layers += [
                (f"down{block}", nn.Conv2d(width, units, 4, stride=2, padding=1, bias=False)),
                (f"down{block}_norm", nn.BatchNorm2d(units)),
                (f"down{block}_relu", nn.LeakyReLU(0.2)),
            ]
            width = units
        layers.append(("logit", nn.Conv2d(width, 1, start, stride=1, padding=0)))
        self.net = nn.Sequential(OrderedDict(layers))

    def forward(self, x):
        # [N, channels, size, size] -> [N, 1, 1, 1] -> [N]
        return self.net(x).flatten()


def build_models(run_folder):
    """Return (generator, discriminator, config, shape) for a GanSharp run folder."""
    with open(os.path.join(run_folder, "config.json")) as file:
        config = json.load(file)
    with open(os.path.join(run_folder, "model.json")) as file:
        shape = json.load(file)

    model = config["model"]
    if model.get("kind", "mlp") == "dcgan":
        generator = DcganGenerator(model["latent_dim"], shape["sample_shape"], model["generator_base_width"])
        discriminator = DcganDiscriminator(shape["sample_shape"], model["discriminator_base_width"])
        return generator, discriminator, config, shape

    design = model["design"]
    if shape["data_kind"] == "image":
        output_activation = "sigmoid" if design == "goodfellow2014" else "tanh"
    else:
        output_activation = "identity"

    generator = MlpGenerator(model["latent_dim"], model["generator_hidden"], shape["sample_shape"], output_activation)
    discriminator = MlpDiscriminator(
        design, shape["sample_shape"], model["discriminator_hidden"], model["dropout"], model["maxout_pieces"])
    return generator, discriminator, config, shape


def sample_noise(config, count, seed):
    """Draw noise as GanSharp does: randn, or rand * 2 - 1 for the uniform prior, from a CPU generator seeded with seed."""
    generator = torch.Generator().manual_seed(seed)
    latent_dim = config["model"]["latent_dim"]
    if config["model"]["noise_prior"] == "uniform":
        return torch.rand(count, latent_dim, generator=generator) * 2 - 1
    return torch.randn(count, latent_dim, generator=generator)


def compare_with_dotnet(generator, config, csv_path, seed):
    """Return the largest difference between PyTorch's samples and `gansharp sample --seed SEED` output."""
    with open(csv_path) as file:
        rows = [[float(cell) for cell in row] for row in list(csv.reader(file))[1:]]
    expected = torch.tensor(rows)
    with torch.no_grad():
        actual = generator(sample_noise(config, len(rows), seed)).view(len(rows), -1)
    return (actual - expected).abs().max().item()


def train_one_step(generator, discriminator, config, seed):
    """Take one Adam step of D, then of G, with the non-saturating or minimax loss, on generated points only.

    The real data stays in GanSharp, so D is pushed away from G's samples with the fake half of its loss, which is
    enough to show that the weights change in PyTorch and load back into GanSharp."""
    training = config["training"]
    torch.manual_seed(seed)
    betas = (training["beta1"], training["beta2"])
    optimizer_d = torch.optim.Adam(discriminator.parameters(), lr=training["learning_rate_d"], betas=betas)
    optimizer_g = torch.optim.Adam(generator.parameters(), lr=training["learning_rate_g"], betas=betas)
    noise = sample_noise(config, training["batch_size"], seed)

    # D step: descend -ln(1 - D(G(z))) = softplus(logit).
    with torch.no_grad():
        fake = generator(noise)
    loss_d = F.softplus(discriminator(fake)).mean()
    optimizer_d.zero_grad()
    loss_d.backward()
    optimizer_d.step()

    # G step: non-saturating -ln D(G(z)) = softplus(-logit), or minimax ln(1 - D(G(z))) = -softplus(logit).
    logits = discriminator(generator(noise))
    if training["objective"] == "minimax":
        loss_g = -F.softplus(logits).mean()
    else:
        loss_g = F.softplus(-logits).mean()
    optimizer_g.zero_grad()
    loss_g.backward()
    optimizer_g.step()
    return loss_d.item(), loss_g.item()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", help="GanSharp run folder (config.json, model.json)")
    parser.add_argument("--export", help="folder written by gansharp export (default: RUN/pytorch)")
    parser.add_argument("--compare", help="CSV written by gansharp sample for the same run, to compare outputs")
    parser.add_argument("--seed", type=int, default=0, help="the --seed given to gansharp sample (default 0)")
    parser.add_argument("--out", required=True, help="folder for the PyTorch-trained generator.pt and discriminator.pt")
    arguments = parser.parse_args()

    export = arguments.export or os.path.join(arguments.run, "pytorch")
    generator, discriminator, config, shape = build_models(arguments.run)
    generator.load_state_dict(torch.load(os.path.join(export, "generator.pt")), strict=True)
    discriminator.load_state_dict(torch.load(os.path.join(export, "discriminator.pt")), strict=True)
    generator.eval()
    discriminator.eval()
    print(f"Loaded {len(generator.state_dict())} generator and {len(discriminator.state_dict())} discriminator tensors "
          f"from {export} with strict=True (torch {torch.__version__})")

    if arguments.compare:
        difference = compare_with_dotnet(generator, config, arguments.compare, arguments.seed)
        print(f"Largest difference from gansharp sample: {difference:.3g}")
        if not difference <= 1e-4:
            print("The outputs differ; if torch's random streams differ from libtorch's, the noise differs too.",
                  file=sys.stderr)

    generator.train()
    discriminator.train()
    loss_d, loss_g = train_one_step(generator, discriminator, config, arguments.seed)
    os.makedirs(arguments.out, exist_ok=True)
    torch.save(generator.state_dict(), os.path.join(arguments.out, "generator.pt"))
    torch.save(discriminator.state_dict(), os.path.join(arguments.out, "discriminator.pt"))
    print(f"Took one PyTorch step (loss_D {loss_d:.4f}, loss_G {loss_g:.4f}) and wrote {arguments.out}/generator.pt "
          f"and discriminator.pt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
