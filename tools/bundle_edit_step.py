#!/usr/bin/env python3
"""One GradCtrl edit step from an edit bundle, with NumPy alone.

Reads an edit bundle (one safetensors file; format in docs/bundle-format.md), rebuilds the target
attribute's classifier and the protected attributes' classifiers, and moves each latent one step toward
the class named by --to, with the bundle's method (plain, masked, projected, or projected with restoring
corrections) and edit defaults (step length, stop probability, norm keeping). Reads format versions 1 to 3
(version 3 may carry `styleLayers` [lo, hi]: the W+ layers of a style-based generator the edit writes, which
this example reports; render a step by writing the moved w into layers lo..hi-1 and the start w into the
others). Computes in float64; the Swift editor computes in float32, and the
two agree to about 1e-5.

Usage:
    python3 tools/bundle_edit_step.py BUNDLE.safetensors LATENTS.npy --to CLASS [--start START.npy] [--out OUT.npy]

LATENTS.npy holds float latents [N, D] (or one latent [D]). Without --out the moved latents are printed.
START.npy holds the latents the paths began at (same shape; default: LATENTS itself): the restored method
brings the protected classifiers' outputs back to their values there.
"""

import argparse
import json
import sys

import numpy as np

METADATA_KEY = "gradctrl.bundle"
FORMAT_NAME = "gradctrl-edit-bundle"
FORMAT_VERSIONS = (1, 2, 3, 4)
DTYPES = {"F64": "<f8", "F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4", "U8": "u1"}
# A protected vector whose Gram-Schmidt remainder is below this fraction of its length is skipped.
DEPENDENT_DIRECTION_TOLERANCE = 1e-3
# A direction at most this fraction of the target gradient's length after masking or projection is "removed".
VANISHED_GRADIENT_TOLERANCE = 1e-4
# The restoring correction solves (J J^T + lambda I) x = r with lambda this times the largest diagonal entry.
RESTORING_DAMPING = 1e-6


class FileError(Exception):
    """A bundle or latent file that cannot be used; the message names the file."""


