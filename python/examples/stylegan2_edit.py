#!/usr/bin/env python3
"""Edit StyleGAN2 W codes with a GradCtrl bundle, in W+ layers, and save an edit strip.

With a stylegan2-ada-pytorch network (run from a checkout of NVlabs/stylegan2-ada-pytorch, or with it on
PYTHONPATH, so that the pickle's `dnnlib` and `torch_utils` import):

    python3 python/examples/stylegan2_edit.py --network ffhq.pkl --bundle smile.bundle.safetensors \\
        --to yes --layers 4:8 --count 4 --out smile-strip.png

The bundle must be trained on that network's W codes: sample z, keep `G.mapping(z, None)[:, 0]` as w.npy,
label the images, then `swift run Dataset import-latents --latents w.npy --labels w.csv --classes smile=no,yes`
and `swift run Trainer --attribute smile --dataset data/external-w --layers 4:8` (or without --layers, and
choose them here). No real StyleGAN pickle is available where this was written, so `--standin` replaces the
network with a small StyleGAN2-shaped module with random weights defined below (same interface: `z_dim`,
`w_dim`, `num_ws`, `mapping(z, c, truncation_psi=...)`, `synthesis(ws, noise_mode='const')`), whose W is
N(0, I) in the bundle's dimension, so any bundle runs (for example the main job's
checkpoints/dcgan-digiface-64-n20000-s0/color/color.bundle.safetensors, whose latents are N(0, I)): the strip then shows random textures whose
edited layers change; the printed target probabilities show the edit itself.

Writes a PNG strip: one row per latent, the start then every step, each image from the W+ code that holds the
path's point in the edited layers and the start w0 in the others. Needs numpy and torch (no PIL).
"""

import argparse
import math
import os
import pickle
import struct
import sys
import zlib

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))  # gradctrl_bundle, uninstalled
import gradctrl_bundle as gb  # noqa: E402


class StandInMapping(nn.Module):
    """z → w by a fixed orthogonal matrix (so w ~ N(0, I) like z), broadcast to every W+ layer, with truncation
    toward w_avg = 0 as StyleGAN2's mapping network does."""

    def __init__(self, z_dim, w_dim, num_ws, generator):
        super().__init__()
        self.z_dim, self.w_dim, self.num_ws = z_dim, w_dim, num_ws
        q, _ = torch.linalg.qr(torch.randn(max(z_dim, w_dim), max(z_dim, w_dim), generator=generator))
        self.register_buffer("matrix", q[:z_dim, :w_dim] * math.sqrt(max(z_dim, w_dim) / z_dim))
        self.register_buffer("w_avg", torch.zeros(w_dim))

    def forward(self, z, c, truncation_psi=1, truncation_cutoff=None):
        w = z @ self.matrix
        w = self.w_avg + truncation_psi * (w - self.w_avg)
        return w.unsqueeze(1).repeat(1, self.num_ws, 1)


class ModulatedConv(nn.Module):
    """StyleGAN2's weight-modulated, demodulated 3×3 convolution, its style an affine map of one W+ code."""

    def __init__(self, w_dim, channels_in, channels_out, generator, kernel=3, demodulate=True):
        super().__init__()
        self.affine = nn.Linear(w_dim, channels_in)
        with torch.no_grad():
            self.affine.weight.copy_(torch.randn(channels_in, w_dim, generator=generator) / math.sqrt(w_dim))
            self.affine.bias.fill_(1.0)
        self.weight = nn.Parameter(torch.randn(channels_out, channels_in, kernel, kernel, generator=generator))
        self.bias = nn.Parameter(torch.zeros(channels_out))
        self.demodulate, self.padding = demodulate, kernel // 2

    def forward(self, x, w):
        n, channels_in, height, width = x.shape
        weight = self.weight.unsqueeze(0) * self.affine(w).view(n, 1, channels_in, 1, 1)
        if self.demodulate:
            weight = weight * torch.rsqrt(weight.pow(2).sum(dim=(2, 3, 4), keepdim=True) + 1e-8)
        out = nn.functional.conv2d(x.reshape(1, n * channels_in, height, width),
                                   weight.reshape(-1, channels_in, *weight.shape[3:]), padding=self.padding, groups=n)
        return out.view(n, -1, height, width) + self.bias.view(1, -1, 1, 1)


class StandInSynthesis(nn.Module):
    """A constant 4×4 input, two modulated convolutions per resolution up to `resolution` (one at 4×4), a toRGB:
    one W+ code per convolution and one for toRGB, 2·log2(resolution) − 2 in all, as in StyleGAN2."""

    def __init__(self, w_dim, resolution, channels, generator):
        super().__init__()
        self.constant = nn.Parameter(torch.randn(1, channels, 4, 4, generator=generator))
        self.convs = nn.ModuleList([ModulatedConv(w_dim, channels, channels, generator)])
        for _ in range(int(math.log2(resolution)) - 2):
            self.convs.extend([ModulatedConv(w_dim, channels, channels, generator) for _ in range(2)])
        self.to_rgb = ModulatedConv(w_dim, channels, 3, generator, kernel=1, demodulate=False)
        self.num_ws = len(self.convs) + 1

    def forward(self, ws, noise_mode="const"):
        x = self.constant.expand(ws.shape[0], -1, -1, -1)
        for index, conv in enumerate(self.convs):
            if index % 2 == 1:
                x = nn.functional.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False)
            x = nn.functional.leaky_relu(conv(x, ws[:, index]), 0.2) * math.sqrt(2)   # StyleGAN2's activation gain
        return torch.tanh(self.to_rgb(x, ws[:, -1]) / math.sqrt(x.shape[1]))


