#!/usr/bin/env python3
"""An independent reading of an Alembic version folder, built on CPython's own parser (ast).

Prints JSON: each revision's facts (down_revision, branch_labels, depends_on), the heads, and
the findings Slipway's MIG001 / MIG002 / MIG100 / MIG110 should give, as "RULE path:line". The
corpus test compares Slipway with it; this file shares no code with Slipway.

Usage: alembic-oracle.py VERSIONS_DIR   (paths in the output are relative to VERSIONS_DIR)

Over 300 lines: one reading of a version folder, with the source of each rule beside it.
Each rule is held to a hand-written case in scripts/oracles-self-test.py.
"""
import ast
import json
import os
import re
import sys

DDL = ("CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE", "COMMENT")
# A statement that only validates a constraint added NOT VALID changes no definition, and no
# statement undoes it, so an empty downgrade is honest about it (MIG110). Source: PostgreSQL's
# ALTER TABLE, "VALIDATE CONSTRAINT: This form validates a foreign key or check constraint that was
# previously created as NOT VALID, by scanning the table to ensure there are no rows for which the
# constraint is not satisfied. Nothing happens if the constraint is already marked valid."
# (https://www.postgresql.org/docs/current/sql-altertable.html); ALTER DOMAIN's VALIDATE CONSTRAINT
# likewise (https://www.postgresql.org/docs/current/sql-alterdomain.html).
VALIDATE_ONLY = re.compile(
    r'^\s*ALTER\s+(?:TABLE|DOMAIN)\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?[\w."]+\s+VALIDATE\s+CONSTRAINT\s+[\w"]+\s*;?\s*$',
    re.IGNORECASE)
SCHEMA_OPS = {
    "create_table", "drop_table", "rename_table", "add_column", "drop_column", "alter_column",
    "create_index", "drop_index", "create_foreign_key", "create_unique_constraint",
    "create_primary_key", "create_check_constraint", "drop_constraint", "create_table_comment",
    "drop_table_comment", "create_exclude_constraint", "batch_alter_table",
}


def label_value(node, consts):
    """A branch label: a literal, a module-level constant's value, else the expression's text."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and node.id in consts:
        return consts[node.id]
    return ast.unparse(node).replace(" ", "")


def id_list(node, consts, labels=False):
    if node is None or (isinstance(node, ast.Constant) and node.value is None):
        return []
    if isinstance(node, (ast.Tuple, ast.List)):
        return [label_value(e, consts) if labels else literal(e) for e in node.elts]
    return [label_value(node, consts) if labels else literal(node)]


def literal(node):
    try:
        v = ast.literal_eval(node)
        return v if isinstance(v, str) else None
    except Exception:
        return None


# SQLAlchemy's Dialect.name values, exactly (each dialect class's `name = "..."`: "postgresql" in
# lib/sqlalchemy/dialects/postgresql/base.py, "mariadb" in mysql/mariadb.py). Engine.name is its
# dialect's name. `postgres` was only ever a URL and a module alias (sqlalchemy/dialects/postgres.py,
# deprecated in 0.6, removed in 1.1): `dialect.name == "postgres"` never holds, nor a test of
# another case ("PostgreSQL"), so a literal must match exactly to name a database.
DIALECT_NAMES = {"postgresql", "mysql", "mariadb", "sqlite", "mssql", "oracle"}
# The words a constant's name may say its database by (`POSTGRES_ENGINE`; its value is not read).
DIALECTS = DIALECT_NAMES | {"postgres"}


def dialect_named(node):
    """The database a literal or a constant (`MYSQL_ENGINE`, `migration.SQLITE`) names, if any."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if node.value in DIALECT_NAMES else None
    if isinstance(node, (ast.Name, ast.Attribute)):
        word = node.id if isinstance(node, ast.Name) else node.attr
        parts = [p for p in word.lower().split("_") if p in DIALECTS]
        name = parts[0] if len(parts) == 1 else None
    else:
        return None
    if name not in DIALECTS:
        return None
    return "postgresql" if name == "postgres" else name


def names_dialect(node):
    """`bind.dialect.name`, `engine.name`, `op.get_context().dialect.name`, `engine_name`."""
    text = ast.unparse(node).lower()
    if isinstance(node, ast.Name):
        return "dialect" in text or "engine" in text
    return (isinstance(node, ast.Attribute) and node.attr in ("name", "dialect_name")
            and any(w in text for w in ("dialect", "engine", "bind", "conn")))


