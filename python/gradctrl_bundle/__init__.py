"""GradCtrl edit bundles in PyTorch: `load_bundle(path, device)` and `edit(bundle, latents, to=...)` reproduce the
Swift `Editor`'s paths (plain, masked, projected, restored) on CPU or CUDA.

    import gradctrl_bundle as gb
    bundle = gb.load_bundle("checkpoints/dcgan-digiface-64-n20000-s0/color/color.bundle.safetensors")
    paths = gb.edit(bundle, torch.randn(8, 100), to="green")      # [8, 10, 100]

Reading a bundle needs NumPy alone (`gradctrl_bundle.reading.read_bundle`); `load_bundle` and `edit` need torch,
which is imported only when they are first used.
"""

from .reading import READABLE_VERSIONS, BundleError, read_bundle, read_safetensors

__version__ = "0.1.0"
__all__ = ["BundleError", "READABLE_VERSIONS", "read_bundle", "read_safetensors", "load_bundle", "edit",
           "wplus_codes", "layer_range", "Bundle", "Classifier"]

_TORCH_NAMES = {"load_bundle": "bundle", "Bundle": "bundle", "Classifier": "classifier", "edit": "editing",
                "wplus_codes": "editing", "layer_range": "editing"}


def __getattr__(name):
    """The torch-based names, imported on first use so that NumPy-only reading works without torch."""
    if name in _TORCH_NAMES:
        from importlib import import_module
        return getattr(import_module(f".{_TORCH_NAMES[name]}", __name__), name)
    raise AttributeError(f"module 'gradctrl_bundle' has no attribute '{name}'")