class StandInGenerator(nn.Module):
    """A StyleGAN2-shaped stand-in with random weights and the NVlabs `G_ema` interface (unconditional)."""

    def __init__(self, w_dim, resolution=64, channels=32, seed=0):
        super().__init__()
        generator = torch.Generator().manual_seed(seed)
        self.synthesis = StandInSynthesis(w_dim, resolution, channels, generator)
        self.z_dim, self.w_dim, self.c_dim, self.num_ws = w_dim, w_dim, 0, self.synthesis.num_ws
        self.img_resolution, self.img_channels = resolution, 3
        self.mapping = StandInMapping(w_dim, w_dim, self.num_ws, generator)

    def forward(self, z, c, truncation_psi=1, noise_mode="const"):
        return self.synthesis(self.mapping(z, c, truncation_psi=truncation_psi), noise_mode=noise_mode)


def write_png(path, pixels):
    """Writes `pixels` (uint8 [H, W, 3]) as an RGB PNG with zlib and struct alone."""
    height, width, _ = pixels.shape
    raw = b"".join(b"\x00" + pixels[row].tobytes() for row in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def strip(images, rows, columns, gap=2):
    """One uint8 [H, W, 3] picture of images [rows·columns, 3, h, w] in [-1, 1], row after row, on white."""
    images = ((images.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).permute(0, 2, 3, 1).cpu().numpy()
    h, w = images.shape[1:3]
    sheet = np.full((rows * (h + gap) + gap, columns * (w + gap) + gap, 3), 255, dtype=np.uint8)
    for index, image in enumerate(images):
        top, left = gap + (index // columns) * (h + gap), gap + (index % columns) * (w + gap)
        sheet[top:top + h, left:left + w] = image
    return sheet


def load_network(path, device):
    """`G_ema` of a stylegan2-ada-pytorch pickle (its `dnnlib` and `torch_utils` must be importable)."""
    with open(path, "rb") as handle:
        return pickle.load(handle)["G_ema"].to(device).eval()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--network", help="a stylegan2-ada-pytorch pickle (its G_ema is used)")
    source.add_argument("--standin", action="store_true", help="a small StyleGAN2-shaped stand-in with random weights")
    parser.add_argument("--bundle", required=True, help="a bundle trained on the network's W codes")
    parser.add_argument("--to", required=True, help="the target class (name or index)")
    parser.add_argument("--layers", help="W+ layers lo:hi the edit writes (default: the bundle's, else all)")
    parser.add_argument("--method", choices=("plain", "masked", "projected", "restored"), help="default: the bundle's")
    parser.add_argument("--steps", type=int, help="default: the bundle's")
    parser.add_argument("--count", type=int, default=4, help="latents to edit (rows of the strip)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--truncation-psi", type=float, default=0.7)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--out", default="stylegan2-edit.png")
    args = parser.parse_args()

    bundle = gb.load_bundle(args.bundle, device=args.device)
    G = StandInGenerator(bundle.latent_dimension).to(args.device) if args.standin else load_network(args.network, args.device)
    if G.w_dim != bundle.latent_dimension:
        sys.exit(f"{args.bundle}: the bundle edits {bundle.latent_dimension}-d latents, the network's W has {G.w_dim}")
    with torch.no_grad():
        z = torch.from_numpy(np.random.RandomState(args.seed).randn(args.count, G.z_dim)).float().to(args.device)
        c = torch.zeros(args.count, G.c_dim, device=args.device)
        w = G.mapping(z, c, truncation_psi=args.truncation_psi)[:, 0]                          # [N, w_dim]
    codes = gb.edit(bundle, w, to=args.to, method=args.method, steps=args.steps, layers=args.layers, num_ws=G.num_ws)
    n, points = codes.shape[:2]                                                                 # [N, points, num_ws, w_dim]
    k = bundle.class_index(args.to)
    with torch.no_grad():
        images = torch.cat([G.synthesis(batch, noise_mode="const") for batch in codes.flatten(0, 1).split(64)])
        # The path's points are the codes of the edited layers (or every layer's, with no range).
        lo = (gb.layer_range(bundle, args.layers, G.num_ws) or (0, G.num_ws))[0]
        p = bundle(codes[:, :, lo].flatten(0, 1))[:, k].view(n, points)
    write_png(args.out, strip(images, n, points))
    name = bundle.class_names[k]
    print(f"{n} latents, {points - 1} steps toward {bundle.attribute} = {name}, W+ layers "
          f"{args.layers or bundle.style_layers or 'all'} of {G.num_ws}; strip written to {args.out}")
    for row in range(n):
        print(f"  latent {row}: p({name}) " + " ".join(f"{v:.2f}" for v in p[row].tolist()))


if __name__ == "__main__":
    main()
