#!/usr/bin/env python3
"""Where a revision of an Alembic version folder works through rows while its transaction holds an
ACCESS EXCLUSIVE lock on a table it did not create, by CPython's own parser (ast), for
test/corpus/alembic-work-under-lock-oracle.test.ts (Slipway's MIG044).

Sources. PostgreSQL's explicit-locking page (https://www.postgresql.org/docs/current/explicit-locking.html):
"Once acquired, a lock is normally held until the end of the transaction", and ACCESS EXCLUSIVE
"is acquired by the DROP TABLE, TRUNCATE, REINDEX, CLUSTER, VACUUM FULL, and REFRESH MATERIALIZED
VIEW (without CONCURRENTLY) commands. Many forms of ALTER INDEX and ALTER TABLE also acquire a lock
at this level" and "guarantees that the holder is the only transaction accessing the table in any
way". The ALTER TABLE page (sql-altertable.html): "An ACCESS EXCLUSIVE lock is acquired unless
explicitly noted"; ADD FOREIGN KEY takes SHARE ROW EXCLUSIVE, VALIDATE CONSTRAINT and SET
STATISTICS SHARE UPDATE EXCLUSIVE. Alembic runs a revision's upgrade() in one transaction on
PostgreSQL (transactional DDL), and `autocommit_block()` "commits the current transaction" first
(Alembic's MigrationContext.autocommit_block documentation). CREATE TABLE "will create a new,
initially empty table": a table upgrade() made is no one else's.

Read here (a subset, on purpose: what a reader of the revision can tell without a database):
- the lock: op.add_column, op.drop_column, op.alter_column, op.drop_table, op.rename_table,
  op.drop_constraint, op.create_check_constraint, op.create_unique_constraint,
  op.create_primary_key, op.drop_index (and their batch_op forms; a table named by a module-level
  string constant is read through it), and op.execute of ALTER TABLE ... ADD/DROP
  COLUMN, ALTER COLUMN, RENAME, DROP TABLE or TRUNCATE, on a table upgrade() did not create;
- the work after it, in the same transaction: op.execute of UPDATE or DELETE, op.create_index
  without postgresql_concurrently=True, on a table upgrade() did not create.
Shares no code with Slipway; the call walk is alembic-oracle.py's (an oracle too).

With --write, the same for Slipway's MIG047: a lock that blocks writes but not reads, held while
rows are written or scanned by a statement that does not block writes itself. The lock
(explicit-locking page: SHARE "is acquired by CREATE INDEX (without CONCURRENTLY)"; SHARE ROW
EXCLUSIVE "is acquired by CREATE TRIGGER and some forms of ALTER TABLE"; the ALTER TABLE page:
"ADD FOREIGN KEY requires a SHARE ROW EXCLUSIVE lock on the referenced table" besides its own, NOT
VALID or not): op.create_index without postgresql_concurrently=True, op.create_foreign_key (both
tables; batch_op's form names only the referent), op.create_table whose columns or constraints
name a sa.ForeignKey / sa.ForeignKeyConstraint target upgrade() did not create, op.execute of
CREATE INDEX (not CONCURRENTLY), ALTER TABLE ... ADD [CONSTRAINT n] FOREIGN KEY ... REFERENCES
or CREATE TRIGGER ... ON. The work (row-level locks only: UPDATE, DELETE and INSERT take ROW
EXCLUSIVE, VALIDATE CONSTRAINT SHARE UPDATE EXCLUSIVE, neither blocks writers): op.execute of
UPDATE, DELETE, INSERT INTO ... SELECT ... FROM a table without WHERE, or ALTER TABLE ...
VALIDATE CONSTRAINT of a constraint the revision did not add NOT VALID (that one is MIG027's). A
revision whose transaction takes an ACCESS EXCLUSIVE lock on an existing table before such work
is MIG044's: the reading stops there.

Prints JSON: {"locks": {"path": line}, "work": {"path": [first, last]}, "revisions": n}: per
revision, the line of its first such lock, and the lines of the call of the first such work after
it (before any autocommit block): a statement inside an op.execute string sits on one of them.
Usage: alembic-work-under-lock-oracle.py [--write] VERSIONS_DIR   (paths relative to VERSIONS_DIR)
"""
import ast
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


