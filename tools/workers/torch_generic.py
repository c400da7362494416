#!/usr/bin/env python3
"""A generator worker for any torch.nn.Module G(z) -> images, on the CPU or a CUDA GPU, with vjp by autograd.

Usage: python3 tools/workers/torch_generic.py [--device cuda] [--checkpoint FILE]

Edit `load()` to serve your own model: it returns the module (in eval mode) and `prepare`, which turns the
float32 latents [N, D] (a torch tensor on the device) into the module's input. Images must come out as
[N, 3, H, W] in [-1, 1]. Out of the box it serves the embedded DCGAN rebuilt in PyTorch from the workbench's
checkpoint, which the tests compare with the Swift generator. The protocol: docs/generator-worker.md.
"""

import argparse
import hashlib
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))  # tools/: the safetensors reader and the DCGAN's layer list

from worker_protocol import Worker, serve  # noqa: E402

DEFAULT_CHECKPOINT = os.path.join(os.path.dirname(os.path.dirname(HERE)), "checkpoints", "dcgan-digiface-64.safetensors")


def load(args):
    """(module, prepare, name, latent dimension, image shape, weights digest): edit this for your generator."""
    import torch
    from torch import nn
    from convert_torch_checkpoint import read_safetensors
    from reference_forward_numpy import LAYERS

    tensors, _ = read_safetensors(args.checkpoint)
    layers = []
    for conv, stride, padding, norm in LAYERS:
        channels_in, channels_out = tensors[f"main.{conv}.weight"].shape[:2]
        layers.append(nn.ConvTranspose2d(channels_in, channels_out, 4, stride, padding, bias=False))
        layers += [nn.BatchNorm2d(channels_out), nn.ReLU()] if norm is not None else [nn.Tanh()]
    model = nn.Sequential(*layers)
    state = {name[len("main."):]: torch.from_numpy(np.array(value)) for name, value in tensors.items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or any(not name.endswith("num_batches_tracked") for name in missing):
        raise SystemExit(f"{args.checkpoint}: tensors do not fit the DCGAN (missing {missing}, unexpected {unexpected})")
    with open(args.checkpoint, "rb") as file:
        digest = hashlib.sha256(file.read()).hexdigest()
    latent_dimension = tensors["main.0.weight"].shape[0]
    return model.eval(), (lambda z: z.view(len(z), -1, 1, 1)), "dcgan-digiface-64", latent_dimension, (3, 64, 64), digest


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--device", default="cuda" if _cuda_available() else "cpu")
    parser.add_argument("--checkpoint", default=DEFAULT_CHECKPOINT)
    args = parser.parse_args()
    import torch

    torch.set_grad_enabled(False)
    model, prepare, name, dimension, image_shape, digest = load(args)
    model = model.to(args.device)

    def render(z):
        with torch.no_grad():
            return model(prepare(torch.from_numpy(z).to(args.device))).float().cpu().numpy()

    def vjp(z, cotangent):
        with torch.enable_grad():
            latents = torch.from_numpy(z).to(args.device).requires_grad_(True)
            images = model(prepare(latents))
            (images * torch.from_numpy(cotangent).to(args.device)).sum().backward()
        return latents.grad.float().cpu().numpy()

    print(f"{name}: serving on {args.device}", file=sys.stderr)
    serve(Worker(name=name, latent_dimension=dimension, image_shape=image_shape, render=render, vjp=vjp,
                 weights_sha256=digest))


def _cuda_available():
    try:
        import torch
        return torch.cuda.is_available()
    except ImportError:
        return False


if __name__ == "__main__":
    main()
