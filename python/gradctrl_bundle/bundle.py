"""An edit bundle as a torch module: the target and protected classifiers with the bundle's metadata."""

import torch
from torch import nn

from .classifier import Classifier
from .reading import read_bundle

# The restoring rounds the Swift Editor's `--method restored` uses (EditMethod.defaultRestoringRounds).
DEFAULT_RESTORING_ROUNDS = 2


class Bundle(nn.Module):
    """The classifiers of one bundle and what an edit needs from its document.

    Attributes: `target` (a `Classifier`), `protected` (name -> `Classifier`, in the bundle's order),
    `document` (the whole JSON document), `path`, `format_version`, `attribute` (the target's name),
    `class_names`, `latent_dimension`, `generator` (identifier, digest, dimension), `method` (the bundle's
    method record, e.g. {"kind": "restored", "rounds": 2}), `mask_budgets` (the budgets `method="masked"` uses),
    `steps`, `step_length`, `keep_norm`, `stop_probability` (or None) and `style_layers` ((lo, hi) or None).
    `forward(z)` gives the target's class probabilities `[N, K]`; `probabilities(z)` every attribute's."""

    def __init__(self, document, tensors, path):
        super().__init__()
        self.path = str(path)
        self.document = document
        self.format_version = document["formatVersion"]
        self.generator = dict(document["generator"])
        self.latent_dimension = document["generator"]["latentDimension"]
        self.target = Classifier(document["target"], tensors)
        self.protected = nn.ModuleDict({r["name"]: Classifier(r, tensors) for r in document["protected"]})
        self.method = dict(document["method"])
        # Version 4: the method per class where it differs from `method`.
        self.class_methods = {name: dict(m) for name, m in (document.get("classMethods") or {}).items()}
        defaults = document["editDefaults"]
        self.steps = defaults["steps"]
        self.step_length = float(defaults["stepLength"])
        self.keep_norm = defaults["keepNorm"]
        self.stop_probability = defaults.get("stopProbability")
        layers = document.get("styleLayers")
        self.style_layers = tuple(layers) if layers is not None else None
        self.mask_budgets = _own_mask_budgets(document)

    def method_toward(self, index):
        """The method an edit toward class `index` uses by default: its own (version 4) or the bundle's."""
        return self.class_methods.get(self.class_names[index], self.method)

    @property
    def attribute(self):
        """The target attribute's name."""
        return self.target.name

    @property
    def class_names(self):
        """The target attribute's class names, in class order."""
        return self.target.class_names

    def class_index(self, to):
        """The index of the target class `to`: a class name, an index, or an index as text (as `Editor --to`)."""
        names = self.class_names
        if isinstance(to, str) and to in names:
            return names.index(to)
        try:
            index = int(to)
        except (TypeError, ValueError):
            index = None
        if index is not None and not isinstance(to, bool) and 0 <= index < len(names) and str(to).strip() == str(index):
            return index
        classes = ", ".join(f"{i} {n}" for i, n in enumerate(names))
        raise ValueError(f"{self.path}: attribute '{self.attribute}' has no class {to!r} (classes: {classes})")

    def forward(self, z):
        """The target attribute's class probabilities `[N, K]` at latents `[N, D]` (differentiable)."""
        return self.target.probabilities(z)

    def probabilities(self, z):
        """Every attribute's class probabilities at latents `[N, D]`: {name: `[N, K]`}, the target first."""
        result = {self.attribute: self.target.probabilities(z)}
        result.update({name: c.probabilities(z) for name, c in self.protected.items()})
        return result

    def extra_repr(self):
        return (f"path={self.path!r}, version={self.format_version}, attribute={self.attribute!r}, "
                f"classes={self.class_names}, method={self.method}, steps={self.steps}, "
                f"step_length={self.step_length}, keep_norm={self.keep_norm}, stop_probability={self.stop_probability}, "
                f"style_layers={self.style_layers}")


def load_bundle(path, device="cpu"):
    """Reads and checks the edit bundle at `path` (format versions 1 to 3) and returns it as a `Bundle` module on
    `device` (float32). Raises `BundleError` (one line naming the file) for an unreadable or unknown bundle."""
    document, tensors = read_bundle(path)
    return Bundle(document, tensors, path).to(device=torch.device(device), dtype=torch.float32)


def _own_mask_budgets(document):
    """The budgets of the bundle's masked method, else of its automatic choice's best masked row (all 0 when the
    plain gradient beat masking), else None: what the Swift Editor masks with when asked for masks without
    budgets (EditBundle.maskingOverride)."""
    method = document["method"]
    if method["kind"] == "masked":
        return dict(method["budgets"])
    choice = document.get("maskChoice")
    if not choice:
        return None
    row = choice["rows"][choice["bestMaskedRow"]]
    if row["method"]["kind"] == "masked":
        return dict(row["method"]["budgets"])
    return {p["name"]: 0 for p in row["measurement"]["protected"]}