# The call walk and literal reading (alembic-oracle.py), and the keyword, argument and batch-table
# reading (alembic-index-oracle.py): oracles too.
base = _load("alembic-oracle")
index = _load("alembic-index-oracle")
keyword, argument, batch_tables = index.keyword, index.argument, index.batch_tables

# op.<name>(table...) calls that take ACCESS EXCLUSIVE on their table, and where the table is.
LOCKING = {
    "add_column": (0, "table_name"),
    "drop_column": (0, "table_name"),
    "alter_column": (0, "table_name"),
    "drop_table": (0, "table_name"),
    "rename_table": (0, "old_table_name"),
    "drop_constraint": (1, "table_name"),
    "create_check_constraint": (1, "table_name"),
    "create_unique_constraint": (1, "table_name"),
    "create_primary_key": (1, "table_name"),
    # DROP INDEX page (sql-dropindex.html): "A normal DROP INDEX acquires an ACCESS EXCLUSIVE lock
    # on the table"; op.drop_index(index_name, table_name) names it.
    "drop_index": (1, "table_name"),
}
def name(group):
    """A table name, schema-qualified or quoted or not, captured as `group`."""
    return r"(?:\"?\w+\"?\.)?\"?(?P<" + group + r">\w+)\"?"


SQL_LOCK = re.compile(
    r"^\s*(?:ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?" + name("altered") +
    r"\s+(?:ADD\s+COLUMN|ADD\s+(?!CONSTRAINT|FOREIGN|PRIMARY|UNIQUE|CHECK)\w|DROP\s+COLUMN"
    r"|ALTER\s+(?:COLUMN\s+)?\w+\s+(?:TYPE|SET\s+DEFAULT|DROP\s+DEFAULT|SET\s+NOT\s+NULL|DROP\s+NOT\s+NULL)|RENAME)"
    r"|DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?" + name("dropped") +
    r"|TRUNCATE\s+(?:TABLE\s+)?" + name("truncated") + r")",
    re.IGNORECASE)
SQL_WRITE_LOCK = re.compile(
    r"^\s*(?:CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?!CONCURRENTLY)(?:IF\s+NOT\s+EXISTS\s+)?(?:\"?\w+\"?\s+)?ON\s+(?:ONLY\s+)?"
    + name("indexed") +
    r"|ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?" + name("constrained") +
    r"\s+ADD\s+(?:CONSTRAINT\s+\"?\w+\"?\s+)?FOREIGN\s+KEY\s*\([^)]*\)\s*REFERENCES\s+" + name("referenced") +
    r"|CREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\s+.*?\s+ON\s+" + name("triggered") + r")",
    re.IGNORECASE | re.DOTALL)
SQL_NOT_VALID = re.compile(r"ADD\s+CONSTRAINT\s+\"?(?P<name>\w+)\"?.*\bNOT\s+VALID\b", re.IGNORECASE | re.DOTALL)
SQL_WRITE_WORK = re.compile(
    r"^\s*(?:UPDATE\s+(?:ONLY\s+)?" + name("updated") + r"|DELETE\s+FROM\s+(?:ONLY\s+)?" + name("deleted") +
    r"|INSERT\s+INTO\s+\S+(?:\s*\([^)]*\))?\s+SELECT\s+(?:(?!\bFROM\b).)*?\bFROM\s+" + name("copied") +
    r"(?:\s+(?:AS\s+)?(?!WHERE\b|JOIN\b|LIMIT\b|GROUP\b|ORDER\b|UNION\b|INNER\b|LEFT\b|CROSS\b)\w+)?\s*$"
    r"|ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?" + name("validated") +
    r"\s+VALIDATE\s+CONSTRAINT\s+\"?(?P<constraint>\w+)\"?)",
    re.IGNORECASE | re.DOTALL)
SQL_WORK = re.compile(
    r"^\s*(?:UPDATE\s+(?:ONLY\s+)?" + name("updated") + r"|DELETE\s+FROM\s+(?:ONLY\s+)?" + name("deleted") + r")",
    re.IGNORECASE)

