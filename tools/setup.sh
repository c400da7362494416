#!/usr/bin/env bash
# Installs what the workbench needs on a Debian machine (as root): the -dev packages for OpenBLAS,
# libpng and libjpeg, and pkg-config; for the curation page's browser test, chromium, chromium-driver and
# python3-selenium. Does nothing when they are already there.
set -euo pipefail
packages=(libopenblas-dev libpng-dev libjpeg-dev pkg-config chromium chromium-driver python3-selenium)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "installing: ${missing[*]}" >&2
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "swift is not on PATH (expected the Swift 6 toolchain, e.g. /opt/swift/usr/bin)" >&2; exit 1; }
