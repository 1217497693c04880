"""Runs one oracle script over many folders in one Python process.

    python3 scripts/oracle-batch.py <oracle.py> [its options] -- <folder> [<folder> ...]

prints {"<folder>": {"stdout": "..."} or {"error": "..."}} as JSON. Each run is the oracle's own
code, run afresh as its command line would run it (runpy.run_path as __main__, sys.argv set to
`<oracle.py> [its options] <folder>`), its standard output captured: the same answer as one
process per folder, without a Python start per folder (about half a second of CPU each on the
test machines, for some two hundred runs of the corpus tests). A run that fails is that folder's
error, not the batch's.
"""
import contextlib
import io
import json
import runpy
import sys
import traceback


def main() -> None:
    script, *rest = sys.argv[1:]
    sep = rest.index("--")
    options, folders = rest[:sep], rest[sep + 1 :]
    out = {}
    for folder in folders:
        buf = io.StringIO()
        sys.argv = [script, *options, folder]
        try:
            with contextlib.redirect_stdout(buf):
                runpy.run_path(script, run_name="__main__")
            out[folder] = {"stdout": buf.getvalue()}
        except SystemExit as e:
            ok = e.code is None or e.code == 0
            out[folder] = {"stdout": buf.getvalue()} if ok else {"error": f"exit {e.code}: {buf.getvalue()}"}
        except Exception:  # noqa: BLE001 - the folder's error, reported by the test that asks for it
            out[folder] = {"error": traceback.format_exc()}
    sys.stdout = sys.__stdout__
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
