#!/usr/bin/env python3
"""The SQL an Alembic history's revisions run as literals, one .sql file per revision, so that a
SQL-only linter (squawk) and Slipway read the same statements (bench/corpus-vs-squawk.bench.mjs).

Reads each revision with CPython's ast and takes, in source order, the string literal (or
`text("...")` / `sa.text("...")` of one) of every `<anything>.execute(...)` call in the module;
SQL built at run time is left out, as are revisions with none. Writes OUT_DIR/<tree>/<file stem>.sql,
each statement ended with `;`. Prints JSON: {"files": n, "statements": n}.

Usage: alembic-execute-sql.py OUT_DIR TREE_NAME=VERSIONS_DIR ...
"""
import ast
import json
import os
import sys


def literal_sql(arg):
    if isinstance(arg, ast.Call) and arg.args:
        name = arg.func.attr if isinstance(arg.func, ast.Attribute) else getattr(arg.func, "id", "")
        if name == "text":
            arg = arg.args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.strip():
        return arg.value.strip()
    return None


def main():
    out, files, statements = sys.argv[1], 0, 0
    for pair in sys.argv[2:]:
        tree, versions = pair.split("=", 1)
        for dirpath, _, names in os.walk(versions):
            for name in sorted(names):
                if not name.endswith(".py"):
                    continue
                try:
                    with open(os.path.join(dirpath, name), "rb") as f:
                        module = ast.parse(f.read())
                except (SyntaxError, ValueError):
                    continue
                calls = sorted(
                    (n for n in ast.walk(module) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                     and n.func.attr == "execute" and n.args),
                    key=lambda n: (n.lineno, n.col_offset))
                sql = [s for s in (literal_sql(c.args[0]) for c in calls) if s]
                if not sql:
                    continue
                os.makedirs(os.path.join(out, tree), exist_ok=True)
                with open(os.path.join(out, tree, name[:-3] + ".sql"), "w", encoding="utf-8") as f:
                    f.write("".join((s if s.endswith(";") else s + ";") + "\n" for s in (x.rstrip() for x in sql)))
                files += 1
                statements += len(sql)
    print(json.dumps({"files": files, "statements": statements}))


if __name__ == "__main__":
    main()
