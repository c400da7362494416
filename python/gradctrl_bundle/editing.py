"""The Swift `Editor`'s edit paths in torch (Sources/Editing: editLatents, the step, masks, projection, restoring).

Each step, for every latent still moving: the target direction (∂p_k/∂w up to a positive factor, from logit
gradients), masked or projected against the protected classifiers, normalised, stepped a fixed length, rescaled
to the starting norm; the `restored` method then applies damped Gauss–Newton corrections that bring the
protected classifiers' outputs back to their values at the path's start. The classifiers run in float32 as in
Swift; the per-latent combinations, norms, Gram–Schmidt and solves run in float64, rounded to float32 where the
Swift code stores a float32 tensor, so that both produce the same paths to float32 rounding.
"""

import math

import numpy as np
import torch

from .bundle import DEFAULT_RESTORING_ROUNDS, Bundle
from .classifier import probabilities_from_logits

# A direction at most this fraction of the target gradient's length after masking or projection counts as removed.
VANISHED_GRADIENT_TOLERANCE = 1e-4
# A protected vector whose Gram–Schmidt remainder is at most this fraction of its length is skipped.
DEPENDENT_DIRECTION_TOLERANCE = 1e-3
# The restoring solve's damping: λ = this × the largest diagonal entry of J Jᵀ.
RESTORING_DAMPING = 1e-6
# The most steps a path may take (Editing.maximumEditSteps).
MAXIMUM_STEPS = 1000
METHODS = ("plain", "masked", "projected", "restored")
STOP_REASONS = ("reachedStopProbability", "targetGradientVanished", "methodRemovedGradient")


def edit(bundle, latents, to, method=None, steps=None, step_length=None, stop_at=None, keep_norm=None, layers=None,
         num_ws=None, budgets=None, rounds=None, return_stops=False):
    """Edit paths of `latents` `[N, D]` (a tensor or array) toward class `to` of the bundle's attribute, exactly as
    `swift run Editor --bundle … --to …` computes them. Returns float32 paths `[N, steps + 1, D]` on the bundle's
    device (point 0 is the start; a latent that stopped repeats its last point), or, when `num_ws` is given, W+ codes
    `[N, steps + 1, num_ws, D]` in which the layers lo..hi-1 of the range hold the path and every other layer keeps
    the start w₀ (Editor `--layers`; `layers` (lo, hi) or "lo:hi", default the bundle's `styleLayers`, else every
    layer).

    `to`: a class name or index (a binary attribute's class 1 is the sigmoid's positive class). `method`: None (the
    bundle's), "plain", "masked", "projected" or "restored" (as Editor `--method restored`: 2 rounds unless
    `rounds`). `budgets` (masks, as Editor `--exclude`/`--top-channels`): one channel count for every protected
    attribute, or {name: count} to protect only those; with method "masked" and no budgets, the bundle's own.
    `steps`, `step_length`, `stop_at` (stop a latent once its target probability reaches it), `keep_norm`: None
    takes the bundle's defaults. With `return_stops`, also returns per latent None or (reason, steps taken).

    The paths are computed without autograd; the bundle's classifiers (`bundle(z)`, `bundle.probabilities(z)`)
    stay differentiable for other uses."""
    if not isinstance(bundle, Bundle):
        raise TypeError(f"edit() takes a Bundle from load_bundle(), got {type(bundle).__name__}")
    k = bundle.class_index(to)
    protected, kind, budgets, rounds = _resolve_method(bundle, method, budgets, rounds, bundle.method_toward(k))
    steps = bundle.steps if steps is None else steps
    if isinstance(steps, bool) or not isinstance(steps, int) or not 0 <= steps <= MAXIMUM_STEPS:
        raise ValueError(f"steps must be an integer in 0...{MAXIMUM_STEPS}, got {steps!r}")
    # The Swift settings hold the step length and stop probability as float32.
    step_length = float(np.float32(bundle.step_length if step_length is None else step_length))
    if not (math.isfinite(step_length) and step_length > 0):
        raise ValueError(f"the step length must be positive and finite, got {step_length}")
    stop_at = bundle.stop_probability if stop_at is None else stop_at
    if stop_at is not None and not 0 < stop_at <= 1:
        raise ValueError(f"stop_at must be in (0, 1], got {stop_at}")
    keep_norm = bundle.keep_norm if keep_norm is None else bool(keep_norm)
    style_range = layer_range(bundle, layers, num_ws)
    z = _as_latents(bundle, latents)
    settings = _Settings(k, kind, budgets, rounds, step_length, stop_at, keep_norm)
    with torch.no_grad():
        path, stops = _edit_paths(bundle, protected, z, steps, settings)
        if num_ws is not None:
            path = wplus_codes(path, num_ws, style_range)
    return (path, stops) if return_stops else path


