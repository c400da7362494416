#!/usr/bin/env python3
"""A generator worker for NVlabs stylegan2-ada-pytorch and stylegan3 pickles, in W space, on the CPU or a GPU.

Usage:
  python3 tools/workers/stylegan2_ada.py --pkl ffhq.pkl --repo ~/stylegan2-ada-pytorch [--truncation 0.7]
      [--device cuda] [--blocks b4,b8,b16] [--max-batch 16]

It unpickles `G_ema` (the NVlabs code must be importable: `--repo` puts its checkout on the path, as NVlabs' own
pickles refer to its `torch_utils` and `dnnlib`) and serves
  map:       z [N, z_dim] -> w = G.mapping(z, c, truncation_psi=psi)[:, 0]
  render_w:  W+ codes [N, num_ws, w_dim] -> G.synthesis(ws, noise_mode='const'), clamped to [-1, 1]
  render:    z -> images through both
  vjp, vjp_w: gradients by autograd (the image oracle, the learned manifolds, image-space objectives)
  activations: the outputs of the synthesis blocks named by --blocks (stylegan2-ada: b4, b8, ...; stylegan3:
             the L<k>_... layers), for TCA and GANSpace
  latent_weight_w: every synthesis layer's style affine weight, each output's row normalised, side by
             side as [w_dim, K]: what SeFa (Shen & Zhou 2021) factorises for a style-based generator
Images are made deterministic with noise_mode='const'. Only unconditional generators (c_dim 0) are served.
Edit `load()` to serve a generator stored another way. With "space": "w" in the spec the workbench works in W
as GradCtrl does with StyleGAN2 (docs/generator-worker.md).

No real pickle can be fetched where this workbench is developed: the tests run this worker on a small
NVlabs-shaped stand-in (`torch_stylegan_standin.py`, pickled by the test), with the same attributes and calls.
"""

import argparse
import hashlib
import os
import pickle
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from worker_protocol import Worker, serve  # noqa: E402


def load(args):
    """G_ema from the pickle, on the device, in eval mode; and the pickle's SHA-256."""
    import torch

    if args.repo:
        sys.path.insert(0, os.path.abspath(os.path.expanduser(args.repo)))
    with open(args.pkl, "rb") as file:
        data = file.read()
    generator = pickle.loads(data)["G_ema"]
    if getattr(generator, "c_dim", 0):
        raise SystemExit(f"{args.pkl}: a conditional generator (c_dim {generator.c_dim}); only c_dim 0 is served")
    return generator.to(torch.device(args.device)).eval().requires_grad_(False), hashlib.sha256(data).hexdigest()


