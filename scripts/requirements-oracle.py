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
# pip's COMMENT_RE (src/pip/_internal/req/req_file.py).
COMMENT = re.compile(r"(^|\s+)#.*$")


def logical_lines(text):
    """pip's reading, as src/pip/_internal/req/req_file.py does it (preprocess: splitlines, then
    join_lines, then ignore_comments): a line ending in a backslash is joined with the next, minus
    its backslashes (`line.strip("\\")`), unless it is a comment line (COMMENT_RE.match: `#` first,
    after any blanks), which ends where it ends; a comment line inside a joined line is kept apart
    by a blank, so the comment strip removes it and nothing after it. The joined line takes the
    first line's number. Comments go after joining. Line numbers here are 0-based."""
    out, buf, first = [], [], None
    for i, line in enumerate(text.splitlines()):
        if not line.endswith("\\") or COMMENT.match(line):
            if COMMENT.match(line):
                line = " " + line
            if buf:
                buf.append(line)
                out.append((first, "".join(buf)))
                buf = []
            else:
                out.append((i, line))
        else:
            if not buf:
                first = i
            buf.append(line.strip("\\"))
    if buf:
        out.append((first, "".join(buf)))
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