def wplus_codes(path, num_ws, layers=None):
    """W+ codes `[N, points, num_ws, D]` of paths `[N, points, D]`: layers lo..hi-1 of `layers` hold each point,
    every other layer the path's start (None: every layer holds each point)."""
    n, points, d = path.shape
    lo, hi = layers if layers is not None else (0, num_ws)
    written = torch.zeros(num_ws, dtype=torch.bool, device=path.device)
    written[lo:hi] = True
    start = path[:, :1].unsqueeze(2).expand(n, points, num_ws, d)
    current = path.unsqueeze(2).expand(n, points, num_ws, d)
    return torch.where(written.view(1, 1, num_ws, 1), current, start).contiguous()


class _Settings:
    """What one edit does, resolved from the arguments and the bundle's defaults."""

    def __init__(self, k, kind, budgets, rounds, step_length, stop_at, keep_norm):
        self.k, self.kind, self.budgets, self.rounds = k, kind, budgets, rounds
        self.step_length, self.stop_at, self.keep_norm = step_length, stop_at, keep_norm


def _resolve_method(bundle, method, budgets, rounds, own):
    """(protected classifiers as [(name, Classifier)], kind, budgets {name: count} or None, restoring rounds);
    `own` is the bundle's method toward the class edited (its class method, else the bundle's)."""
    all_protected = list(bundle.protected.items())
    if method is not None and method not in METHODS:
        raise ValueError(f"unknown method {method!r} (known: {', '.join(METHODS)}; None for the bundle's)")
    if budgets is not None:
        if method not in (None, "masked"):
            raise ValueError(f"budgets mask channels: they go with method 'masked' (or None), not {method!r}")
        method = "masked"
    kind = method or own["kind"]
    if rounds is not None and kind != "restored":
        raise ValueError(f"rounds go with method 'restored', not {kind!r}")
    if kind == "restored":
        rounds = rounds if rounds is not None else (
            own["rounds"] if method is None else DEFAULT_RESTORING_ROUNDS)
        if isinstance(rounds, bool) or not isinstance(rounds, int) or not 1 <= rounds <= 10:
            raise ValueError(f"restoring rounds must lie in 1...10, got {rounds!r}")
    if kind != "masked":
        return all_protected, kind, None, rounds
    names = list(bundle.protected)
    if budgets is None:
        if method is None or own["kind"] == "masked":
            budgets = dict(own.get("budgets", {}))
        elif bundle.mask_budgets is not None:
            budgets = dict(bundle.mask_budgets)
        else:
            raise ValueError(f"{bundle.path}: the bundle has no channel budgets (no masked method, no mask choice); "
                             "give budgets=")
    elif isinstance(budgets, int) and not isinstance(budgets, bool):
        budgets = {name: budgets for name in names}
    elif isinstance(budgets, dict):
        unknown = [name for name in budgets if name not in bundle.protected]
        if unknown:
            raise ValueError(f"{bundle.path}: the bundle has no classifier for protected attribute '{unknown[0]}' "
                             f"(it has: {', '.join(names)})")
    else:
        raise ValueError(f"budgets must be a channel count or {{name: count}}, got {budgets!r}")
    for name, count in budgets.items():
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= bundle.latent_dimension:
            raise ValueError(f"channel budget {count!r} for '{name}' is outside 0...{bundle.latent_dimension}")
    chosen = [(name, bundle.protected[name]) for name in budgets]
    return chosen, kind, budgets, None