def autocommit_lines(fns):
    """Lines inside `with op.get_context().autocommit_block():` in any function of the module."""
    out = set()
    for fn in fns.values():
        for node in ast.walk(fn):
            if isinstance(node, ast.With) and any(
                    isinstance(i.context_expr, ast.Call) and isinstance(i.context_expr.func, ast.Attribute)
                    and i.context_expr.func.attr == "autocommit_block" for i in node.items):
                out.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return out


def module_constants(tree):
    """`TABLE = "ports"` at the module's top level: the string each such name holds."""
    out = {}
    for stmt in tree.body:
        if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)):
            out[stmt.targets[0].id] = stmt.value.value
    return out


class Upgrade:
    """A revision's upgrade() as both readings walk it: its calls in order, up to Alembic's first
    autocommit block (which commits what the transaction held), each placed at a line."""

    def __init__(self, tree):
        self.fns = {s.name: s for s in tree.body if isinstance(s, ast.FunctionDef)}
        self.up = self.fns.get("upgrade")
        self.consts = module_constants(tree)
        self.batches = {}
        for fn in ([self.up] if self.up else []) + list(self.fns.values()):
            self.batches.update(batch_tables(fn))

    def calls(self):
        """(line it is placed at, name, call). A call made inside a helper upgrade() calls sits, for
        ordering against Slipway's lines, at the line of upgrade()'s call of that helper: the first
        one after the last line placed."""
        if self.up is None:
            return
        up, fns = self.up, self.fns
        auto = autocommit_lines(fns)
        helper_calls = sorted(n.lineno for n in ast.walk(up)
                              if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in fns)
        site = up.lineno
        for name, call in base.calls_in(up, fns):
            if call.lineno in self.span():
                site = call.lineno
            else:
                site = next((line for line in helper_calls if line >= site), site)
            if call.lineno in auto:
                return
            yield site, name, call

    def span(self):
        return range(self.up.lineno, (self.up.end_lineno or self.up.lineno) + 1)

    def work_lines(self, site, call):
        """The lines a piece of work found at `call` is reported with: [first, last]."""
        return [site, call.end_lineno or call.lineno] if call.lineno in self.span() else [site, site]

    def table_of(self, call, name):
        if id(call) in self.batches:
            return self.batches[id(call)]
        index, key = LOCKING.get(name, (1, "table_name"))
        node = argument(call, index, key)
        if isinstance(node, ast.Name) and node.id in self.consts:
            return self.consts[node.id]
        return base.literal(node)

    def created_table(self, call):
        """The table an op.create_table call makes, through a module constant too."""
        node = argument(call, 0, "table_name")
        return self.consts.get(node.id) if isinstance(node, ast.Name) else base.literal(node)


def upgrade_of(path):
    """The revision's Upgrade, or None when the file does not parse."""
    tree = base.parse(path)
    return None if tree is None else Upgrade(tree)


def read(path, rel):
    u = upgrade_of(path)
    if u is None:
        return None
    out = {}
    created = set()
    lock = None
    for site, name, call in u.calls():
        if name == "create_table":
            table = u.created_table(call)
            if table is not None:
                created.add(table)
            continue
        work = None
        if name in LOCKING:
            table = u.table_of(call, name)
            if lock is None and table is not None and table not in created:
                lock = (site, table)
                out["lock"] = site
            continue
        if name == "create_index":
            concurrently = keyword(call, "postgresql_concurrently")
            table = u.table_of(call, name)
            if not (isinstance(concurrently, ast.Constant) and concurrently.value is True) and table not in created:
                work = table
        elif name == "execute":
            sql = base.sql_of(call) or ""
            for statement in sql.split(";"):
                m = SQL_LOCK.match(statement)
                if m:
                    table = m.group("altered") or m.group("dropped") or m.group("truncated")
                    if lock is None and table is not None and table not in created:
                        lock = (site, table)
                        out["lock"] = site
                    continue
                w = SQL_WORK.match(statement)
                if w and lock is not None:
                    table = w.group("updated") or w.group("deleted")
                    if table not in created:
                        work = table
                        break
        if work is not None and lock is not None and site >= lock[0]:
            out["work"] = u.work_lines(site, call)
            break
    return out


