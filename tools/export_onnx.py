#!/usr/bin/env python3
"""Exports the embedded DCGAN generator to ONNX, for ONNX Runtime: numpy only, no torch and no onnx package.

Usage: python3 tools/export_onnx.py [--checkpoint checkpoints/dcgan-digiface-64.safetensors] OUT.onnx

The graph is the one the Swift generator and tools/workers/torch_generic.py run, with the checkpoint's weights
(the mapping of tools/convert_torch_checkpoint.py, torch's `main.<index>.<name>`):

    z [N, 100] -> Reshape [N, 100, 1, 1]
      -> ConvTranspose(main.0, stride 1, pad 0) -> BatchNormalization(main.1, eps 1e-5) -> Relu
      -> ConvTranspose(main.3, stride 2, pad 1) -> BatchNormalization(main.4) -> Relu
      -> ConvTranspose(main.6, ...)             -> BatchNormalization(main.7) -> Relu
      -> ConvTranspose(main.9, ...)             -> BatchNormalization(main.10) -> Relu
      -> ConvTranspose(main.12, stride 2, pad 1) -> Tanh -> images [N, 3, 64, 64]

The batch is a symbolic dimension. The ModelProto is written with a small protobuf encoder (the field numbers
of onnx/onnx.proto), so that the exported file depends on nothing but numpy and the checkpoint: the same bytes
on every machine. Prints one JSON line: the path, its size and SHA-256, and the checkpoint's SHA-256.
"""

import argparse
import hashlib
import json
import os
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from convert_torch_checkpoint import read_safetensors, sha256_of, write_atomically  # noqa: E402
from reference_forward_numpy import BN_EPS, LAYERS  # noqa: E402

DEFAULT_CHECKPOINT = os.path.join(os.path.dirname(HERE), "checkpoints", "dcgan-digiface-64.safetensors")
OPSET = 17
IR_VERSION = 8
FLOAT, INT64 = 1, 7                 # TensorProto.DataType
ATTRIBUTE_FLOAT, ATTRIBUTE_INTS = 1, 7  # AttributeProto.AttributeType


# Protobuf wire format: a field is its key (number << 3 | wire type) and its value.
def varint(value):
    value &= (1 << 64) - 1  # negative int64 values are ten-byte two's complement
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def field_varint(number, value):
    return varint(number << 3) + varint(value)


def field_bytes(number, payload):
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def field_float(number, value):
    return varint(number << 3 | 5) + struct.pack("<f", value)


# The few ONNX messages the graph needs.
def tensor(name, array):
    """TensorProto: dims (1), data_type (2), name (8), raw_data (9, little-endian)."""
    array = np.ascontiguousarray(array)
    data_type = {np.dtype(np.float32): FLOAT, np.dtype(np.int64): INT64}[array.dtype]
    return (b"".join(field_varint(1, size) for size in array.shape) + field_varint(2, data_type)
            + field_bytes(8, name) + field_bytes(9, array.astype(array.dtype.newbyteorder("<")).tobytes()))


def attribute_ints(name, values):
    """AttributeProto: name (1), ints (8), type (20)."""
    return field_bytes(1, name) + b"".join(field_varint(8, v) for v in values) + field_varint(20, ATTRIBUTE_INTS)


def attribute_float(name, value):
    """AttributeProto: name (1), f (2), type (20)."""
    return field_bytes(1, name) + field_float(2, value) + field_varint(20, ATTRIBUTE_FLOAT)


def node(op_type, inputs, outputs, name, attributes=()):
    """NodeProto: input (1), output (2), name (3), op_type (4), attribute (5)."""
    return (b"".join(field_bytes(1, i) for i in inputs) + b"".join(field_bytes(2, o) for o in outputs)
            + field_bytes(3, name) + field_bytes(4, op_type) + b"".join(field_bytes(5, a) for a in attributes))


def value_info(name, dims):
    """ValueInfoProto of a float tensor; a str dimension is symbolic (dim_param), an int fixed (dim_value)."""
    shape = b"".join(field_bytes(1, field_bytes(2, d) if isinstance(d, str) else field_varint(1, d)) for d in dims)
    tensor_type = field_varint(1, FLOAT) + field_bytes(2, shape)
    return field_bytes(1, name) + field_bytes(2, field_bytes(1, tensor_type))


def dcgan_model(tensors):
    """The serialized ModelProto of the DCGAN generator with `tensors` (the checkpoint's, by torch name)."""
    latent_dimension = tensors["main.0.weight"].shape[0]
    nodes, initializers = [], [tensor("latent_shape", np.array([-1, latent_dimension, 1, 1], np.int64))]
    nodes.append(node("Reshape", ["z", "latent_shape"], ["x0"], "reshape"))
    current = "x0"
    for conv, stride, padding, norm in LAYERS:
        weight = f"main.{conv}.weight"
        initializers.append(tensor(weight, tensors[weight].astype(np.float32)))
        kernel = list(tensors[weight].shape[2:])
        out = f"conv{conv}"
        nodes.append(node("ConvTranspose", [current, weight], [out], f"main.{conv}",
                          [attribute_ints("kernel_shape", kernel), attribute_ints("strides", [stride, stride]),
                           attribute_ints("pads", [padding] * 4)]))
        if norm is None:
            nodes.append(node("Tanh", [out], ["images"], "tanh"))
            break
        names = [f"main.{norm}.{p}" for p in ("weight", "bias", "running_mean", "running_var")]
        initializers += [tensor(n, tensors[n].astype(np.float32)) for n in names]
        nodes.append(node("BatchNormalization", [out] + names, [f"bn{norm}"], f"main.{norm}",
                          [attribute_float("epsilon", BN_EPS)]))
        nodes.append(node("Relu", [f"bn{norm}"], [f"relu{norm}"], f"relu{norm}"))
        current = f"relu{norm}"
    channels = tensors[f"main.{LAYERS[-1][0]}.weight"].shape[1]
    side = 1
    for conv, stride, padding, _ in LAYERS:
        side = (side - 1) * stride - 2 * padding + tensors[f"main.{conv}.weight"].shape[2]
    graph = (b"".join(field_bytes(1, n) for n in nodes) + field_bytes(2, "dcgan-digiface-64")
             + b"".join(field_bytes(5, i) for i in initializers)
             + field_bytes(11, value_info("z", ["batch", latent_dimension]))
             + field_bytes(12, value_info("images", ["batch", channels, side, side])))
    opset = field_bytes(1, "") + field_varint(2, OPSET)
    return (field_varint(1, IR_VERSION) + field_bytes(2, "gradctrl tools/export_onnx.py")
            + field_bytes(7, graph) + field_bytes(8, opset))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("output", help="the .onnx file to write")
    parser.add_argument("--checkpoint", default=DEFAULT_CHECKPOINT)
    args = parser.parse_args(argv)
    tensors, _ = read_safetensors(args.checkpoint)
    model = dcgan_model(tensors)
    write_atomically(args.output, [model])
    print(json.dumps({"onnx": args.output, "bytes": len(model), "sha256": hashlib.sha256(model).hexdigest(),
                      "checkpoint_sha256": sha256_of(args.checkpoint), "opset": OPSET}))


if __name__ == "__main__":
    main()
