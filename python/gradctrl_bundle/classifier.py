"""A bundle's attribute classifier as a torch module: standardisation, linear layers with LeakyReLU between them,
then one logit (sigmoid head) or K logits (softmax head), as Sources/LatentClassifier computes it."""

import torch
from torch import nn

from .reading import layer_widths


class Classifier(nn.Module):
    """One attribute's classifier. `forward(z)` gives the logits `[N, 1]` (sigmoid) or `[N, K]` (softmax),
    `probabilities(z)` the class probabilities `[N, K]` (for a sigmoid head 1 − p and p); both are
    differentiable with respect to z and the weights. As in the Swift classifier, the standardisation
    x = (z − mean) / deviation is folded into the first linear layer (weight / deviation, bias − that · mean)."""

    def __init__(self, record, tensors):
        super().__init__()
        architecture = record["architecture"]
        prefix = record["tensorPrefix"]
        self.name = record["name"]
        self.class_names = list(record["classNames"])
        self.head = architecture["head"]
        self.class_count = architecture["classCount"]
        self.leaky_slope = float(architecture["leakySlope"])
        self.hidden = list(architecture["hidden"])

        def tensor(name):
            return torch.from_numpy(tensors[prefix + name].astype("float32"))

        self.register_buffer("mean", tensor("standardization.mean"))
        self.register_buffer("deviation", tensor("standardization.deviation"))
        self.layers = nn.ModuleList()
        width = architecture["inputDimension"]
        for index, outputs in enumerate(layer_widths(architecture)):
            layer = nn.Linear(width, outputs)
            with torch.no_grad():
                layer.weight.copy_(tensor(f"layers.{index}.weight"))
                layer.bias.copy_(tensor(f"layers.{index}.bias"))
            self.layers.append(layer)
            width = outputs
        self.training_metrics = dict(record.get("trainingMetrics", {}))

    @property
    def input_dimension(self):
        """The latent dimension D."""
        return self.mean.shape[0]

    def folded_layers(self):
        """The (weight, bias) of every linear layer, the first with the standardisation folded in."""
        first = self.layers[0]
        weight = first.weight / self.deviation
        bias = first.bias - weight @ self.mean
        return [(weight, bias)] + [(layer.weight, layer.bias) for layer in self.layers[1:]]

    def forward(self, z):
        """Logits `[N, L]` of latents `[N, D]`."""
        layers = self.folded_layers()
        h = z
        for weight, bias in layers[:-1]:
            h = nn.functional.leaky_relu(nn.functional.linear(h, weight, bias), self.leaky_slope)
        return nn.functional.linear(h, *layers[-1])

    def probabilities(self, z):
        """Class probabilities `[N, K]` of latents `[N, D]`."""
        return probabilities_from_logits(self(z), self.head)

    def predict(self, z):
        """The most probable class of each latent (the first on a tie)."""
        return self.probabilities(z).argmax(dim=1)

    @torch.no_grad()
    def logits_and_gradients(self, z, layers=None):
        """Logits `[N, L]` and their gradients with respect to z, `[N, L, D]`, by the chain rule through the
        layers (float32, the Swift classifier's backward pass: per logit, dy = e_j, back through each layer's
        weight and each LeakyReLU's slope). `layers`: `folded_layers()` computed once, to spare the folding."""
        layers = self.folded_layers() if layers is None else layers
        h = z
        slopes = []
        for weight, bias in layers[:-1]:
            a = nn.functional.linear(h, weight, bias)
            slope = torch.where(a > 0, torch.ones_like(a), torch.full_like(a, self.leaky_slope))
            slopes.append(slope)
            h = a * slope
        last_weight, last_bias = layers[-1]
        logits = nn.functional.linear(h, last_weight, last_bias)
        gradient = last_weight.unsqueeze(0).expand(z.shape[0], -1, -1)   # [N, L, width]
        for (weight, _), slope in zip(reversed(layers[:-1]), reversed(slopes)):
            gradient = (gradient * slope.unsqueeze(1)) @ weight
        if not layers[:-1]:
            gradient = gradient.contiguous()
        return logits, gradient


def probabilities_from_logits(logits, head):
    """Class probabilities from logits: [1 − σ(ℓ), σ(ℓ)] for a sigmoid head, softmax for a softmax head."""
    if head == "sigmoid":
        p = torch.sigmoid(logits[:, 0])
        return torch.stack([1 - p, p], dim=1)
    return torch.softmax(logits, dim=1)
