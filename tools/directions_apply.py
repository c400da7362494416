"""Read a directions file (docs/directions-format.md) with NumPy alone and move latents along one direction.

    python3 tools/directions_apply.py DIRECTIONS.safetensors LATENTS.npy --component C3 --strength 2 --out moved.npy
    python3 tools/directions_apply.py DIRECTIONS.safetensors --list

--component takes a direction's id or its label (refused when several directions share it; an older file's
label "lightness+" and its current form "lightness.light" are the same label). The moved latents are z + strength * sigma * v for a linear
direction, z + g(t) - g(0) with t = strength * sigma for an MLP path, exactly as the Swift editor computes them.
"""
import argparse
import json
import struct
import sys

import numpy as np

DTYPES = {"F32": np.float32, "F64": np.float64, "I32": np.int32, "I64": np.int64, "U8": np.uint8}
ACTIVATIONS = {
    "identity": lambda x: x,
    "relu": lambda x: np.maximum(x, 0),
    "tanh": np.tanh,
    "leaky_relu_0.2": lambda x: np.where(x > 0, x, 0.2 * x),
}

# The built-in labellers' classes, for labels written before the shared scheme: "<binary>+" / "<binary>-" is
# "<binary>.<class 1>" / "<binary>.<class 0>", "<multiclass>.<class>+" is "<multiclass>.<class>".
BINARY_CLASSES = {"lightness": ("dark", "light"), "light_side": ("right", "left"), "background": ("dim", "bright")}
MULTICLASS = {"color": ("dark", "neutral", "warm", "green", "blue")}


def current_label(label):
    """A direction label in the current scheme <attribute>.<class> (as the Swift currentDirectionLabel)."""
    if not label or label[-1] not in "+-":
        return label
    stem, sign = label[:-1], label[-1]
    if stem in BINARY_CLASSES:
        return f"{stem}.{BINARY_CLASSES[stem][1 if sign == '+' else 0]}"
    attribute, _, name = stem.partition(".")
    if sign == "+" and name in MULTICLASS.get(attribute, ()):
        return stem
    return label


def read_safetensors(path):
    """The tensors (name -> array) and the metadata (dict of strings) of a safetensors file."""
    with open(path, "rb") as handle:
        data = handle.read()
    if len(data) < 8:
        raise ValueError("too short to be a safetensors file")
    (size,) = struct.unpack("<Q", data[:8])
    if 8 + size > len(data):
        raise ValueError("header runs past the end of the file")
    header = json.loads(data[8:8 + size])
    metadata = header.pop("__metadata__", {})
    body = data[8 + size:]
    tensors = {}
    for name, entry in header.items():
        start, end = entry["data_offsets"]
        if end > len(body):
            raise ValueError(f"tensor '{name}' runs past the end of the file")
        array = np.frombuffer(body[start:end], dtype=np.dtype(DTYPES[entry["dtype"]]).newbyteorder("<"))
        tensors[name] = array.reshape(entry["shape"])
    return tensors, metadata


def read_directions(path):
    """The JSON document and the tensors of a directions file."""
    tensors, metadata = read_safetensors(path)
    if "directions" not in metadata:
        raise ValueError("not a directions file (no 'directions' metadata)")
    document = json.loads(metadata["directions"])
    if document.get("format") != "gradctrl-directions" or document.get("format_version") != 1:
        raise ValueError("not a version-1 gradctrl-directions file")
    return document, tensors


def displacement(record, tensors, latents, t):
    """How far each latent moves at path parameter t."""
    if record["kind"] == "linear":
        return np.broadcast_to(t * tensors[record["tensor"]].astype(np.float64), latents.shape)

    def g(value):
        x = np.full((latents.shape[0], 1), value)
        if record["input"] == "latent_and_strength":
            x = np.concatenate([latents, x], axis=1)
        for layer in record["layers"]:
            x = ACTIVATIONS[layer["activation"]](x @ tensors[layer["weight"]].T.astype(np.float64) + tensors[layer["bias"]])
        return x

    return g(t) - g(0.0)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directions")
    parser.add_argument("latents", nargs="?")
    parser.add_argument("--component")
    parser.add_argument("--strength", type=float, default=1.0, help="in standard deviations of the direction")
    parser.add_argument("--out")
    parser.add_argument("--list", action="store_true", help="print every direction and exit")
    args = parser.parse_args()
    try:
        document, tensors = read_directions(args.directions)
    except (OSError, ValueError, KeyError) as error:
        sys.exit(f"{args.directions}: {error}")
    records = document["directions"]
    if args.list:
        for record in records:
            print(f"{record['id']}\t{record.get('label') or '-'}\t{record['kind']}\tsigma {record['sigma']:.4g}\t{record['summary']}")
        return
    if args.latents is None or args.component is None or args.out is None:
        sys.exit("give LATENTS, --component and --out (or --list)")
    wanted = current_label(args.component)
    matches = [r for r in records if r["id"] == args.component] or [
        r for r in records if r.get("label") and current_label(r["label"]) == wanted]
    if not matches:
        sys.exit(f"{args.directions}: no direction with id or label '{args.component}'")
    if len(matches) > 1:
        ids = ", ".join(r["id"] for r in matches)
        sys.exit(f"{args.directions}: the label '{args.component}' names {len(matches)} directions ({ids}); give one of them by its id")
    latents = np.load(args.latents).astype(np.float64)
    dimension = document["generator"]["latentDimension"]
    if latents.ndim != 2 or latents.shape[1] != dimension:
        sys.exit(f"{args.latents}: latents must have shape [N, {dimension}], got {list(latents.shape)}")
    record = matches[0]
    moved = latents + displacement(record, tensors, latents, args.strength * record["sigma"])
    np.save(args.out, moved.astype(np.float32))


if __name__ == "__main__":
    main()