def foreign_key_targets(call):
    """The tables a create_table call's sa.ForeignKey("t.c") / sa.ForeignKeyConstraint(cols, ["t.c"])
    arguments reference (SQLAlchemy's column spec "tablename.colname", or "schema.table.col")."""
    out = []
    for node in ast.walk(call):
        if not isinstance(node, ast.Call):
            continue
        fname = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        specs = []
        if fname == "ForeignKey" and node.args:
            specs = [node.args[0]]
        elif fname == "ForeignKeyConstraint" and len(node.args) > 1 and isinstance(node.args[1], (ast.List, ast.Tuple)):
            specs = list(node.args[1].elts)
        for spec in specs:
            text = base.literal(spec)
            if isinstance(text, str) and "." in text:
                out.append(text.split(".")[-2])
    return out


def read_write(path, rel):
    """The --write reading (MIG047): see the module's docstring."""
    u = upgrade_of(path)
    if u is None:
        return None
    out = {}
    created, not_valid = set(), set()
    lock = None
    site = None

    def take(table):
        nonlocal lock
        if lock is None and table is not None and table not in created:
            lock = (site, table)
            out["lock"] = site

    for site, name, call in u.calls():
        if name == "create_table":
            table = u.created_table(call)
            if table is not None:
                created.add(table)
            for target in foreign_key_targets(call):
                take(target)
            continue
        if name in LOCKING:
            if u.table_of(call, name) not in created | {None}:
                break  # an ACCESS EXCLUSIVE lock: the rest of the transaction is MIG044's
            continue
        if name == "create_index":
            concurrently = keyword(call, "postgresql_concurrently")
            if not (isinstance(concurrently, ast.Constant) and concurrently.value is True):
                take(u.table_of(call, name))
            continue
        if name == "create_foreign_key":
            valid = keyword(call, "postgresql_not_valid")
            constraint = base.literal(argument(call, 0, "constraint_name"))
            if isinstance(valid, ast.Constant) and valid.value is True and isinstance(constraint, str):
                not_valid.add(constraint.lower())
            if id(call) in u.batches:
                take(u.batches[id(call)])
                take(base.literal(argument(call, 1, "referent_table")))
            else:
                take(base.literal(argument(call, 1, "source_table")))
                take(base.literal(argument(call, 2, "referent_table")))
            continue
        if name != "execute":
            continue
        work = None
        for statement in (base.sql_of(call) or "").split(";"):
            m = SQL_LOCK.match(statement)
            if m:
                table = m.group("altered") or m.group("dropped") or m.group("truncated")
                if table not in created:
                    work = "stop"
                    break
                continue
            m = SQL_WRITE_LOCK.match(statement)
            if m:
                nv = SQL_NOT_VALID.search(statement)
                if nv:
                    not_valid.add(nv.group("name").lower())
                for group in ("indexed", "constrained", "referenced", "triggered"):
                    take(m.group(group))
                continue
            w = SQL_WRITE_WORK.match(statement)
            if w and lock is not None:
                table = w.group("updated") or w.group("deleted") or w.group("copied") or w.group("validated")
                if w.group("constraint") is not None and w.group("constraint").lower() in not_valid:
                    continue
                if table not in created:
                    work = table
                    break
        if work == "stop":
            break
        if work is not None and lock is not None and site >= lock[0]:
            out["work"] = u.work_lines(site, call)
            break
    return out


def main():
    write = sys.argv[1] == "--write"
    root = sys.argv[2] if write else sys.argv[1]
    reader = read_write if write else read
    locks, works, revisions = {}, {}, 0
    for dirpath, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith(".py") and name != "__init__.py":
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, root).replace(os.sep, "/")
                r = reader(full, rel) if base.read(full, rel) is not None else None
                if r is None:
                    continue
                revisions += 1
                if "lock" in r:
                    locks[rel] = r["lock"]
                if "work" in r:
                    works[rel] = r["work"]
    print(json.dumps({"locks": locks, "work": works, "revisions": revisions}, sort_keys=True))


if __name__ == "__main__":
    main()