def on_postgres(test):
    """Whether an `if` test holds on PostgreSQL: True, False, or None (cannot tell).

    Added to agree with Slipway's dialect-guard.ts when Aodh and Designate dropped tables in
    MySQL-only branches (commit 51e7a928). Its source: `bind.dialect.name` / `engine.name` is
    SQLAlchemy's Dialect.name, "postgresql" on PostgreSQL (DIALECT_NAMES above), and Python runs
    one branch of an `if` (the language reference, "The if statement"); `not`, `and`, `or` and
    `==`, `!=`, `is`, `in` as Python evaluates them. Anything else: None, both branches read."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        v = on_postgres(test.operand)
        return None if v is None else not v
    if isinstance(test, ast.BoolOp):
        vs = [on_postgres(v) for v in test.values]
        if isinstance(test.op, ast.And):
            return False if False in vs else (True if all(v is True for v in vs) else None)
        return True if True in vs else (False if all(v is False for v in vs) else None)
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    left, op, right = test.left, test.ops[0], test.comparators[0]
    subject, other = (left, right) if names_dialect(left) else (right, left)
    if not names_dialect(subject):
        return None
    if isinstance(op, (ast.In, ast.NotIn)):
        if not isinstance(other, (ast.Tuple, ast.List, ast.Set)) or not other.elts:
            return None
        names = [dialect_named(e) for e in other.elts]
    else:
        names = [dialect_named(other)]
    if None in names:
        return None
    pg = "postgresql" in names
    if isinstance(op, (ast.Eq, ast.Is, ast.In)):
        return pg
    if isinstance(op, (ast.NotEq, ast.IsNot, ast.NotIn)):
        return not pg
    return None


def calls_in(fn, fns, seen=None):
    """(attribute name, call node) for every `x.name(...)` call a function makes on PostgreSQL,
    following the module's own helper functions it calls by name (`_drop_column()`), each once.
    A branch of a dialect test (`if bind.dialect.name == "mysql":`) that PostgreSQL does not take
    is not read, nor what follows a `return` in a branch it does take (Python's `return` leaves
    the function: the language reference, "The return statement")."""
    seen = seen if seen is not None else {fn.name}
    yield from statements_calls(fn.body, fns, seen, {"returned": False})


def statements_calls(stmts, fns, seen, state):
    for stmt in stmts:
        if state["returned"]:
            return
        if isinstance(stmt, ast.If):
            holds = on_postgres(stmt.test)
            yield from expression_calls(stmt.test, fns, seen)
            if holds is not False:
                yield from statements_calls(stmt.body, fns, seen, state)
            if holds is True:
                if stmt.body and isinstance(stmt.body[-1], ast.Return):
                    state["returned"] = True
                continue
            yield from statements_calls(stmt.orelse, fns, seen, state)
            continue
        for child in ast.iter_child_nodes(stmt):
            if isinstance(child, ast.stmt):
                yield from statements_calls([child], fns, seen, state)
            elif isinstance(child, ast.excepthandler):
                yield from statements_calls(child.body, fns, seen, state)
            else:
                yield from expression_calls(child, fns, seen)


def expression_calls(expr, fns, seen):
    for node in ast.walk(expr):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Attribute):
            yield node.func.attr, node
        elif isinstance(node.func, ast.Name) and node.func.id in fns and node.func.id not in seen:
            seen.add(node.func.id)
            yield from calls_in(fns[node.func.id], fns, seen)


def sql_of(call):
    if not call.args:
        return None
    arg = call.args[0]
    if isinstance(arg, ast.Call) and isinstance(arg.func, (ast.Attribute, ast.Name)) and arg.args:
        name = arg.func.attr if isinstance(arg.func, ast.Attribute) else arg.func.id
        if name == "text":
            arg = arg.args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, ast.JoinedStr) or not isinstance(arg, ast.Constant):
        return None
    return None


def is_empty(fn):
    body = [s for s in fn.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    return all(isinstance(s, ast.Pass) for s in body)


def raises(fn):
    return any(isinstance(s, ast.Raise) for s in ast.walk(fn))


def parse(path):
    """The module at path as CPython's ast reads it, or None where CPython cannot."""
    with open(path, "rb") as f:
        src = f.read()
    try:
        return ast.parse(src)
    except (SyntaxError, ValueError):
        return None


