#!/usr/bin/env python3
"""An independent reading of requirements files, built on Python's `packaging` (what pip uses).

For each file given, prints JSON: every named PEP 508 requirement with its 0-based first line,
canonical name, specifiers, extras, marker and hashes. Lines pip reads as options (`-r`, `-c`,
`--index-url`, ...), editables, URL and path requirements are left out. The dependency corpus
test compares Slipway's parse with it; this file shares no code with Slipway.

Usage: requirements-oracle.py FILE...
"""
import json
import re
import sys

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

HASH = re.compile(r"\s--hash[=\s]+([A-Za-z0-9]+):([0-9A-Fa-f]+)")
COMMENT = re.compile(r"(^|\s+)#.*$")


def logical_lines(text):
    """pip's reading: a trailing backslash joins the next line; comments go after joining."""
    out, buf, first = [], "", None
    for i, line in enumerate(text.split("\n")):
        if first is None:
            first = i
        if line.endswith("\\"):
            buf += line[:-1]
            continue
        buf += line
        out.append((first, buf))
        buf, first = "", None
    if buf:
        out.append((first, buf))
    return out


def read(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    reqs = []
    for first, line in logical_lines(text):
        line = COMMENT.sub("", line).strip()
        if not line or line.startswith("-"):
            continue
        # A bare URL or path (`git+https://...#egg=x`, `./pkg`): pip's own form, not PEP 508.
        if re.match(r"^([A-Za-z][\w+.-]*://|\.|/)", line):
            continue
        hashes = sorted(f"{a}:{d}" for a, d in HASH.findall(" " + line))
        line = HASH.sub("", " " + line).strip()
        try:
            req = Requirement(line)
        except InvalidRequirement:
            reqs.append({"line": first, "invalid": True})
            continue
        if req.url:
            continue
        reqs.append({
            "line": first,
            "name": canonicalize_name(req.name),
            "specifiers": sorted(str(s) for s in req.specifier),
            "extras": sorted(canonicalize_name(e) for e in req.extras),
            "marker": str(req.marker) if req.marker else None,
            "hashes": hashes,
        })
    return reqs


if __name__ == "__main__":
    json.dump({p: read(p) for p in sys.argv[1:]}, sys.stdout, indent=1)