def layer_range(bundle, layers, num_ws):
    """The W+ range (lo, hi) an edit with these arguments writes, or None for every layer: `layers` ((lo, hi) or
    "lo:hi"), else the bundle's `styleLayers`; checked against `num_ws` (None: no W+ codes, and no `layers`)."""
    if num_ws is None:
        if layers is not None:
            raise ValueError("layers need num_ws, the generator's number of W+ layers (G.num_ws)")
        return None
    if isinstance(num_ws, bool) or not isinstance(num_ws, int) or num_ws < 1:
        raise ValueError(f"num_ws must be a positive integer, got {num_ws!r}")
    if layers is None:
        layers = bundle.style_layers
        if layers is None:
            return None
    if isinstance(layers, str):
        parts = layers.split(":")
        try:
            layers = tuple(int(p) for p in parts) if len(parts) == 2 else None
        except ValueError:
            layers = None
        if layers is None:
            raise ValueError(f"layers takes lo:hi with 0 <= lo < hi (for example 2:4), got {layers!r}")
    lo, hi = layers
    if not 0 <= lo < hi <= num_ws:
        raise ValueError(f"layers {lo}:{hi} is not a non-empty range inside the generator's layers 0:{num_ws}")
    return (lo, hi)


def _as_latents(bundle, latents):
    """`latents` as a float32 `[N, D]` tensor on the bundle's device; one-line errors for a wrong shape or values."""
    device = bundle.target.mean.device
    z = torch.as_tensor(np.asarray(latents) if not isinstance(latents, torch.Tensor) else latents)
    z = z.detach().to(device=device, dtype=torch.float32)
    d = bundle.latent_dimension
    if z.dim() != 2 or z.shape[1] != d:
        raise ValueError(f"latents must have shape [N, {d}] for the classifier of '{bundle.attribute}', "
                         f"got {list(z.shape)}")
    if not torch.isfinite(z).all():
        raise ValueError("latents hold NaN or infinite values")
    return z.contiguous()


def _edit_paths(bundle, protected, z, steps, s):
    """editLatents: the paths `[N, steps + 1, D]` and the stops; stopped latents leave the batch."""
    n, d = z.shape
    folded = {name: c.folded_layers() for name, c in [("", bundle.target)] + protected}
    target = (bundle.target, folded[""])
    guarded = [(c, folded[name]) for name, c in protected]
    norms = _row_norms(z) if s.keep_norm else None
    anchor = _held_outputs(guarded, z) if s.kind == "restored" else None
    path = torch.empty(n, steps + 1, d, dtype=torch.float32, device=z.device)
    current = z.clone()
    active = torch.arange(n, device=z.device)
    stops = [None] * n
    for point in range(steps + 1):
        path[:, point] = current
        if point == steps or active.numel() == 0:
            continue
        row_anchor = None if anchor is None else ([v[active] for v in anchor[0]], [None if m is None else m[active] for m in anchor[1]])
        moved, reasons = _step(current[active], target, guarded, s, None if norms is None else norms[active], row_anchor)
        current[active] = moved
        still = []
        for index, row in enumerate(active.tolist()):
            if reasons[index] is None:
                still.append(row)
            else:
                stops[row] = (STOP_REASONS[reasons[index]], point)
        active = torch.tensor(still, dtype=torch.long, device=z.device)
    return path, stops


def _step(z, target, protected, s, norms, anchor):
    """One step (Editing.step) of latents `[n, D]`: the moved latents and, per row, None or a STOP_REASONS index."""
    classifier, layers = target
    logits, gradients = classifier.logits_and_gradients(z, layers)
    gradient = _target_direction(classifier.head, logits, gradients, s.k)
    p = probabilities_from_logits(logits, classifier.head)[:, s.k]
    direction = gradient.clone()
    if s.kind == "masked":
        for c, c_layers in protected:
            budget = s.budgets[c.name]
            if budget > 0:
                vectors = _class_vectors(c, c_layers, z, including_most_probable=True)
                _zero_most_sensitive(direction, _sensitivity(vectors, c.head), budget)
    elif s.kind in ("projected", "restored") and protected:
        vectors = torch.cat([_class_vectors(c, c_layers, z, including_most_probable=False) for c, c_layers in protected], 1)
        direction = _project_out(vectors.double(), direction.double()).float()
    gradient_length = gradient.double().norm(dim=1)
    direction_length = direction.double().norm(dim=1)
    stopped = torch.zeros(z.shape[0], dtype=torch.long, device=z.device) - 1
    if s.stop_at is not None:
        stopped[p >= torch.tensor(s.stop_at, dtype=torch.float32)] = 0
    vanished = ~((gradient_length > 0) & torch.isfinite(gradient_length))
    stopped[(stopped < 0) & vanished] = 1
    removed = ~(direction_length > VANISHED_GRADIENT_TOLERANCE * gradient_length)
    stopped[(stopped < 0) & removed] = 2
    frozen = stopped >= 0
    w = z.double() + (s.step_length / direction_length).unsqueeze(1) * direction.double()
    if norms is not None:
        w = _rescale(w, norms)
    moved = torch.where(frozen.unsqueeze(1), z, w.float())
    if s.kind == "restored" and protected:
        for _ in range(s.rounds):
            moved = _restore(moved, protected, anchor, s.step_length, norms, frozen)
    return moved, [None if r < 0 else r for r in stopped.tolist()]