def read(path, rel):
    tree = parse(path)
    if tree is None:
        return None
    consts, facts, fns = {}, {}, {}
    for stmt in tree.body:
        target, value = None, None
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            target, value = stmt.targets[0].id, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            target, value = stmt.target.id, stmt.value
        if target:
            if target in ("revision", "down_revision", "branch_labels", "depends_on"):
                facts[target] = (value, stmt.lineno)
            elif isinstance(value, ast.Constant) and isinstance(value.value, str):
                consts[target] = value.value
        if isinstance(stmt, ast.FunctionDef):
            fns[stmt.name] = stmt
    if "revision" not in facts or literal(facts["revision"][0]) is None:
        return None
    out = {
        "file": rel,
        "revision": literal(facts["revision"][0]),
        "revision_line": facts["revision"][1],
        "down": id_list(facts.get("down_revision", (None,))[0], consts),
        "down_dynamic": "down_revision" in facts and None in id_list(facts["down_revision"][0], consts),
        "labels": id_list(facts.get("branch_labels", (None,))[0], consts, labels=True),
        "findings": [],
    }
    up, down = fns.get("upgrade"), fns.get("downgrade")
    changes = False
    # Tables upgrade() itself created: dropping one of those (a scratch table) loses no data that
    # was there before the revision. Added to agree with MIG001 on Murano 003 (commit 321fc5f1).
    # Its source: PostgreSQL's CREATE TABLE "will create a new, initially empty table"
    # (https://www.postgresql.org/docs/current/sql-createtable.html): the rows it holds when
    # dropped were written by this same upgrade(). Only a literal name created earlier counts.
    created = set()
    if up is not None:
        for name, call in calls_in(up, fns):
            table = literal(call.args[0]) if call.args else None
            if name == "create_table" and table is not None:
                created.add(table)
            if name == "drop_table":
                if table is not None and table in created:
                    created.discard(table)
                else:
                    out["findings"].append(f"MIG001 {rel}:{call.lineno}")
            elif name == "drop_column":
                out["findings"].append(f"MIG002 {rel}:{call.lineno}")
            if name in SCHEMA_OPS:
                changes = True
            if name == "execute":
                sql = sql_of(call)
                first = sql.lstrip().split(None, 1)[0].upper() if sql and sql.strip() else ""
                if first in DDL and not VALIDATE_ONLY.match(sql):
                    changes = True
                if sql and sql.lstrip().upper().startswith("DROP TABLE"):
                    out["findings"].append(f"MIG001 {rel}:{call.lineno}")
    if changes:
        if down is None:
            out["findings"].append(f"MIG110 {rel}:{up.lineno}")
        elif is_empty(down) and not raises(down):
            out["findings"].append(f"MIG110 {rel}:{down.lineno}")
    return out


def main():
    root = sys.argv[1]
    revs = []
    for dirpath, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith(".py") and name != "__init__.py":
                full = os.path.join(dirpath, name)
                r = read(full, os.path.relpath(full, root).replace(os.sep, "/"))
                if r:
                    revs.append(r)
    by_id = {r["revision"]: r for r in revs}
    children = {r["revision"]: 0 for r in revs}
    for r in revs:
        for p in r["down"]:
            if p in children:
                children[p] += 1
    heads = sorted(rid for rid, n in children.items() if n == 0)

    def ancestors(rid):
        seen, stack = set(), list(by_id[rid]["down"])
        while stack:
            p = stack.pop()
            if p in seen or p not in by_id:
                continue
            seen.add(p)
            stack.extend(by_id[p]["down"])
        return seen

    def known_line(rid):
        return all(p in by_id for a in [rid, *ancestors(rid)] for p in by_id[a]["down"]) and not any(
            by_id[a]["down_dynamic"] for a in [rid, *ancestors(rid)]
        )

    # Alembic (alembic/script/revision.py, RevisionMap._add_branches): a label applies to its
    # revision and every descendant (`_get_descendant_nodes`), so a head carries the labels of its
    # whole line. Heads with the same labels are ambiguous: `alembic upgrade head` refuses them
    # (MultipleHeads, "Multiple head revisions are present", alembic/script/base.py).
    groups = {}
    for h in heads:
        if not known_line(h):
            continue
        key = tuple(sorted({l for a in [h, *ancestors(h)] for l in by_id[a]["labels"]}))
        groups.setdefault(key, []).append(h)
    expected = [f for r in revs for f in r["findings"]]
    for group in groups.values():
        if len(group) > 1:
            expected += [f"MIG100 {by_id[h]['file']}:{by_id[h]['revision_line']}" for h in group]
    json.dump({"heads": heads, "revisions": len(revs), "expected": sorted(expected)}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
