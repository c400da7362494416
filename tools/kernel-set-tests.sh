#!/usr/bin/env bash
# Runs the tests whose results depend on BLAS's rounding — the same bytes whatever the batch, the reference
# fixtures within their tolerance, sampling's prefix/extend/cut rule, training's determinism — again under
# OpenBLAS's AVX2 kernels (Haswell, which an AMD Zen or an Intel AVX2 machine runs) and its generic SSE3 kernels
# (Prescott), so that a machine with AVX-512 cannot hide a failure that another CPU would show.
# Expects `swift test` to have built the tests already (it passes --skip-build).
set -euo pipefail
cd "$(dirname "$0")/.."
filter='OrderedGemmTests|BlockedGemmTests|GemmTests|LayerGradientTests|ForwardDefinitionTests|SamplingTests|AppendedRowsTests|ForwardFixtureTests|FixtureTests|TrainingTests|ClassifierCheckpointTests|BatchedGradientTests|InputGradientTests|PathAugmentationTests|EditLatentsTests'
for kernels in Haswell Prescott; do
    echo "== tests under OPENBLAS_CORETYPE=$kernels" >&2
    OPENBLAS_CORETYPE=$kernels swift test --skip-build --filter "$filter"
done
