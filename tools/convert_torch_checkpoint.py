#!/usr/bin/env python3
"""Convert a PyTorch `torch.save` zip archive to a safetensors file without PyTorch.

The archive's pickle is read by a restricted unpickler that knows only the few
globals needed to rebuild tensors (torch._utils._rebuild_tensor_v2,
collections.OrderedDict and the typed storage names such as torch.FloatStorage)
and refuses every other global, so converting never runs code from the file.

Only the tensors of one entry of the saved dict are written (by default
`netG_state_dict`), under their PyTorch names. BatchNorm `num_batches_tracked`
counters are dropped: they are int64 training counters that inference never
reads. Every other tensor keeps its dtype.

Usage:
    python3 tools/convert_torch_checkpoint.py WEIGHTS.tar OUT.safetensors \
        [--key netG_state_dict] [--prefix main.]
"""

import argparse
import collections
import hashlib
import json
import os
import pickle
import struct
import sys
import tempfile
import zipfile

import numpy as np

DEFAULT_KEY = "netG_state_dict"
DROPPED_SUFFIX = "num_batches_tracked"

DEFAULT_PACKAGE = "gan-face-generate 1.1.1"
DEFAULT_LICENSE = "MIT"
DEFAULT_ARCHITECTURE = "dcgan-64"
DEFAULT_LATENT_DIM = "100"

STORAGE_DTYPES = {
    "DoubleStorage": np.dtype("<f8"),
    "FloatStorage": np.dtype("<f4"),
    "HalfStorage": np.dtype("<f2"),
    "LongStorage": np.dtype("<i8"),
    "IntStorage": np.dtype("<i4"),
    "ShortStorage": np.dtype("<i2"),
    "CharStorage": np.dtype("i1"),
    "ByteStorage": np.dtype("u1"),
    "BoolStorage": np.dtype("?"),
}

SAFETENSORS_DTYPES = {
    np.dtype("f8"): "F64",
    np.dtype("f4"): "F32",
    np.dtype("f2"): "F16",
    np.dtype("i8"): "I64",
    np.dtype("i4"): "I32",
    np.dtype("i2"): "I16",
    np.dtype("i1"): "I8",
    np.dtype("u1"): "U8",
    np.dtype("?"): "BOOL",
}


class ConversionError(Exception):
    """A checkpoint that cannot be converted; the message is meant for the user."""


class StorageType:
    """Stand-in for a torch typed-storage class: carries only its element dtype."""

    def __init__(self, name, dtype):
        self.name = name
        self.dtype = dtype

    def __repr__(self):
        return f"torch.{self.name}"


def rebuild_tensor(storage, storage_offset, size, stride, requires_grad=False,
                   backward_hooks=None, metadata=None):
    """Stand-in for torch._utils._rebuild_tensor_v2: a C-contiguous numpy copy of a storage slice."""
    if not isinstance(storage, np.ndarray) or storage.ndim != 1:
        raise ConversionError("_rebuild_tensor_v2 called without a storage")
    size, stride = tuple(size), tuple(stride)
    if len(size) != len(stride) or any(n < 0 for n in size) or any(s < 0 for s in stride):
        raise ConversionError(f"bad tensor geometry size={size} stride={stride}")
    if storage_offset < 0:
        raise ConversionError(f"negative storage offset {storage_offset}")
    if 0 in size:
        return np.zeros(size, dtype=storage.dtype)
    last = storage_offset + sum((n - 1) * s for n, s in zip(size, stride))
    if last >= storage.size:
        raise ConversionError(
            f"tensor of size {size} at offset {storage_offset} reaches element {last} "
            f"of a storage of {storage.size} elements")
    item = storage.itemsize
    view = np.lib.stride_tricks.as_strided(
        storage[storage_offset:], shape=size, strides=tuple(s * item for s in stride),
        writeable=False)
    return np.array(view, order="C")


ALLOWED_GLOBALS = {
    ("torch._utils", "_rebuild_tensor_v2"): rebuild_tensor,
    ("collections", "OrderedDict"): collections.OrderedDict,
    **{("torch", name): StorageType(name, dtype) for name, dtype in STORAGE_DTYPES.items()},
}


