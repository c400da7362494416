#!/usr/bin/env python3
"""The table of modules in docs/architecture.md, generated from Package.swift.

Every target of Package.swift is one row: its name, its kind (library, executable, test, test support, C, C system
library), its folder, its one-line purpose and its direct dependencies (targets, then products of other packages).
The purposes are written by hand in the doc's own table and kept when the table is regenerated; everything else
comes from Package.swift, read the way tools/check_imports.py reads it.

The table sits in docs/architecture.md between `<!-- module-table:begin -->` and `<!-- module-table:end -->`.

Usage:
  tools/module_table.py           print the table (purposes taken from the doc)
  tools/module_table.py --write   rewrite the doc's table from Package.swift (a new module gets an empty purpose)
  tools/module_table.py --check   exit 1, saying why, when the doc's table differs from Package.swift or a module
                                  has no purpose; run by .ci/run
"""
import difflib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_imports import parse_targets, without_comments  # noqa: E402  (one reading of Package.swift)

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DOC = os.path.join("docs", "architecture.md")
BEGIN, END = "<!-- module-table:begin -->", "<!-- module-table:end -->"
HEADER = ["| module | kind | path | purpose | direct dependencies |", "|---|---|---|---|---|"]
ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|(.*)\|\s*$")


def kind(target, package_root):
    """The row's kind: from the declaration, and for a plain `.target` whether its folder holds Swift."""
    declared = target["kind"]
    if declared == "executableTarget":
        return "executable"
    if declared == "testTarget":
        return "test"
    if declared == "systemLibrary":
        return "C system library"
    folder = os.path.join(package_root, target["path"])
    files = [name for _, _, names in os.walk(folder) for name in names]
    if not any(name.endswith(".swift") for name in files) and any(name.endswith((".c", ".h")) for name in files):
        return "C"
    return "test support" if target["path"].startswith("Tests/") else "library"


def conditional_targets(package_text):
    """Names of targets appended to the package after its declaration (only under an environment switch)."""
    text = without_comments(package_text)
    start = text.find("let package = Package(")
    if start < 0:
        return set()
    depth, i = 0, text.index("(", start)
    while i < len(text):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            break
        i += 1
    later = text[i:]
    return set(re.findall(r'\.\w+\(\s*name:\s*"([^"]+)"', later))


def generated_rows(package_root, purposes):
    with open(os.path.join(package_root, "Package.swift"), encoding="utf-8") as handle:
        package_text = handle.read()
    targets = parse_targets(package_text)
    conditional = conditional_targets(package_text)
    rows = []
    for target in targets:
        name = target["name"]
        row_kind = kind(target, package_root)
        if name in conditional:
            row_kind += " (GRADCTRL_FUZZ)"
        dependencies = [f"`{d}`" for d in sorted(target["targets"])]
        dependencies += [f"`{p}` (package)" for p in sorted(target["products"])]
        rows.append((name, f"| `{name}` | {row_kind} | `{target['path']}` | {purposes.get(name, '')} | "
                           f"{', '.join(dependencies) or '—'} |"))
    return rows


def split_doc(text):
    """The doc before the table, the table's lines, the doc after it; raises if the markers are missing."""
    begin, end = text.find(BEGIN), text.find(END)
    if begin < 0 or end < begin:
        raise ValueError(f"{DOC}: no table between {BEGIN} and {END}")
    body = text[begin + len(BEGIN):end].strip("\n")
    return text[:begin + len(BEGIN)], body.split("\n") if body else [], text[end:]


def doc_purposes(lines):
    """Module name → purpose, from the purpose column of the doc's table."""
    purposes = {}
    for line in lines:
        match = ROW.match(line)
        if match:
            cells = [cell.strip() for cell in match.group(2).split("|")]
            if len(cells) >= 3:
                purposes[match.group(1)] = cells[2]
    return purposes


def main(arguments):
    mode = arguments[0] if arguments else "--print"
    if mode not in ("--print", "--write", "--check"):
        print(__doc__, file=sys.stderr)
        return 2
    doc_path = os.path.join(ROOT, DOC)
    with open(doc_path, encoding="utf-8") as handle:
        text = handle.read()
    try:
        before, lines, after = split_doc(text)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    purposes = doc_purposes(lines)
    rows = generated_rows(ROOT, purposes)
    table = HEADER + [row for _, row in rows]
    if mode == "--print":
        print("\n".join(table))
        return 0
    if mode == "--write":
        with open(doc_path, "w", encoding="utf-8") as handle:
            handle.write(before + "\n" + "\n".join(table) + "\n" + after)
        missing = [name for name, _ in rows if not purposes.get(name)]
        print(f"{DOC}: {len(rows)} modules" + (f"; write a purpose for {', '.join(missing)}" if missing else ""))
        return 0
    problems = []
    if lines != table:
        diff = difflib.unified_diff(lines, table, f"{DOC} (the table)", "Package.swift (generated)", lineterm="", n=0)
        problems.append("the module table differs from Package.swift (tools/module_table.py --write updates it):\n"
                        + "\n".join(diff))
    names = {name for name, _ in rows}
    for name, _ in rows:
        if not purposes.get(name):
            problems.append(f"module {name} has no purpose in the table")
    for name in sorted(set(purposes) - names):
        problems.append(f"module {name} is in the table but not in Package.swift")
    for problem in problems:
        print(f"{DOC}: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"{DOC}: the module table matches Package.swift ({len(rows)} modules, each with a purpose)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