def _target_direction(head, logits, gradients, k):
    """∂p_k/∂z divided by p_k(1 − p_k), float32 `[n, D]`: ±∇ℓ (sigmoid head), ∇ℓ_k − Σ_{j≠k} q_j ∇ℓ_j with q the
    softmax of the other logits (softmax head)."""
    if head == "sigmoid":
        return gradients[:, 0] if k == 1 else -gradients[:, 0]
    excluded = torch.full((logits.shape[0],), k, dtype=torch.long, device=logits.device)
    coefficients = -_softmax_excluding(logits.double(), excluded)
    coefficients[:, k] = 1
    return (coefficients.unsqueeze(1) @ gradients.double()).squeeze(1).float()


def _class_vectors(classifier, layers, z, including_most_probable):
    """protectedDirections (with row m) or protectedSpan (row m zero), float32 `[n, C, D]`: for each class c,
    ∂p_c/∂z divided by p_m(1 − p_m), m the most probable class; for a sigmoid head the single vector ∇ℓ."""
    logits, gradients = classifier.logits_and_gradients(z, layers)
    if classifier.head == "sigmoid":
        return gradients[:, :1]
    l = logits.double()
    classes = l.shape[1]
    m = l.argmax(dim=1)
    r = torch.exp(l - l.gather(1, m.unsqueeze(1)))
    total = r.sum(dim=1)
    q = _softmax_excluding(l, m)
    eye = torch.eye(classes, dtype=torch.float64, device=l.device)
    coefficients = q.unsqueeze(2) * (eye * total.view(-1, 1, 1) - r.unsqueeze(1))   # [n, c, j]; row m is 0
    if including_most_probable:
        rows = torch.arange(l.shape[0], device=l.device)
        coefficients[rows, m] = -coefficients.sum(dim=1)
    return (coefficients @ gradients.double()).float()


def _softmax_excluding(logits, excluded):
    """Per row, the softmax of float64 `logits` `[n, L]` without the class `excluded[row]`, whose entry is 0."""
    mask = torch.nn.functional.one_hot(excluded, logits.shape[1]).bool()
    others = logits.masked_fill(mask, -math.inf)
    e = torch.exp(others - others.max(dim=1, keepdim=True).values)
    return e / e.sum(dim=1, keepdim=True)


def _sensitivity(vectors, head):
    """channelSensitivity, float32 `[n, D]`: |v| (sigmoid), Σ_c ½|v_c| summed class after class (softmax)."""
    scale = 1.0 if head == "sigmoid" else 0.5
    out = torch.zeros_like(vectors[:, 0])
    for c in range(vectors.shape[1]):
        out = out + scale * vectors[:, c].abs()
    return out


def _zero_most_sensitive(direction, sensitivity, count):
    """Zeroes, in each row of `direction`, the `count` channels of largest sensitivity (the lower index on a tie)."""
    order = torch.sort(sensitivity, dim=1, descending=True, stable=True).indices[:, :count]
    direction.scatter_(1, order, 0.0)


