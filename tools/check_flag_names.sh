#!/usr/bin/env bash
# Checks that no command-line flag name (`--name`) appears in a library target's Swift sources: flags belong to
# the command targets (Sources/Commands/*), which turn the libraries' typed errors into messages naming them.
# Prints every offending line as path:line:text and exits 1 if there is one, else 0.
set -euo pipefail
cd "$(dirname "$0")/.."
found=$(grep -rnE --include='*.swift' '(^|[^-])--[a-z][a-z0-9]*' Sources --exclude-dir=Commands || true)
if [[ -n "$found" ]]; then
    echo "$found" >&2
    echo "flag names in library targets (move them to Sources/Commands): $(echo "$found" | wc -l) line(s)" >&2
    exit 1
fi
echo "no flag names in the library targets"