class RestrictedUnpickler(pickle.Unpickler):
    """Unpickler for torch checkpoints that resolves only the allowed globals.

    Storages are read from the archive as 1-D little-endian numpy arrays.
    """

    def __init__(self, file, archive, root):
        super().__init__(file)
        self.archive = archive
        self.root = root
        self.storages = {}

    def find_class(self, module, name):
        """Map an allowed global to its local stand-in; refuse every other global."""
        try:
            return ALLOWED_GLOBALS[(module, name)]
        except KeyError:
            raise ConversionError(f"refused global {module}.{name}: "
                                  "only the globals that rebuild tensors are allowed") from None

    def persistent_load(self, pid):
        """Resolve a ('storage', storage_type, key, location, numel) reference to an array."""
        if not (isinstance(pid, tuple) and len(pid) == 5 and pid[0] == "storage"):
            raise ConversionError(f"unsupported persistent id {pid!r}")
        _, storage_type, key, _location, numel = pid
        if not isinstance(storage_type, StorageType):
            raise ConversionError(f"persistent id names no storage type: {storage_type!r}")
        if not isinstance(key, str) or not isinstance(numel, int) or numel < 0:
            raise ConversionError(f"malformed storage reference {pid!r}")
        if key not in self.storages:
            self.storages[key] = self.read_storage(key, storage_type.dtype, numel)
        return self.storages[key]

    def read_storage(self, key, dtype, numel):
        """The storage record `key` of the archive as a flat array of `numel` elements."""
        name = f"{self.root}/data/{key}"
        try:
            data = self.archive.read(name)
        except KeyError:
            raise ConversionError(f"storage record {name} is missing") from None
        expected = numel * dtype.itemsize
        if len(data) < expected:
            raise ConversionError(
                f"storage {name} is truncated: {len(data)} bytes, expected {expected}")
        return np.frombuffer(data, dtype=dtype, count=numel)


def archive_root(archive):
    """The top-level folder of a torch zip archive (the one holding data.pkl)."""
    roots = [n[: -len("/data.pkl")] for n in archive.namelist() if n.endswith("/data.pkl")]
    if len(roots) != 1:
        raise ConversionError("not a torch.save archive: expected exactly one */data.pkl entry")
    return roots[0]


def check_byteorder(archive, root):
    """Refuse archives whose tensors were not saved little-endian."""
    try:
        order = archive.read(f"{root}/byteorder").decode("ascii", "replace").strip()
    except KeyError:
        raise ConversionError(f"{root}/byteorder is missing; cannot tell the byte order") from None
    if order != "little":
        raise ConversionError(f"byte order is {order!r}; only 'little' is supported")