def _project_out(vectors, g):
    """g minus its projection on the span of `vectors` `[n, V, D]`, orthonormalised per row by modified
    Gram–Schmidt, a vector skipped when its remainder is at most 1e-3 of its length (float64)."""
    basis = []
    for i in range(vectors.shape[1]):
        v = vectors[:, i]
        length = v.norm(dim=1)
        for u in basis:
            v = v - (v * u).sum(dim=1, keepdim=True) * u
        remainder = v.norm(dim=1)
        keep = (length > 0) & (remainder > DEPENDENT_DIRECTION_TOLERANCE * length)
        basis.append(torch.where(keep.unsqueeze(1), v / remainder.unsqueeze(1), torch.zeros_like(v)))
    for u in basis:
        g = g - (g * u).sum(dim=1, keepdim=True) * u
    return g


def _held_outputs(protected, z, reference_classes=None):
    """RestoredOutputs: per protected classifier, the held outputs float64 `[n, O]` (a sigmoid head's logit; a
    softmax head's ℓ_c − ℓ_m for c ≠ m in class order), their gradients float32 `[n, O, D]`, and m per row (from
    the float32 probabilities, first on a tie; given: `reference_classes`)."""
    values, gradients, references = [], [], []
    for index, (classifier, layers) in enumerate(protected):
        logits, logit_gradients = classifier.logits_and_gradients(z, layers)
        if classifier.head == "sigmoid":
            values.append(logits.double())
            gradients.append(logit_gradients[:, :1])
            references.append(None)
            continue
        if reference_classes is None:
            m = probabilities_from_logits(logits, "softmax").argmax(dim=1)
        else:
            m = reference_classes[index]
        classes = logits.shape[1]
        others = torch.arange(classes - 1, device=z.device).unsqueeze(0).expand(z.shape[0], -1)
        others = others + (others >= m.unsqueeze(1)).long()
        l = logits.double()
        values.append(l.gather(1, others) - l.gather(1, m.unsqueeze(1)))
        d = logit_gradients.shape[2]
        top = logit_gradients.gather(1, m.view(-1, 1, 1).expand(-1, 1, d))
        gradients.append(logit_gradients.gather(1, others.unsqueeze(2).expand(-1, -1, d)) - top)
        references.append(m)
    return values, references, gradients


def _restore(z, protected, anchor, maximum_length, norms, frozen):
    """One restoring correction of every row not `frozen`: δ = −Jᵀ (J Jᵀ + λI)⁻¹ r toward the anchor's outputs,
    shortened to `maximum_length`, then rescaled to `norms`; a row whose J or r is unusable stays as it is."""
    anchor_values, references = anchor
    values, _, gradients = _held_outputs(protected, z, references)
    jacobian = torch.cat(gradients, dim=1).double()                      # [n, M, D]
    residual = torch.cat(values, dim=1) - torch.cat(anchor_values, dim=1)  # [n, M]
    gram = jacobian @ jacobian.transpose(1, 2)
    largest = torch.diagonal(gram, dim1=1, dim2=2).max(dim=1).values
    usable = (largest > 0) & torch.isfinite(largest) & torch.isfinite(residual).all(dim=1) & ~frozen
    eye = torch.eye(gram.shape[1], dtype=torch.float64, device=z.device)
    gram = torch.where(usable.view(-1, 1, 1), gram + RESTORING_DAMPING * largest.view(-1, 1, 1) * eye, eye)
    factor, info = torch.linalg.cholesky_ex(gram)
    usable = usable & (info == 0)
    coefficients = torch.cholesky_solve(torch.where(usable.unsqueeze(1), residual, 0.0).unsqueeze(2), factor)
    delta = -(coefficients.transpose(1, 2) @ jacobian).squeeze(1)
    length = delta.norm(dim=1)
    shrink = torch.where(length > maximum_length, maximum_length / length, torch.ones_like(length))
    w = z.double() + shrink.unsqueeze(1) * delta
    if norms is not None:
        w = _rescale(w, norms)
    return torch.where(usable.unsqueeze(1), w.float(), z)


def _row_norms(z):
    """The float64 length of each row."""
    return z.double().norm(dim=1)


def _rescale(w, norms):
    """Each float64 row rescaled to `norms` (rows whose norm is 0 keep their length)."""
    return torch.where((norms > 0).unsqueeze(1), w * (norms / w.norm(dim=1)).unsqueeze(1), w)
