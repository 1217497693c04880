#!/usr/bin/env python3
"""Where the revisions of an Alembic version folder add an enum value inside a transaction in a way
PostgreSQL refuses, by CPython's own parser (ast), for test/corpus/alembic-enum-value-oracle.test.ts
(Slipway's MIG045).

Sources. PostgreSQL 11's ALTER TYPE page (https://www.postgresql.org/docs/11/sql-altertype.html,
Notes): "ALTER TYPE ... ADD VALUE (the form that adds a new value to an enum type) cannot be
executed inside a transaction block." PostgreSQL 12's (https://www.postgresql.org/docs/12/sql-altertype.html):
"If ALTER TYPE ... ADD VALUE ... is executed inside a transaction block, the new value cannot be
used until after the transaction has been committed." A type created in the same transaction is
exempt on both sides: before 12 AlterEnum skips PreventInTransactionBlock when the type's row was
made by the current transaction (src/backend/commands/typecmds.c: "it's okay if the enum type was
created in the current transaction"), and from 12 check_safe_enum_use accepts such a type's values
(src/backend/utils/adt/enum.c).
Alembic runs upgrade() in a transaction on PostgreSQL (transactional DDL); `autocommit_block()`
"commits the current transaction" and begins a new one after the block (Alembic's
MigrationContext.autocommit_block documentation). `op.execute("COMMIT")` ends the transaction on
the server, and psycopg2 (SQLAlchemy's default PostgreSQL driver) sends its next BEGIN only when its
own status says no transaction is open (psycopg/pqpath.c, pq_begin_locked: `if (conn->autocommit
|| conn->status != CONN_STATUS_READY) return 0;`), which a COMMIT sent as a query does not change:
what follows runs in autocommit until a BEGIN. (psycopg 3 asks libpq instead and would begin
again: both this oracle and Slipway read the psycopg2 behaviour.)

Read here: the SQL of op.execute / conn.execute calls (a string literal or text("...")), split on
`;`, in upgrade()'s order with its helpers followed; CREATE TYPE t AS ENUM, ALTER TYPE t ADD VALUE
[IF NOT EXISTS] 'v', COMMIT/END/ROLLBACK and BEGIN/START TRANSACTION. A use of a new value is a
later statement of the same transaction whose text holds the value as a quoted literal.
Shares no code with Slipway; the call walk is alembic-oracle.py's (an oracle too).

Prints JSON: {"revisions": n, "added": {path: [[first, last], ...]}, "uses": {path: [[first, last], ...]}}:
the lines of the call of each ADD VALUE run inside a transaction on a type not made in it
(refused before 12), and of each statement using such a value later in its transaction (refused
from 12).
Usage: alembic-enum-value-oracle.py VERSIONS_DIR   (paths relative to VERSIONS_DIR)
"""
import importlib.util
import json
import os
import re
import sys

_here = os.path.dirname(os.path.abspath(__file__))


def _load(name):
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), os.path.join(_here, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


base = _load("alembic-oracle")
work = _load("alembic-work-under-lock-oracle")

NAME = r'(?:"?\w+"?\.)?"?(?P<type>\w+)"?'
ADD_VALUE = re.compile(r"^\s*ALTER\s+TYPE\s+" + NAME + r"\s+ADD\s+VALUE\s+(IF\s+NOT\s+EXISTS\s+)?'(?P<value>[^']*)'",
                       re.IGNORECASE)
CREATE_ENUM = re.compile(r"^\s*CREATE\s+TYPE\s+" + NAME + r"\s+AS\s+ENUM\b", re.IGNORECASE)
END = re.compile(r"^\s*(COMMIT|END|ROLLBACK|ABORT)\b", re.IGNORECASE)
BEGIN = re.compile(r"^\s*(BEGIN|START\s+TRANSACTION)\b", re.IGNORECASE)


def fold(name):
    """An unquoted name as PostgreSQL folds it; the regex drops the quotes, so compare folded."""
    return name.lower()


def read(path):
    tree = base.parse(path)
    if tree is None:
        return None
    fns = {s.name: s for s in tree.body if isinstance(s, base.ast.FunctionDef)}
    up = fns.get("upgrade")
    out = {"added": [], "uses": []}
    if up is None:
        return out
    auto = work.autocommit_lines(fns)
    tx, next_tx = 1, 2
    committed = False  # after op.execute("COMMIT"): autocommit until a BEGIN
    was_auto = False
    made = {}
    pending = {}  # value -> (type, tx)
    for name, call in base.calls_in(up, fns):
        if name != "execute":
            continue
        sql = base.sql_of(call)
        if not sql:
            continue
        in_block = call.lineno in auto
        if was_auto and not in_block and not committed:
            tx, next_tx = next_tx, next_tx + 1  # Alembic began a fresh transaction after the block
        was_auto = in_block
        lines = [call.lineno, call.end_lineno or call.lineno]
        for statement in sql.split(";"):
            if not statement.strip():
                continue
            if not in_block and END.match(statement):
                committed, pending = True, {}
                continue
            if not in_block and BEGIN.match(statement):
                if committed:
                    committed, tx, next_tx = False, next_tx, next_tx + 1
                continue
            current = None if in_block or committed else tx
            m = CREATE_ENUM.match(statement)
            if m:
                if current is not None:
                    made[fold(m.group("type"))] = current
                continue
            m = ADD_VALUE.match(statement)
            if m:
                if current is not None and made.get(fold(m.group("type"))) != current:
                    out["added"].append(lines)
                    pending[m.group("value")] = current
                continue
            if current is not None and any(t == current and f"'{v}'" in statement for v, t in pending.items()):
                out["uses"].append(lines)
    return out


def main():
    root = sys.argv[1]
    added, uses, revisions = {}, {}, 0
    for dirpath, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith(".py") and name != "__init__.py":
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, root).replace(os.sep, "/")
                r = read(full) if base.read(full, rel) is not None else None
                if r is None:
                    continue
                revisions += 1
                if r["added"]:
                    added[rel] = r["added"]
                if r["uses"]:
                    uses[rel] = r["uses"]
    print(json.dumps({"revisions": revisions, "added": added, "uses": uses}, sort_keys=True))


if __name__ == "__main__":
    main()