def load_checkpoint(path):
    """The object saved in a torch zip archive, with tensors as numpy arrays."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ConversionError(f"{path} is not a zip archive (torch.save zip format expected)") from None
    except OSError as error:
        raise ConversionError(f"cannot open {path}: {error.strerror}") from None
    with archive:
        root = archive_root(archive)
        check_byteorder(archive, root)
        with archive.open(f"{root}/data.pkl") as pickled:
            try:
                return RestrictedUnpickler(pickled, archive, root).load()
            except ConversionError:
                raise
            except Exception as error:
                raise ConversionError(f"cannot unpickle {root}/data.pkl: {error}") from None


def select_tensors(checkpoint, key, prefix):
    """The arrays of checkpoint[key] whose names start with `prefix`, counters dropped."""
    if not isinstance(checkpoint, dict):
        raise ConversionError(f"checkpoint holds a {type(checkpoint).__name__}, not a dict")
    if key not in checkpoint:
        keys = ", ".join(sorted(map(str, checkpoint)))
        raise ConversionError(f"key {key!r} not in checkpoint (keys: {keys})")
    state = checkpoint[key]
    if not isinstance(state, dict):
        raise ConversionError(f"checkpoint[{key!r}] is a {type(state).__name__}, not a state dict")
    tensors = {}
    for name, value in state.items():
        if not (isinstance(name, str) and name.startswith(prefix)) or name.endswith(DROPPED_SUFFIX):
            continue
        if not isinstance(value, np.ndarray):
            raise ConversionError(f"{name} is a {type(value).__name__}, not a tensor")
        tensors[name] = value
    if not tensors:
        raise ConversionError(f"no tensors named {prefix}* under {key!r}")
    return tensors


def safetensors_bytes(tensors, metadata):
    """The header and data of a safetensors file holding `tensors` (sorted by name)."""
    header = {"__metadata__": dict(metadata)}
    chunks = []
    offset = 0
    for name in sorted(tensors):
        array = tensors[name]
        dtype = SAFETENSORS_DTYPES.get(array.dtype.newbyteorder("="))
        if dtype is None:
            raise ConversionError(f"{name} has unsupported dtype {array.dtype}")
        data = np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape),
                        "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    return [struct.pack("<Q", len(text)), text, *chunks]


def write_atomically(path, chunks):
    """Write the byte chunks to `path` through a temporary file and os.replace."""
    directory = os.path.dirname(os.path.abspath(path))
    try:
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=directory)
    except OSError as error:
        raise ConversionError(f"cannot write {path}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def read_safetensors(path):
    """The tensors and metadata of a safetensors file, as ({name: array}, {key: value})."""
    with open(path, "rb") as source:
        (length,) = struct.unpack("<Q", source.read(8))
        header = json.loads(source.read(length))
        data = source.read()
    names = {v: k for k, v in SAFETENSORS_DTYPES.items()}
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, entry in header.items():
        start, end = entry["data_offsets"]
        dtype = names[entry["dtype"]].newbyteorder("<")
        tensors[name] = np.frombuffer(data[start:end], dtype=dtype).reshape(entry["shape"])
    return tensors, metadata


def sha256_of(path):
    """Hex SHA-256 of a file's contents."""
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def convert(source, destination, key=DEFAULT_KEY, prefix="", package=DEFAULT_PACKAGE,
            license=DEFAULT_LICENSE, architecture=DEFAULT_ARCHITECTURE,
            latent_dim=DEFAULT_LATENT_DIM):
    """Convert checkpoint[key] of the torch archive `source` into the safetensors file `destination`.

    Returns the converted tensors by name.
    """
    tensors = select_tensors(load_checkpoint(source), key, prefix)
    metadata = {
        "source_file": os.path.basename(source),
        "source_sha256": sha256_of(source),
        "source_key": key,
        "package": package,
        "license": license,
        "architecture": architecture,
        "latent_dim": latent_dim,
    }
    write_atomically(destination, safetensors_bytes(tensors, metadata))
    return tensors


def parse_arguments(argv):
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("source", help="torch.save zip archive, e.g. gan_face_generate/weights.tar")
    parser.add_argument("destination", help="safetensors file to write")
    parser.add_argument("--key", default=DEFAULT_KEY,
                        help=f"entry of the saved dict to convert (default: {DEFAULT_KEY})")
    parser.add_argument("--prefix", default="",
                        help="keep only tensors whose names start with this; names are kept whole")
    parser.add_argument("--package", default=DEFAULT_PACKAGE, help="metadata: origin package")
    parser.add_argument("--license", default=DEFAULT_LICENSE, help="metadata: licence of the weights")
    parser.add_argument("--architecture", default=DEFAULT_ARCHITECTURE, help="metadata: architecture")
    parser.add_argument("--latent-dim", default=DEFAULT_LATENT_DIM, help="metadata: latent size")
    return parser.parse_args(argv)


def main(argv=None):
    """Run the command line; 0 on success, 1 with a one-line error on stderr otherwise."""
    args = parse_arguments(argv)
    try:
        tensors = convert(args.source, args.destination, args.key, args.prefix, args.package,
                          args.license, args.architecture, args.latent_dim)
    except (ConversionError, OSError) as error:
        print(f"convert_torch_checkpoint: error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {len(tensors)} tensors to {args.destination}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
