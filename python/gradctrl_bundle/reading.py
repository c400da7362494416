"""Reading an edit bundle with NumPy alone: the safetensors container and the bundle's JSON document.

A safetensors file is an 8-byte little-endian header length, a JSON header (tensor name -> dtype, shape and
byte offsets, plus a `__metadata__` map of strings) and the raw little-endian tensor bytes. An edit bundle keeps
its document under the metadata key `gradctrl.bundle` (docs/bundle-format.md). Nothing here needs torch.
"""

import json
import math

import numpy as np

METADATA_KEY = "gradctrl.bundle"
FORMAT_NAME = "gradctrl-edit-bundle"
# Version 1: plain, masked, projected. Version 2 adds the `restored` method, version 3 the W+ range `styleLayers`,
# version 4 a method per class (`classMethods`).
READABLE_VERSIONS = (1, 2, 3, 4)
MAXIMUM_STYLE_LAYERS = 256
_DTYPES = {"F64": "<f8", "F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4", "I16": "<i2", "I8": "i1",
           "U8": "u1", "BOOL": "?"}


class BundleError(Exception):
    """A file that is not a usable edit bundle; the message is one line naming the file and the problem."""

    def __init__(self, path, problem):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def read_safetensors(path):
    """The tensors (name -> NumPy array in native byte order) and the `__metadata__` map of the safetensors
    file at `path`. Raises `BundleError` for a missing, truncated or malformed file."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise BundleError(path, f"cannot be read ({error.strerror or error})") from None
    if len(data) < 8:
        raise BundleError(path, f"{len(data)} bytes: too short for a safetensors file")
    length = int.from_bytes(data[:8], "little")
    if 8 + length > len(data):
        raise BundleError(path, f"the header claims {length} bytes, the file has {len(data) - 8} after the length "
                                "(truncated, or not safetensors)")
    try:
        header = json.loads(data[8:8 + length].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BundleError(path, f"the safetensors header is not valid JSON ({error})") from None
    if not isinstance(header, dict):
        raise BundleError(path, "the safetensors header is not a JSON object")
    metadata = header.pop("__metadata__", None) or {}
    body = memoryview(data)[8 + length:]
    tensors = {}
    for name, entry in header.items():
        try:
            dtype = np.dtype(_DTYPES[entry["dtype"]])
            shape = [int(s) for s in entry["shape"]]
            begin, end = (int(v) for v in entry["data_offsets"])
        except (KeyError, TypeError, ValueError):
            raise BundleError(path, f"tensor '{name}' has a malformed header entry {entry!r}") from None
        if not 0 <= begin <= end <= len(body):
            raise BundleError(path, f"tensor '{name}' runs past the end of the file (truncated?)")
        if end - begin != math.prod(shape) * dtype.itemsize:
            raise BundleError(path, f"tensor '{name}' holds {end - begin} bytes, its shape {shape} and dtype "
                                    f"{entry['dtype']} need {math.prod(shape) * dtype.itemsize}")
        tensors[name] = np.frombuffer(body[begin:end], dtype=dtype).reshape(shape).astype(dtype.newbyteorder("="))
    return tensors, metadata


def read_bundle(path):
    """The bundle document (a dict) and its tensors (name -> NumPy array) at `path`, checked: the format name,
    a readable version (1, 2 or 3), the fields an edit needs, and every classifier tensor present, of the right
    shape and finite. Raises `BundleError` with one line naming the file otherwise."""
    tensors, metadata = read_safetensors(path)
    if METADATA_KEY not in metadata:
        raise BundleError(path, f"no '{METADATA_KEY}' entry in the safetensors metadata: not an edit bundle")
    try:
        document = json.loads(metadata[METADATA_KEY])
    except json.JSONDecodeError as error:
        raise BundleError(path, f"metadata '{METADATA_KEY}' is not valid JSON ({error})") from None
    if not isinstance(document, dict):
        raise BundleError(path, f"metadata '{METADATA_KEY}' is not a JSON object")
    if document.get("format") != FORMAT_NAME:
        raise BundleError(path, f"metadata format is {document.get('format')!r}, expected '{FORMAT_NAME}'")
    version = document.get("formatVersion")
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        raise BundleError(path, f"bundle format version {version!r}; gradctrl_bundle reads versions "
                                f"{READABLE_VERSIONS[0]} to {READABLE_VERSIONS[-1]}")
    try:
        _check_document(document, tensors)
    except (KeyError, TypeError, ValueError) as error:
        problem = f"missing field {error}" if isinstance(error, KeyError) else str(error)
        raise BundleError(path, problem) from None
    return document, tensors


def attribute_records(document):
    """The target's record, then each protected attribute's, in order."""
    return [document["target"]] + list(document["protected"])


def layer_widths(architecture):
    """The output width of every linear layer: the hidden widths, then 1 (sigmoid) or K (softmax)."""
    head = 1 if architecture["head"] == "sigmoid" else architecture["classCount"]
    return list(architecture["hidden"]) + [head]


def _check_document(document, tensors):
    """Raises ValueError (or KeyError for a missing field) unless the document and tensors fit together."""
    version = document["formatVersion"]
    d = document["generator"]["latentDimension"]
    if not isinstance(d, int) or d <= 0:
        raise ValueError(f"latent dimension {d!r} is not a positive integer")
    records = attribute_records(document)
    names = [r["name"] for r in records]
    if len(set(names)) != len(names):
        raise ValueError(f"attribute names repeat: {names}")
    for index, record in enumerate(records):
        name, a = record["name"], record["architecture"]
        prefix = "target." if index == 0 else f"protected.{name}."
        if record["tensorPrefix"] != prefix:
            raise ValueError(f"attribute '{name}': tensor prefix '{record['tensorPrefix']}' should be '{prefix}'")
        if a["inputDimension"] != d:
            raise ValueError(f"attribute '{name}': its classifier takes {a['inputDimension']}-dimensional latents, "
                             f"the bundle's generator has {d}")
        if a["head"] not in ("sigmoid", "softmax") or a["classCount"] < 2 or (a["head"] == "sigmoid" and a["classCount"] != 2):
            raise ValueError(f"attribute '{name}': invalid head '{a['head']}' with {a['classCount']} classes")
        if len(record["classNames"]) != a["classCount"]:
            raise ValueError(f"attribute '{name}': {len(record['classNames'])} class names for {a['classCount']} classes")
        if record["inputNormalization"] != "standardization":
            raise ValueError(f"attribute '{name}': unknown input normalisation '{record['inputNormalization']}'")
        expected = {prefix + "standardization.mean": [d], prefix + "standardization.deviation": [d]}
        width = d
        for layer, outputs in enumerate(layer_widths(a)):
            expected[f"{prefix}layers.{layer}.weight"] = [outputs, width]
            expected[f"{prefix}layers.{layer}.bias"] = [outputs]
            width = outputs
        for tensor_name, shape in expected.items():
            if tensor_name not in tensors:
                raise ValueError(f"tensor '{tensor_name}' is missing")
            array = tensors[tensor_name]
            if list(array.shape) != shape or array.dtype.kind != "f":
                raise ValueError(f"tensor '{tensor_name}' is {array.dtype} {list(array.shape)}, expected float {shape}")
            if not np.all(np.isfinite(array)):
                raise ValueError(f"tensor '{tensor_name}' holds NaN or infinite values")
        if not np.all(tensors[prefix + "standardization.deviation"] > 0):
            raise ValueError(f"tensor '{prefix}standardization.deviation' has a non-positive entry")
    _check_method(document["method"], document)
    defaults = document["editDefaults"]
    if not (isinstance(defaults["steps"], int) and defaults["steps"] >= 0 and defaults["stepLength"] > 0
            and isinstance(defaults["keepNorm"], bool)):
        raise ValueError(f"invalid edit defaults {defaults}")
    stop = defaults.get("stopProbability")
    if stop is not None and not 0 < stop <= 1:
        raise ValueError(f"the stop probability must be in (0, 1], got {stop}")
    layers = document.get("styleLayers")
    if layers is not None:
        if version < 3:
            raise ValueError(f"'styleLayers' needs bundle format version 3, the file says {version}")
        if not (isinstance(layers, list) and len(layers) == 2 and all(isinstance(v, int) for v in layers)
                and 0 <= layers[0] < layers[1] <= MAXIMUM_STYLE_LAYERS):
            raise ValueError(f"'styleLayers' must be [lo, hi] with 0 <= lo < hi <= {MAXIMUM_STYLE_LAYERS}, is {layers}")
    class_methods = document.get("classMethods")
    if class_methods is not None:
        if version < 4:
            raise ValueError(f"'classMethods' needs bundle format version 4, the file says {version}")
        classes = document["target"]["classNames"]
        if not isinstance(class_methods, dict) or any(name not in classes for name in class_methods):
            raise ValueError(f"'classMethods' must map classes of the target ({', '.join(classes)}) to methods")
        for name, method in class_methods.items():
            try:
                _check_method(method, document)
            except ValueError as error:
                raise ValueError(f"'classMethods' of '{name}': {error}") from None


def _check_method(method, document):
    """Raises ValueError (or KeyError) unless `method` is an edit method that fits the document's protected attributes."""
    kind = method["kind"]
    protected = [r["name"] for r in document["protected"]]
    d = document["generator"]["latentDimension"]
    if kind == "masked":
        budgets = method["budgets"]
        if set(budgets) != set(protected) or not all(isinstance(b, int) and 0 <= b <= d for b in budgets.values()):
            raise ValueError(f"masked method budgets {budgets} do not give one budget in 0...{d} to each of {protected}")
    elif kind == "restored":
        if document["formatVersion"] == 1:
            raise ValueError("method 'restored' needs bundle format version 2, the file says 1")
        if not isinstance(method["rounds"], int) or not 1 <= method["rounds"] <= 10:
            raise ValueError(f"restoring rounds must lie in 1...10, got {method['rounds']!r}")
    elif kind not in ("plain", "projected"):
        raise ValueError(f"unknown edit method '{kind}' (known: plain, masked, projected, restored)")
