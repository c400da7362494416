#!/usr/bin/env python3
"""A small generator with the interface of NVlabs stylegan2-ada-pytorch's G_ema, in PyTorch, with random weights.

No real StyleGAN2 pickle can be fetched where the workbench is developed, so `stylegan2_ada.py` is tested on this
network pickled the way NVlabs pickles are ({"G_ema": G, ...}). It has the attributes and calls that worker
uses: z_dim, w_dim, c_dim (0), num_ws, img_resolution, img_channels; mapping(z, c, truncation_psi) -> ws
[N, num_ws, w_dim] (an MLP on the pixel-normalised z, truncation toward w_avg); synthesis(ws, noise_mode) ->
images [N, 3, 64, 64]; synthesis blocks b4 ... b64, each a module returning (features, image) as NVlabs'
SynthesisBlock does, with weight-demodulated 3x3 convolutions and a toRGB per block, the W+ layers shared
between a block's toRGB and the next block's first convolution as in StyleGAN2. It makes textures, not faces.

Usage: python3 tools/workers/torch_stylegan_standin.py --write standin.pkl [--seed 0]
"""

import argparse
import os
import pickle
import sys

import torch
from torch import nn

Z_DIM, W_DIM, CHANNELS, RESOLUTION = 32, 32, 16, 64


class MappingNetwork(nn.Module):
    def __init__(self, num_ws):
        super().__init__()
        self.num_ws = num_ws
        self.layers = nn.ModuleList(nn.Linear(Z_DIM if i == 0 else W_DIM, W_DIM) for i in range(4))
        for layer in self.layers:
            nn.init.normal_(layer.weight, std=(2 / layer.in_features) ** 0.5)
            nn.init.zeros_(layer.bias)
        self.register_buffer("w_avg", torch.zeros(W_DIM))

    def forward(self, z, c, truncation_psi=1, truncation_cutoff=None, update_emas=False):
        x = z * (z.square().mean(dim=1, keepdim=True) + 1e-8).rsqrt()
        for layer in self.layers:
            x = nn.functional.leaky_relu(layer(x), 0.2)
        ws = x.unsqueeze(1).repeat(1, self.num_ws, 1)
        if truncation_psi != 1:
            cutoff = self.num_ws if truncation_cutoff is None else truncation_cutoff
            ws[:, :cutoff] = self.w_avg.lerp(ws[:, :cutoff], truncation_psi)
        return ws


class ModulatedConv(nn.Module):
    """A 3x3 convolution whose input channels are scaled by an affine map of w, then demodulated."""

    def __init__(self, channels_out, kernel=3, demodulate=True, style_spread=0.3):
        super().__init__()
        self.affine = nn.Linear(W_DIM, CHANNELS)
        nn.init.normal_(self.affine.weight, std=style_spread)
        nn.init.ones_(self.affine.bias)
        self.weight = nn.Parameter(torch.randn(channels_out, CHANNELS, kernel, kernel))
        self.bias = nn.Parameter(torch.randn(channels_out) * 0.1)
        self.demodulate = demodulate

    def forward(self, x, w):
        n = x.shape[0]
        weight = self.weight[None] * self.affine(w)[:, None, :, None, None]
        if self.demodulate:
            weight = weight * (weight.square().sum(dim=[2, 3, 4], keepdim=True) + 1e-8).rsqrt()
        out = nn.functional.conv2d(x.reshape(1, -1, *x.shape[2:]), weight.reshape(-1, *weight.shape[2:]),
                                   padding=self.weight.shape[-1] // 2, groups=n)
        return out.reshape(n, -1, *out.shape[2:]) + self.bias[None, :, None, None]


class SynthesisBlock(nn.Module):
    def __init__(self, resolution):
        super().__init__()
        self.resolution = resolution
        self.num_conv = 1 if resolution == 4 else 2
        self.num_torgb = 1
        if resolution == 4:
            self.const = nn.Parameter(torch.randn(CHANNELS, 4, 4))
        self.convs = nn.ModuleList(ModulatedConv(CHANNELS) for _ in range(self.num_conv))
        self.torgb = ModulatedConv(3, kernel=1, demodulate=False, style_spread=1.0)

    def forward(self, x, img, ws, **kwargs):
        if self.resolution == 4:
            x = self.const[None].repeat(ws.shape[0], 1, 1, 1)
        else:
            x = nn.functional.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False)
        for i, conv in enumerate(self.convs):
            x = nn.functional.leaky_relu(conv(x, ws[:, i]), 0.2)
        y = self.torgb(x, ws[:, self.num_conv]) * 0.15
        img = y if img is None else nn.functional.interpolate(img, scale_factor=2, mode="bilinear", align_corners=False) + y
        return x, img


class SynthesisNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.block_resolutions = [4 << i for i in range(RESOLUTION.bit_length() - 2)]
        self.num_ws = 0
        for resolution in self.block_resolutions:
            block = SynthesisBlock(resolution)
            setattr(self, f"b{resolution}", block)
            self.num_ws += block.num_conv
        self.num_ws += 1  # the last toRGB

    def forward(self, ws, noise_mode="const", **kwargs):
        x = img = None
        w_index = 0
        for resolution in self.block_resolutions:
            block = getattr(self, f"b{resolution}")
            x, img = block(x, img, ws.narrow(1, w_index, block.num_conv + block.num_torgb))
            w_index += block.num_conv
        return torch.tanh(img)


class StandInGenerator(nn.Module):
    """G_ema's interface: z_dim, w_dim, c_dim, num_ws, img_resolution, img_channels, mapping, synthesis."""

    def __init__(self):
        super().__init__()
        self.z_dim, self.w_dim, self.c_dim = Z_DIM, W_DIM, 0
        self.img_resolution, self.img_channels = RESOLUTION, 3
        self.synthesis = SynthesisNetwork()
        self.num_ws = self.synthesis.num_ws
        self.mapping = MappingNetwork(self.num_ws)

    def forward(self, z, c, truncation_psi=1, noise_mode="const"):
        return self.synthesis(self.mapping(z, c, truncation_psi=truncation_psi), noise_mode=noise_mode)


def build(seed):
    torch.manual_seed(seed)
    generator = StandInGenerator().eval()
    with torch.no_grad():
        z = torch.randn(4096, Z_DIM, generator=torch.Generator().manual_seed(seed + 1))
        generator.mapping.w_avg.copy_(generator.mapping(z, None)[:, 0].mean(dim=0))
    return generator


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--write", required=True, help="where to write the pickle")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    # Pickled under the module's own name (not __main__), so that a worker that can import it can unpickle it.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import torch_stylegan_standin
    with open(args.write, "wb") as file:
        pickle.dump({"G_ema": torch_stylegan_standin.build(args.seed)}, file)


if __name__ == "__main__":
    main()
