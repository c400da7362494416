#!/usr/bin/env python3
"""A generator worker serving the embedded DCGAN through ONNX Runtime (CPU): the peer `Benchmark generator` races.

Usage: python3 tools/workers/onnxruntime_dcgan.py [--threads N] [--checkpoint FILE] [--onnx FILE]

The model is tools/export_onnx.py's export of the checkpoint (built in memory, or read from --onnx), run by an
InferenceSession on the CPU execution provider with all graph optimisations, intra_op_num_threads = N (0: ONNX
Runtime's default) and inter_op_num_threads = 1, sequential execution. It declares the checkpoint's SHA-256, so
the workbench can tell it serves the same weights. Exits with status 3 and one line when onnxruntime cannot be
imported. The protocol: docs/generator-worker.md (render and time_render; no vjp).
"""

import argparse
import hashlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))  # tools/: the exporter and the safetensors reader

from worker_protocol import Worker, serve  # noqa: E402

DEFAULT_CHECKPOINT = os.path.join(os.path.dirname(os.path.dirname(HERE)), "checkpoints", "dcgan-digiface-64.safetensors")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--threads", type=int, default=0, help="intra_op_num_threads (0: ONNX Runtime's default)")
    parser.add_argument("--checkpoint", default=DEFAULT_CHECKPOINT)
    parser.add_argument("--onnx", help="an exported model to run instead of exporting the checkpoint in memory")
    args = parser.parse_args()
    try:
        import onnxruntime
    except ImportError as error:
        print(f"onnxruntime cannot be imported ({error}; pip install onnxruntime)", file=sys.stderr)
        sys.exit(3)
    from convert_torch_checkpoint import read_safetensors
    from export_onnx import dcgan_model

    tensors, _ = read_safetensors(args.checkpoint)
    if args.onnx:
        with open(args.onnx, "rb") as file:
            model = file.read()
    else:
        model = dcgan_model(tensors)
    with open(args.checkpoint, "rb") as file:
        digest = hashlib.sha256(file.read()).hexdigest()
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = args.threads
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    latent_dimension = tensors["main.0.weight"].shape[0]

    def render(z):
        return session.run(None, {"z": z})[0]

    print(f"dcgan-digiface-64: serving on ONNX Runtime {onnxruntime.__version__}, {args.threads or 'default'} threads",
          file=sys.stderr)
    serve(Worker(name="dcgan-digiface-64", latent_dimension=latent_dimension, image_shape=(3, 64, 64), render=render,
                 weights_sha256=digest))


if __name__ == "__main__":
    main()
