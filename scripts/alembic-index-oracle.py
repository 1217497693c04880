#!/usr/bin/env python3
"""Where the revisions of an Alembic version folder build an index on a table they did not create,
by CPython's own parser (ast), for test/corpus/alembic-lock-oracle.test.ts.

PostgreSQL's CREATE INDEX without CONCURRENTLY takes a SHARE lock on its table: on a table that
existed before the revision, every write waits until the index is built (Slipway's MIG020), and
with no lock_timeout in force a statement queued behind one slow query blocks them all (MIG037).
Sources: PostgreSQL's CREATE INDEX page (https://www.postgresql.org/docs/current/sql-createindex.html):
"Normally PostgreSQL locks the table to be indexed against writes" unless CONCURRENTLY; `ON ONLY`
"indicates not to recurse creating indexes on partitions": the parent holds no rows, and the
partitioning chapter (ddl-partitioning.html) offers it "to avoid long lock times"; the explicit-locking page: CREATE INDEX takes SHARE, CONCURRENTLY
SHARE UPDATE EXCLUSIVE. SQLAlchemy's `postgresql_concurrently=True` on an index is what makes
Alembic's create_index write CONCURRENTLY (lib/sqlalchemy/dialects/postgresql/base.py, "Indexes
with CONCURRENTLY"). A table op.create_table made earlier in the same upgrade() is new and empty
(CREATE TABLE "will create a new, initially empty table"): no reader or writer waits on it.
This reads each revision's upgrade() as alembic-oracle.py does (its helpers followed, branches
PostgreSQL does not take left out) and lists every `op.create_index(...)` / `batch_op.create_index`
without `postgresql_concurrently=True`, and every `CREATE [UNIQUE] INDEX` an op.execute runs
without CONCURRENTLY or ON ONLY, whose table upgrade() did not create before it (`op.create_table`
of the same literal name). It also lists the revisions that set lock_timeout anywhere in
upgrade(). Shares no code with Slipway.

Prints JSON: {"indexes": ["path:line", ...], "lock_timeout": ["path", ...], "revisions": n}.
Usage: alembic-index-oracle.py VERSIONS_DIR   (paths relative to VERSIONS_DIR)
"""
import ast
import importlib.util
import json
import os
import re
import sys

# The call walk and literal reading of the MIG001/MIG002/MIG100/MIG110 oracle, an oracle too.
_spec = importlib.util.spec_from_file_location(
    "alembic_oracle", os.path.join(os.path.dirname(os.path.abspath(__file__)), "alembic-oracle.py"))
base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(base)

SQL_INDEX = re.compile(
    r"^\s*CREATE\s+(UNIQUE\s+)?INDEX\s+(?P<concurrently>CONCURRENTLY\s+)?"
    r"(IF\s+NOT\s+EXISTS\s+)?(?:\"?\w+\"?\s+)?ON\s+(?P<only>ONLY\s+)?(?:\"?\w+\"?\.)?\"?(?P<table>\w+)\"?",
    re.IGNORECASE)


def keyword(call, name):
    return next((k.value for k in call.keywords if k.arg == name), None)


def argument(call, index, name):
    return call.args[index] if len(call.args) > index else keyword(call, name)


def batch_tables(fn):
    """`with op.batch_alter_table("t") as batch_op:`: the table of each `batch_op.x(...)` call in the
    block, by the call's id. Keyed by the call, not by the name: a revision rebinds `batch_op` in
    block after block, and a name refers to what its innermost enclosing `with ... as` bound
    (Python's reference, "The with statement": the target is assigned on entering the block). On
    PostgreSQL the batch runs its ops as plain ALTERs on that table (Alembic's "Running 'Batch'
    Migrations for SQLite and Other Databases": recreate="auto" recreates on SQLite only)."""
    out = {}

    def visit(node, scope):
        if isinstance(node, ast.With):
            inner = dict(scope)
            for item in node.items:
                call = item.context_expr
                if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                        and call.func.attr == "batch_alter_table" and isinstance(item.optional_vars, ast.Name)):
                    inner[item.optional_vars.id] = base.literal(argument(call, 0, "table_name"))
            for child in node.body:
                visit(child, inner)
            return
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id in scope):
            out[id(node)] = scope[node.func.value.id]
        for child in ast.iter_child_nodes(node):
            visit(child, scope)

    visit(fn, {})
    return out


def read(path, rel):
    tree = base.parse(path)
    if tree is None:
        return None
    fns = {s.name: s for s in tree.body if isinstance(s, ast.FunctionDef)}
    up = fns.get("upgrade")
    out = {"indexes": [], "lock_timeout": False}
    if up is None:
        return out
    batches = {}
    for fn in [up] + list(fns.values()):
        batches.update(batch_tables(fn))
    created = set()
    for name, call in base.calls_in(up, fns):
        if name == "create_table":
            table = base.literal(argument(call, 0, "table_name"))
            if table is not None:
                created.add(table)
        elif name == "create_index":
            in_batch = id(call) in batches
            table = batches[id(call)] if in_batch else base.literal(argument(call, 1, "table_name"))
            concurrently = keyword(call, "postgresql_concurrently")
            if isinstance(concurrently, ast.Constant) and concurrently.value is True:
                continue
            if table is None or table not in created:
                out["indexes"].append(f"{rel}:{call.lineno}")
        elif name == "execute":
            sql = base.sql_of(call)
            if not sql:
                continue
            if re.search(r"\block_timeout\b", sql, re.IGNORECASE):
                out["lock_timeout"] = True
            for statement in sql.split(";"):
                m = SQL_INDEX.match(statement)
                if m and not m.group("concurrently") and not m.group("only") and m.group("table") not in created:
                    out["indexes"].append(f"{rel}:{call.lineno}")
    return out


def main():
    root = sys.argv[1]
    indexes, timeouts, revisions = [], [], 0
    for dirpath, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith(".py") and name != "__init__.py":
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, root).replace(os.sep, "/")
                # A revision as the other oracle reads one (a literal `revision`), else not counted.
                r = read(full, rel) if base.read(full, rel) is not None else None
                if r is None:
                    continue
                revisions += 1
                indexes.extend(r["indexes"])
                if r["lock_timeout"]:
                    timeouts.append(rel)
    print(json.dumps({"indexes": sorted(set(indexes)), "lock_timeout": sorted(timeouts), "revisions": revisions}))


if __name__ == "__main__":
    main()
