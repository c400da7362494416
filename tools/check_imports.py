#!/usr/bin/env python3
"""Checks that every target of Package.swift declares exactly the modules its Swift files import.

For each target with Swift sources: the set of modules its files import (`import X`, `@testable import X`,
`@_exported import X`, `import struct X.Y`) that are targets of this package or products of its package
dependencies must equal the target's declared dependencies. A module imported but not declared, declared but
never imported, or imported while being neither a target, a declared product nor a known system module is
reported, one line each, as `Package.swift: target T ...`; the exit status is 1 if there is any, else 0.

Usage: tools/check_imports.py [package folder]   (default: the folder above this script)
"""
import os
import re
import sys

# Modules that come with the toolchain or the system, imported without a declared dependency.
SYSTEM_MODULES = {
    "Foundation", "FoundationEssentials", "FoundationNetworking", "Dispatch", "Glibc", "Musl", "Darwin",
    "Testing", "XCTest", "Synchronization", "_Concurrency", "PackageDescription", "os", "Android",
}
TARGET_KINDS = ("target", "executableTarget", "testTarget", "systemLibrary", "binaryTarget", "plugin", "macro")
DEFAULT_ROOT = {"testTarget": "Tests"}


def without_comments(text, blank_strings=False):
    """`text` with `//` and `/* */` comments removed; string literals kept, or with `blank_strings` emptied
    (multi-line ones too, so that code quoted inside a string is not read as Swift)."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text.startswith('"""', i):
            end = text.find('"""', i + 3)
            end = n if end < 0 else end + 3
            out.append('""' if blank_strings else text[i:end])
            i = end
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif text[i] == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append('""' if blank_strings else text[i:j + 1])
            i = j + 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def balanced(text, start, open_char, close_char):
    """The text from `start` (an `open_char`) to its matching `close_char`, both included."""
    depth, i = 0, start
    in_string = False
    while i < len(text):
        c = text[i]
        if in_string:
            if c == "\\":
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c == open_char:
            depth += 1
        elif c == close_char:
            depth -= 1
            if depth == 0:
                return text[start:i + 1]
        i += 1
    raise ValueError(f"unbalanced {open_char} at offset {start}")


def string_argument(arguments, label):
    match = re.search(label + r'\s*:\s*"([^"]*)"', arguments)
    return match.group(1) if match else None


def declared_dependencies(arguments):
    """Target names and product names in a target's `dependencies: [...]`, as two sets."""
    match = re.search(r"\bdependencies\s*:\s*\[", arguments)
    if not match:
        return set(), set()
    listing = balanced(arguments, match.end() - 1, "[", "]")
    products = set()
    for product in re.finditer(r"\.product\s*\(", listing):
        call = balanced(listing, product.end() - 1, "(", ")")
        products.add(string_argument(call, "name"))
        listing = listing.replace(call, "")
    targets = set(re.findall(r'"([^"]+)"', listing))
    return targets, products


def parse_targets(package_text):
    text = without_comments(package_text)
    targets = []
    for match in re.finditer(r"\.(" + "|".join(TARGET_KINDS) + r")\s*\(", text):
        kind = match.group(1)
        arguments = balanced(text, match.end() - 1, "(", ")")
        name = string_argument(arguments, "name")
        if name is None:
            continue
        # A `.target(name:)` inside another target's dependency list is a reference, not a declaration.
        before = text[:match.start()]
        if before.count("[") - before.count("]") > 1:
            continue
        deps, products = declared_dependencies(arguments)
        path = string_argument(arguments, "path") or os.path.join(DEFAULT_ROOT.get(kind, "Sources"), name)
        targets.append({"kind": kind, "name": name, "path": path, "targets": deps, "products": products})
    return targets


IMPORT = re.compile(r"^\s*(?:@[\w()]+\s+)*import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?(\w+)",
                    re.MULTILINE)


def imported_modules(folder):
    modules = {}
    for root, _, files in os.walk(folder):
        for file in sorted(files):
            if not file.endswith(".swift"):
                continue
            path = os.path.join(root, file)
            with open(path, encoding="utf-8") as handle:
                source = without_comments(handle.read(), blank_strings=True)
            for module in IMPORT.findall(source):
                modules.setdefault(module, path)
    return modules


def main():
    package = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    with open(os.path.join(package, "Package.swift"), encoding="utf-8") as handle:
        targets = parse_targets(handle.read())
    if not targets:
        print("Package.swift: no targets found", file=sys.stderr)
        return 1
    target_names = {t["name"] for t in targets}
    products = set().union(*(t["products"] for t in targets))
    problems = []
    checked = 0
    for target in targets:
        folder = os.path.join(package, target["path"])
        if target["kind"] in ("systemLibrary", "binaryTarget") or not os.path.isdir(folder):
            continue
        imports = imported_modules(folder)
        if not imports and not any(f.endswith(".swift") for _, _, fs in os.walk(folder) for f in fs):
            continue  # a C target: nothing to compare
        checked += 1
        name = target["name"]
        for module, path in sorted(imports.items()):
            relative = os.path.relpath(path, package)
            if module == name:
                problems.append(f"target {name} imports itself ({relative})")
            elif module in target_names:
                if module not in target["targets"]:
                    problems.append(f"target {name} imports {module} ({relative}) but does not declare it")
            elif module in products:
                if module not in target["products"]:
                    problems.append(f"target {name} imports product {module} ({relative}) but does not declare it")
            elif module not in SYSTEM_MODULES:
                problems.append(f"target {name} imports {module} ({relative}), which is neither a target, "
                                "a declared product nor a system module")
        for module in sorted(target["targets"] | target["products"]):
            if module not in imports:
                problems.append(f"target {name} declares {module} but none of its files imports it")
        for module in sorted(target["targets"] - target_names):
            problems.append(f"target {name} declares {module}, which is not a target of this package")
    for problem in problems:
        print(f"Package.swift: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"Package.swift: the dependencies of all {checked} Swift targets match their imports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
