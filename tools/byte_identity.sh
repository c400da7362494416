#!/bin/bash
# Byte-identity artefacts for a refactor: run it with the release build before and after, then compare the sums.
#   tools/byte_identity.sh /tmp/before    (on the old commit, after `swift build -c release`)
#   tools/byte_identity.sh /tmp/after     (on the new commit)
#   diff /tmp/before/sums.txt /tmp/after/sums.txt
# It makes a dataset (300 samples), the main job's classifiers, bundle and metrics (with data/ in place), an
# Evaluate CSV with its bundles (40 latents toward green) and a TCA directions file, and lists their SHA-256.
set -e
O=$1; rm -rf $O; mkdir -p $O
cd "$(dirname "$0")/.."
B=.build/release
export OPENBLAS_NUM_THREADS=2
$B/Dataset sample --count 300 --seed 7 --out $O/ds >/dev/null 2>&1
$B/Trainer --attribute color --multiclass 5 --out $O/ckpt > $O/trainer.log 2>&1
$B/Evaluate --attributes color:green --count 40 --dataset-count 3000 --components 8 --out $O/eval > $O/eval.log 2>&1
$B/Discover tca --samples 300 --iterations 100 --naming-latents 100 --out $O/tca > $O/tca.log 2>&1 || $B/Discover tca --samples 300 --iterations 100 --out $O/tca > $O/tca.log 2>&1
cd $O && find . -type f \( -name '*.safetensors' -o -name '*.csv' -o -name '*.npy' -o -name '*.json' \) | sort | xargs sha256sum > sums.txt