def name_of(path):
    """A provenance name from the pickle's file name: letters, digits, '.', '_', '-', at most 64."""
    stem = os.path.splitext(os.path.basename(path))[0]
    cleaned = "".join(c if c.isalnum() or c in "._-" else "-" for c in stem).lstrip(".") or "stylegan"
    return ("sg2-" + cleaned)[:64]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pkl", required=True, help="the network pickle (a dict with 'G_ema')")
    parser.add_argument("--repo", help="a checkout of stylegan2-ada-pytorch or stylegan3, for unpickling")
    parser.add_argument("--truncation", type=float, default=1.0, help="psi of the mapping's truncation")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--blocks", default="", help="comma-separated synthesis blocks whose outputs `activations` reads")
    parser.add_argument("--max-batch", type=int, default=16, help="latents per forward pass on the device")
    parser.add_argument("--name", help="the name declared to the workbench (default: from the pickle's file name)")
    args = parser.parse_args()
    import torch

    G, digest = load(args)
    device = torch.device(args.device)
    resolution, channels = int(G.img_resolution), int(G.img_channels)
    if channels != 3:
        raise SystemExit(f"{args.pkl}: {channels} image channels; the workbench reads RGB")
    block_names = [b for b in args.blocks.split(",") if b]
    blocks = [getattr(G.synthesis, b, None) for b in block_names]
    if any(b is None for b in blocks):
        missing = [n for n, b in zip(block_names, blocks) if b is None]
        raise SystemExit(f"{args.pkl}: G.synthesis has no block {missing}")
    no_class = torch.zeros([0], device=device)

    def chunks(array):
        for start in range(0, len(array), args.max_batch):
            yield torch.from_numpy(np.ascontiguousarray(array[start:start + args.max_batch])).to(device)

    def mapping(z):
        return G.mapping(z, no_class.expand(len(z), 0), truncation_psi=args.truncation)

    def synthesis(ws):
        return G.synthesis(ws, noise_mode="const").clamp(-1, 1)

    def concat(parts):
        return np.concatenate([p.detach().float().cpu().numpy() for p in parts])

    def render_w(codes):
        with torch.no_grad():
            return concat([synthesis(ws) for ws in chunks(codes)])

    def map_w(z):
        with torch.no_grad():
            return concat([mapping(part)[:, 0] for part in chunks(z)])

    def render(z):
        with torch.no_grad():
            return concat([synthesis(mapping(part)) for part in chunks(z)])

    def gradient(inputs, cotangent, forward):
        parts = []
        for start in range(0, len(inputs), args.max_batch):
            x = torch.from_numpy(np.ascontiguousarray(inputs[start:start + args.max_batch])).to(device)
            v = torch.from_numpy(np.ascontiguousarray(cotangent[start:start + args.max_batch])).to(device)
            with torch.enable_grad():
                x.requires_grad_(True)
                (forward(x) * v).sum().backward()
            parts.append(x.grad)
        return concat(parts)

    def vjp(z, cotangent):
        return gradient(z, cotangent, lambda x: synthesis(mapping(x)))

    def vjp_w(codes, cotangent):
        return gradient(codes, cotangent, synthesis)

    block_shapes = []
    if blocks:
        # One latent through the synthesis tells each block's output shape.
        with torch.no_grad():
            probe = map_w(np.zeros((1, int(G.z_dim)), np.float32))
            block_shapes = [list(a.shape[1:]) for a in read_blocks(G, blocks, np.repeat(probe[:, None], G.num_ws, 1), device)]
        if any(len(s) != 3 for s in block_shapes):
            raise SystemExit(f"{args.pkl}: blocks {block_names} do not all give [C, H, W] outputs: {block_shapes}")

    def latent_weight_w():
        weights = [m.affine.weight.detach().float() for m in G.synthesis.modules() if hasattr(m, "affine")]
        if not weights:
            raise ValueError("G.synthesis has no layers with a style 'affine'")
        stacked = torch.cat(weights, dim=0)  # [K, w_dim]
        return (stacked / stacked.norm(dim=1, keepdim=True).clamp_min(1e-12)).T.cpu().numpy()

    def activations(codes, block):
        if codes.ndim == 2:  # z: through the mapping, w in every layer
            codes = np.repeat(map_w(codes)[:, None], G.num_ws, axis=1)
        with torch.no_grad():
            return np.concatenate([read_blocks(G, [blocks[block - 1]], codes[s:s + args.max_batch], device)[0]
                                   for s in range(0, len(codes), args.max_batch)])

    name = args.name or name_of(args.pkl)
    print(f"{name}: z {G.z_dim}, w {G.w_dim} x {G.num_ws} layers, {resolution}x{resolution}, psi {args.truncation}, "
          f"on {device}", file=sys.stderr)
    serve(Worker(name=name, latent_dimension=int(G.z_dim), image_shape=(3, resolution, resolution), render=render,
                 vjp=vjp, weights_sha256=digest, mapping=map_w, render_w=render_w, w_dimension=int(G.w_dim),
                 w_layers=int(G.num_ws), vjp_w=vjp_w, activations=activations if blocks else None, blocks=block_shapes,
                 latent_weight_w=latent_weight_w))


def read_blocks(G, modules, codes, device):
    """The outputs (the feature maps: a block's first output when it returns several) of `modules` for W+ codes."""
    import torch

    seen = {}
    hooks = [m.register_forward_hook(lambda module, _, out, i=i: seen.__setitem__(i, out[0] if isinstance(out, tuple) else out))
             for i, m in enumerate(modules)]
    try:
        G.synthesis(torch.from_numpy(np.ascontiguousarray(codes)).to(device), noise_mode="const")
    finally:
        for hook in hooks:
            hook.remove()
    return [seen[i].float().cpu().numpy() for i in range(len(modules))]


if __name__ == "__main__":
    main()