def read_bundle(path):
    """The metadata document and the tensors (name -> float64 or int array) of the bundle at `path`."""
    with open(path, "rb") as handle:
        data = handle.read()
    if len(data) < 8:
        raise FileError(f"{path}: too short for a safetensors file")
    length = int.from_bytes(data[:8], "little")
    if 8 + length > len(data):
        raise FileError(f"{path}: header runs past the end of the file (truncated?)")
    try:
        header = json.loads(data[8:8 + length].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FileError(f"{path}: safetensors header is not valid JSON: {error}") from None
    metadata = header.pop("__metadata__", {})
    if METADATA_KEY not in metadata:
        raise FileError(f"{path}: no '{METADATA_KEY}' metadata: not an edit bundle")
    try:
        document = json.loads(metadata[METADATA_KEY])
    except json.JSONDecodeError as error:
        raise FileError(f"{path}: metadata '{METADATA_KEY}' is not valid JSON: {error}") from None
    if document.get("format") != FORMAT_NAME or document.get("formatVersion") not in FORMAT_VERSIONS:
        raise FileError(f"{path}: not a {FORMAT_NAME} document of version {' or '.join(map(str, FORMAT_VERSIONS))}")
    if document["formatVersion"] == 1 and document.get("method", {}).get("kind") == "restored":
        raise FileError(f"{path}: method 'restored' needs format version 2")
    layers = document.get("styleLayers")
    if layers is not None:
        if document["formatVersion"] < 3:
            raise FileError(f"{path}: 'styleLayers' needs format version 3")
        if not (isinstance(layers, list) and len(layers) == 2 and all(isinstance(v, int) for v in layers)
                and 0 <= layers[0] < layers[1] <= 256):
            raise FileError(f"{path}: 'styleLayers' must be [lo, hi] with 0 <= lo < hi <= 256, is {layers}")
    class_methods = document.get("classMethods")
    if class_methods is not None:
        if document["formatVersion"] < 4:
            raise FileError(f"{path}: 'classMethods' needs format version 4")
        if not isinstance(class_methods, dict) or any(name not in document["target"]["classNames"] for name in class_methods):
            raise FileError(f"{path}: 'classMethods' must map classes of the target to methods")
    start = 8 + length
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        if start + end > len(data):
            raise FileError(f"{path}: tensor '{name}' runs past the end of the file (truncated?)")
        array = np.frombuffer(data[start + begin:start + end], dtype=DTYPES[entry["dtype"]])
        tensors[name] = array.reshape(entry["shape"]).astype(np.float64 if entry["dtype"].startswith("F") else np.int64)
    return document, tensors


class Classifier:
    """An attribute classifier: per-channel standardisation, linear layers with LeakyReLU between them,
    then one logit (sigmoid head) or K logits (softmax head)."""

    def __init__(self, record, tensors, path):
        architecture = record["architecture"]
        prefix = record["tensorPrefix"]

        def tensor(name, shape):
            full = prefix + name
            if full not in tensors:
                raise FileError(f"{path}: tensor '{full}' is missing")
            if list(tensors[full].shape) != list(shape):
                raise FileError(f"{path}: tensor '{full}' has shape {list(tensors[full].shape)}, expected {list(shape)}")
            return tensors[full]

        d = architecture["inputDimension"]
        self.head = architecture["head"]
        self.slope = architecture["leakySlope"]
        self.mean = tensor("standardization.mean", [d])
        self.deviation = tensor("standardization.deviation", [d])
        widths = architecture["hidden"] + [1 if self.head == "sigmoid" else architecture["classCount"]]
        self.layers = []
        inputs = d
        for index, outputs in enumerate(widths):
            self.layers.append((tensor(f"layers.{index}.weight", [outputs, inputs]), tensor(f"layers.{index}.bias", [outputs])))
            inputs = outputs

    def logit_gradients(self, z):
        """Logits [N, L] and their gradients with respect to z, [L, N, D]."""
        h = (z - self.mean) / self.deviation
        pre_activations = []
        for weight, bias in self.layers[:-1]:
            a = h @ weight.T + bias
            pre_activations.append(a)
            h = np.where(a > 0, a, self.slope * a)
        last_weight, last_bias = self.layers[-1]
        logits = h @ last_weight.T + last_bias
        gradients = []
        for j in range(last_weight.shape[0]):
            g = np.broadcast_to(last_weight[j], (z.shape[0], last_weight.shape[1]))
            for (weight, _), a in zip(reversed(self.layers[:-1]), reversed(pre_activations)):
                g = (g * np.where(a > 0, 1.0, self.slope)) @ weight
            gradients.append(g / self.deviation)
        return logits, np.stack(gradients)

    def probabilities(self, z):
        """Class probabilities [N, K] (for a sigmoid head: 1 - p and p)."""
        logits, _ = self.logit_gradients(z)
        if self.head == "sigmoid":
            p = 1 / (1 + np.exp(-logits[:, 0]))
            return np.stack([1 - p, p], axis=1)
        e = np.exp(logits - logits.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)


def softmax_excluding(logits, excluded):
    """Softmax of a row of logits without class `excluded` (whose entry is 0)."""
    others = np.delete(logits, excluded)
    e = np.exp(logits - others.max())
    e[excluded] = 0
    return e / e.sum()


def target_direction(classifier, k, z):
    """dp_k/dz divided by p_k (1 - p_k): grad l_k - sum_j q_j grad l_j with q the softmax of the other logits
    (softmax head), or +/- grad l (sigmoid head, class 1 / class 0)."""
    logits, gradients = classifier.logit_gradients(z)
    if classifier.head == "sigmoid":
        return gradients[0] if k == 1 else -gradients[0]
    out = np.empty_like(gradients[0])
    for row in range(z.shape[0]):
        weights = -softmax_excluding(logits[row], k)
        weights[k] = 1
        out[row] = weights @ gradients[:, row, :]
    return out


def protected_directions(classifier, z, including_most_probable=True):
    """For each class c, dp_c/dz divided by p_m (1 - p_m) (m the most probable class), [C, N, D]; for a
    sigmoid head the single vector grad l. Without `including_most_probable`, row m (minus the sum of the
    others) is left as zeros: the span for projection, free of float rounding noise."""
    logits, gradients = classifier.logit_gradients(z)
    if classifier.head == "sigmoid":
        return gradients
    classes = logits.shape[1]
    out = np.empty_like(gradients)
    for row in range(z.shape[0]):
        l = logits[row]
        m = int(np.argmax(l))
        r = np.exp(l - l[m])
        q = softmax_excluding(l, m)
        coefficients = q[:, None] * (np.eye(classes) * r.sum() - r[None, :])  # row m is 0 since q[m] = 0
        if including_most_probable:
            coefficients[m] = -coefficients.sum(axis=0)
        out[:, row, :] = coefficients @ gradients[:, row, :]
    return out


def sensitivity(directions, head):
    """Per-channel sensitivity [N, D]: |v| for a sigmoid head, half the sum over classes of |v_c| for softmax."""
    return np.abs(directions[0]) if head == "sigmoid" else 0.5 * np.abs(directions).sum(axis=0)


def top_channels(values, count):
    """Indices of the `count` largest values, largest first, the lower index first on a tie."""
    return np.lexsort((np.arange(values.size), -values))[:count]


def project_out(directions, g):
    """Removes from g its components along the span of `directions` (modified Gram-Schmidt)."""
    basis = []
    for v in directions:
        length = np.linalg.norm(v)
        for u in basis:
            v = v - (v @ u) * u
        remainder = np.linalg.norm(v)
        if length > 0 and remainder > DEPENDENT_DIRECTION_TOLERANCE * length:
            basis.append(v / remainder)
    for u in basis:
        g = g - (g @ u) * u
    return g


def restored_outputs(classifier, z, reference=None):
    """The outputs a restoring correction holds, [N, M], their gradients [M, N, D], and the reference classes:
    the logit (sigmoid head), or the logit differences l_c - l_m for c != m, m the class predicted at the path
    start (softmax head; `reference` gives m per row, None takes the argmax at z)."""
    logits, gradients = classifier.logit_gradients(z)
    if classifier.head == "sigmoid":
        return logits, gradients, None
    m = np.argmax(logits, axis=1) if reference is None else reference
    classes = logits.shape[1]
    values = np.empty((z.shape[0], classes - 1))
    grads = np.empty((classes - 1,) + z.shape)
    for row in range(z.shape[0]):
        others = [c for c in range(classes) if c != m[row]]
        values[row] = logits[row, others] - logits[row, m[row]]
        grads[:, row, :] = gradients[others, row, :] - gradients[m[row], row, :]
    return values, grads, m


def restore(protected, w, anchors, max_length, norms):
    """One restoring correction of the rows of w toward the protected outputs `anchors` (taken at the path
    start): delta = -J^T (J J^T + lambda I)^-1 r over all protected outputs, shortened to `max_length`, then
    rescaled to `norms` (when given). Rows whose system is empty, zero or not finite stay."""
    current = [restored_outputs(classifier, w, reference) for (_, classifier), (_, reference) in zip(protected, anchors)]
    out = w.copy()
    for row in range(w.shape[0]):
        jacobian = np.concatenate([grads[:, row, :] for _, grads, _ in current])
        residual = np.concatenate([values[row] - anchor[row] for (values, _, _), (anchor, _) in zip(current, anchors)])
        gram = jacobian @ jacobian.T
        largest = np.max(np.diag(gram)) if gram.size else 0.0
        if not (largest > 0 and np.isfinite(largest) and np.all(np.isfinite(residual))):
            continue
        x = np.linalg.solve(gram + RESTORING_DAMPING * largest * np.eye(len(residual)), residual)
        delta = -(jacobian.T @ x)
        length = np.linalg.norm(delta)
        if length > max_length:
            delta *= max_length / length
        moved = w[row] + delta
        if norms is not None and norms[row] > 0:
            moved *= norms[row] / np.linalg.norm(moved)
        out[row] = moved
    return out


def method_toward(document, class_name):
    """The method an edit toward `class_name` uses: its own (format version 4's `classMethods`) or the bundle's."""
    return (document.get("classMethods") or {}).get(class_name, document["method"])


def edit_step(document, tensors, path, z, class_name, start=None):
    """The latents after one step toward `class_name` and, per row, why it did not move (or None); `start`
    holds the latents the paths began at (default: z), to which the restored method returns the protected
    outputs."""
    target_record = document["target"]
    if class_name not in target_record["classNames"]:
        raise FileError(f"{path}: attribute '{target_record['name']}' has no class '{class_name}' "
                          f"(classes: {', '.join(target_record['classNames'])})")
    k = target_record["classNames"].index(class_name)
    target = Classifier(target_record, tensors, path)
    protected = [(record["name"], Classifier(record, tensors, path)) for record in document["protected"]]
    method = method_toward(document, class_name)
    defaults = document["editDefaults"]

    gradient = target_direction(target, k, z)
    direction = gradient.copy()
    if method["kind"] == "masked":
        for name, classifier in protected:
            budget = method["budgets"][name]
            if budget == 0:
                continue
            scores = sensitivity(protected_directions(classifier, z), classifier.head)
            for row in range(z.shape[0]):
                direction[row, top_channels(scores[row], budget)] = 0
    elif method["kind"] in ("projected", "restored"):
        vectors = np.concatenate([protected_directions(classifier, z, False) for _, classifier in protected]) \
            if protected else np.zeros((0,) + z.shape)
        for row in range(z.shape[0]):
            direction[row] = project_out(vectors[:, row, :], direction[row])
    elif method["kind"] != "plain":
        raise FileError(f"{path}: unknown edit method '{method['kind']}'")

    probabilities = target.probabilities(z)[:, k]
    moved = z.copy()
    stops = []
    for row in range(z.shape[0]):
        gradient_length = np.linalg.norm(gradient[row])
        direction_length = np.linalg.norm(direction[row])
        if defaults.get("stopProbability") is not None and probabilities[row] >= defaults["stopProbability"]:
            stops.append("reachedStopProbability")
        elif not (np.isfinite(gradient_length) and gradient_length > 0):
            stops.append("targetGradientVanished")
        elif direction_length <= VANISHED_GRADIENT_TOLERANCE * gradient_length:
            stops.append("methodRemovedGradient")
        else:
            w = z[row] + defaults["stepLength"] / direction_length * direction[row]
            start_length = np.linalg.norm(z[row])
            if defaults["keepNorm"] and start_length > 0:
                w *= start_length / np.linalg.norm(w)
            moved[row] = w
            stops.append(None)
    if method["kind"] == "restored" and protected:
        rounds = method["rounds"]
        origin = z if start is None else start
        anchors = [(values, reference) for values, _, reference in
                   (restored_outputs(classifier, origin) for _, classifier in protected)]
        norms = np.linalg.norm(z, axis=1) if defaults["keepNorm"] else None
        moving = np.array([stop is None for stop in stops])
        for _ in range(rounds):
            corrected = restore(protected, moved, anchors, defaults["stepLength"], norms)
            moved[moving] = corrected[moving]
    return moved, stops


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", help="edit bundle (.safetensors)")
    parser.add_argument("latents", help="latents .npy, [N, D] or [D]")
    parser.add_argument("--to", required=True, dest="class_name", help="the class to move toward")
    parser.add_argument("--start", help="latents .npy the paths began at (default: the latents themselves)")
    parser.add_argument("--out", help="write the moved latents [N, D] here as float32 .npy")
    arguments = parser.parse_args()
    try:
        document, tensors = read_bundle(arguments.bundle)
        z = np.load(arguments.latents, allow_pickle=False)
        d = document["generator"]["latentDimension"]
        if z.ndim == 1:
            z = z[None, :]
        if z.ndim != 2 or z.shape[1] != d or not np.issubdtype(z.dtype, np.floating):
            raise FileError(f"{arguments.latents}: latents must be float [N, {d}], got {z.dtype} {list(z.shape)}")
        if not np.all(np.isfinite(z)):
            raise FileError(f"{arguments.latents}: latents hold NaN or infinite values")
        start = None
        if arguments.start:
            start = np.load(arguments.start, allow_pickle=False)
            if start.ndim == 1:
                start = start[None, :]
            if start.shape != z.shape or not np.issubdtype(start.dtype, np.floating) or not np.all(np.isfinite(start)):
                raise FileError(f"{arguments.start}: path starts must be finite floats shaped like the latents {list(z.shape)}")
            start = start.astype(np.float64)
        moved, stops = edit_step(document, tensors, arguments.bundle, z.astype(np.float64), arguments.class_name, start)
    except (FileError, OSError, ValueError, KeyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    method = method_toward(document, arguments.class_name)
    print(f"{document['target']['name']} -> {arguments.class_name}: method {method['kind']}"
          + (f" {method['budgets']}" if method["kind"] == "masked" else "")
          + (f" ({method['rounds']} rounds)" if method["kind"] == "restored" else "")
          + f", step length {document['editDefaults']['stepLength']}, keep norm {document['editDefaults']['keepNorm']}"
          + (f", W+ layers {document['styleLayers'][0]}:{document['styleLayers'][1]}" if document.get("styleLayers") else ""))
    for row, stop in enumerate(stops):
        if stop is not None:
            print(f"latent {row} did not move: {stop}")
    if arguments.out:
        np.save(arguments.out, moved.astype(np.float32))
        print(f"wrote {arguments.out} {list(moved.shape)}")
    else:
        np.set_printoptions(precision=6, suppress=True, linewidth=120)
        print(moved.astype(np.float32))
    return 0


if __name__ == "__main__":
    sys.exit(main())
