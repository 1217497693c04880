#!/usr/bin/env python3
"""The oracles' own test: each scripts/*-oracle.py on tiny hand-written inputs whose right answer
is known from the source its rules cite (Alembic's, SQLAlchemy's, PostgreSQL's, pop's, pip's), in
one Python process. Every oracle has a case where it must find something, so an oracle that finds
nothing fails here before a corpus test could read its silence as agreement.

A line that must be reported carries a marker comment (`# !MIG001`, `-- !drop`); the wanted
answer is built from those markers, never from an oracle's output.

Prints JSON: {case: {"want": ..., "got": ...}} (test/corpus/oracles-self-test.test.ts compares).
Usage: oracles-self-test.py
"""
import contextlib
import importlib.util
import io
import json
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name):
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), os.path.join(HERE, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write(root, files):
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def marked(files, marker):
    """`path:line` of every line carrying the marker, in the order sorted() gives."""
    return sorted(f"{rel}:{n}" for rel, text in files.items()
                  for n, line in enumerate(text.split("\n"), 1) if marker in line)


def run_main(module, *args):
    out = io.StringIO()
    saved = sys.argv
    sys.argv = ["oracle", *args]
    try:
        with contextlib.redirect_stdout(out):
            module.main() if module.main.__code__.co_argcount == 0 else module.main(*args)
    finally:
        sys.argv = saved
    return json.loads(out.getvalue())


def revision(rid, down, body, labels="None", extra=""):
    return (f'"""{rid}"""\nfrom alembic import op\nimport sqlalchemy as sa\n\n'
            f'revision = "{rid}"\ndown_revision = {down}\nbranch_labels = {labels}\n{extra}\n\n'
            f"{body}")


# MIG001 / MIG002 / MIG110: drops in upgrade(), a scratch table, dialect branches (SQLAlchemy's
# Dialect.name is exactly "postgresql"), an empty downgrade (honest after a VALIDATE CONSTRAINT only).
ALEMBIC = {
    "a_base.py": revision("a", "None", '''def upgrade():
    op.drop_table("users")  # !MIG001
    op.create_table("scratch", sa.Column("id", sa.Integer()))
    op.drop_table("scratch")
    op.drop_column("orders", "fax")  # !MIG002


def downgrade():
    raise NotImplementedError("irreversible")
'''),
    "b_dialects.py": revision("b", '"a"', '''def upgrade():
    bind = op.get_bind()
    if bind.dialect.name == "mysql":
        op.drop_table("mysql_only")
    if bind.dialect.name == "postgres":
        pass
    else:
        op.drop_table("runs_on_postgresql")  # !MIG001
    if bind.engine.name == "PostgreSQL":
        pass
    else:
        op.drop_table("also_runs")  # !MIG001
    if bind.dialect.name != "mysql":
        return
    op.drop_table("after_return")


def downgrade():
    raise NotImplementedError("irreversible")
'''),
    "c_empty_down.py": revision("c", '"b"', '''def upgrade():
    op.add_column("orders", sa.Column("note", sa.Text()))


def downgrade():  # !MIG110
    pass
'''),
    "d_validate.py": revision("d", '"c"', '''def upgrade():
    op.execute("ALTER TABLE orders VALIDATE CONSTRAINT orders_note_check")


def downgrade():
    pass
'''),
    "e_validate_and_set.py": revision("e", '"d"', '''def upgrade():
    op.execute("ALTER TABLE orders ALTER COLUMN note SET NOT NULL")


def downgrade():  # !MIG110
    pass
'''),
}

# MIG100: two heads with the same labels (none); Alembic's `upgrade head` refuses them.
HEADS = {
    "r0.py": revision("r0", "None", "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n"),
    "r1.py": revision("r1", '"r0"', "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n").replace(
        'revision = "r1"', 'revision = "r1"  # !MIG100'),
    "r2.py": revision("r2", '"r0"', "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n").replace(
        'revision = "r2"', 'revision = "r2"  # !MIG100'),
}
# Near miss: the same fork, each head on its own labelled line.
LABELLED = {
    "r0.py": HEADS["r0.py"],
    "r1.py": revision("r1", '"r0"', "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n", labels='("one",)'),
    "r2.py": revision("r2", '"r0"', "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n", labels='("two",)'),
}

# MIG020's index oracle: a SHARE lock on a table that existed; CONCURRENTLY, ON ONLY and a table
# created earlier in the same upgrade() are not.
INDEXES = {
    "i.py": revision("i", "None", '''def upgrade():
    op.create_index("ix_a", "orders", ["x"])  # !index
    op.create_index("ix_b", "orders", ["y"], postgresql_concurrently=True)
    op.create_table("fresh", sa.Column("id", sa.Integer()))
    op.create_index("ix_c", "fresh", ["id"])
    op.execute("CREATE INDEX ix_d ON ONLY measurements (ts)")
    op.execute("CREATE UNIQUE INDEX ix_e ON orders (z)")  # !index
    op.execute("CREATE INDEX CONCURRENTLY ix_f ON orders (w)")
    with op.batch_alter_table("customers") as batch_op:
        batch_op.create_index("ix_g", ["name"])  # !index


def downgrade():
    pass
'''),
    # `batch_op` rebound block after block (downgrade() too): each call is on its own block's table.
    "j.py": revision("j", '"i"', '''def upgrade():
    op.create_table("made", sa.Column("id", sa.Integer()))
    with op.batch_alter_table("made") as batch_op:
        batch_op.create_index("ix_h", ["id"])
    with op.batch_alter_table("customers") as batch_op:
        batch_op.create_index("ix_i", ["name"])  # !index


def downgrade():
    with op.batch_alter_table("made") as batch_op:
        batch_op.drop_index("ix_h")
'''),
    "t.py": revision("t", '"j"', '''def upgrade():
    op.execute("SET lock_timeout = '5s'")


def downgrade():
    pass
'''),
}

# MIG044's oracle: rows worked after an ACCESS EXCLUSIVE lock on a table that existed, in the same
# transaction. `!lock` marks each revision's first such lock, `!work` the first work after it.
TABLE = "TABLE = 'accounts'\n"
WORK = {
    "a.py": revision("a", "None", '''def upgrade():
    op.add_column("orders", sa.Column("region", sa.Text()))  # !lock
    op.execute("UPDATE orders SET region = 'eu'")  # !work


def downgrade():
    pass
'''),
    "b.py": revision("b", '"a"', '''def upgrade():
    op.create_table("fresh", sa.Column("id", sa.Integer()))
    op.add_column("fresh", sa.Column("n", sa.Integer()))
    op.create_index("ix_fresh", "fresh", ["n"])
    op.execute("UPDATE orders SET region = 'eu'")
    op.drop_index("ix_old", "invoices")  # !lock
    op.create_index("ix_inv", "invoices", ["n"], postgresql_concurrently=True)
    with op.get_context().autocommit_block():
        op.execute("DELETE FROM invoices WHERE id < 10")


def downgrade():
    pass
'''),
    "c.py": revision("c", '"b"', '''def upgrade():
    _retire()
    op.create_index("ix_acc", TABLE, ["name"])  # !work


def _retire():
    op.rename_table(TABLE, "old_accounts")  # !lock


def downgrade():
    pass
''', extra=TABLE),
}

# MIG047's oracle (--write): rows written or scanned while the transaction holds a lock that blocks
# writes but not reads; `!lock` / `!work` as above. d: a foreign key's target, then a backfill.
# e: an index on a new table, a concurrent build, then a copy after an index build. f: a foreign key
# added NOT VALID and validated in the same revision (MIG027's), then an ACCESS EXCLUSIVE lock
# (MIG044's) before an UPDATE: no work. g: CREATE TABLE ... ForeignKey, then a VALIDATE.
WRITE_WORK = {
    "d.py": revision("d", "None", '''def upgrade():
    op.create_foreign_key("fk_o_c", "orders", "customers", ["customer_id"], ["id"])  # !lock
    op.execute("UPDATE orders SET region = 'eu' WHERE region IS NULL")  # !work


def downgrade():
    pass
'''),
    "e.py": revision("e", '"d"', '''def upgrade():
    op.create_table("fresh", sa.Column("id", sa.Integer()))
    op.create_index("ix_fresh", "fresh", ["id"])
    op.execute("UPDATE fresh SET id = 1")
    op.create_index("ix_inv", "invoices", ["n"], postgresql_concurrently=True)
    op.execute("CREATE INDEX ix_acc ON accounts (name)")  # !lock
    op.execute("INSERT INTO archive SELECT * FROM orders WHERE id < 5")
    op.execute("INSERT INTO archive SELECT * FROM orders")  # !work


def downgrade():
    pass
'''),
    "f.py": revision("f", '"e"', '''def upgrade():
    op.execute("ALTER TABLE orders ADD CONSTRAINT fk_x FOREIGN KEY (c) REFERENCES customers (id) NOT VALID")  # !lock
    op.execute("ALTER TABLE orders VALIDATE CONSTRAINT fk_x")
    op.add_column("orders", sa.Column("note", sa.Text()))
    op.execute("UPDATE orders SET note = ''")


def downgrade():
    pass
'''),
    "g.py": revision("g", '"f"', '''def upgrade():
    op.create_table("shipments", sa.Column("order_id", sa.Integer(), sa.ForeignKey("orders.id")))  # !lock
    op.execute("ALTER TABLE invoices VALIDATE CONSTRAINT ck_amount")  # !work


def downgrade():
    pass
'''),
}

# The .sql files a revision loads (one per element of a literal loop, an f-string of the revision
# id), and executes whose SQL is only known at run time (a loop over os.listdir, a call).
SQL_LOAD = {
    "v.py": revision("v", "None", '''import os

HERE = os.path.dirname(__file__)


def upgrade():
    with open(os.path.join(HERE, "sql", "v_up.sql")) as f:
        op.execute(f.read())
    for name in ("v_a.sql", "v_b.sql"):
        op.execute(open(os.path.join(HERE, "sql", name)).read())
    op.execute(open(os.path.join(HERE, f"sql/{revision}_c.sql")).read())
    for name in os.listdir(HERE):
        op.execute(open(name).read())  # !unread
    op.execute(compute())  # !unread


def downgrade():
    op.execute(open(os.path.join(HERE, "sql/v_down.sql")).read())
'''),
}

# pop: per-dialect files, synonyms, the generic file a postgres one replaces, a name pop ignores.
POP = {
    "1_users.up.sql": "CREATE TABLE users (id int);\nDROP TABLE legacy_users; -- !drop\n",
    "2_sessions.postgres.up.sql": "DROP TABLE sessions; -- !drop\n",
    "2_sessions.up.sql": "DROP TABLE sessions_generic;\n",
    "3_mysql.mysql.up.sql": "DROP TABLE mysql_only;\n",
    "4_audit.pg.up.sql": "CREATE TABLE audit_new (id int);\nDROP TABLE audit_new;\nDROP TABLE audit; -- !drop\n",
    "5-not-pop.up.sql": "DROP TABLE never;\n",
    "6_sessions.down.sql": "DROP TABLE down_only;\n",
}

# pip's reading of a requirements file (req_file.py preprocess) and packaging's of each line.
REQUIREMENTS = (
    "Django>=4.2,<5.0\n"
    "requests[Socks]==2.31.0 ; python_version >= \"3.8\" \\\n"
    "    --hash=sha256:abc123\n"
    "# a comment that ends in a backslash \\\n"
    "attrs==23.2.0  # trailing comment\n"
    "-r base.txt\n"
    "git+https://example.invalid/x.git#egg=x\n"
    "Zope.Interface ~= 6.0\n"
    "not a requirement!\n"
)
REQUIREMENTS_WANT = [
    {"line": 0, "name": "django", "specifiers": ["<5.0", ">=4.2"], "extras": [], "marker": None, "hashes": []},
    {"line": 1, "name": "requests", "specifiers": ["==2.31.0"], "extras": ["socks"],
     "marker": 'python_version >= "3.8"', "hashes": ["sha256:abc123"]},
    {"line": 4, "name": "attrs", "specifiers": ["==23.2.0"], "extras": [], "marker": None, "hashes": []},
    {"line": 7, "name": "zope-interface", "specifiers": ["~=6.0"], "extras": [], "marker": None, "hashes": []},
    {"line": 8, "invalid": True},
]


# MIG045's oracle: `!added` marks an enum value added inside upgrade()'s transaction on a type it
# did not make (refused before PostgreSQL 12), `!use` a later statement of the same transaction
# naming such a value (refused from 12). Near misses: autocommit_block, after op.execute("COMMIT")
# (psycopg2 sends no BEGIN), a type made in the same transaction, a value used after the block.
ENUMS = {
    "e.py": revision("e", "None", '''def upgrade():
    op.execute("ALTER TYPE status ADD VALUE 'held'")  # !added
    op.execute("UPDATE orders SET status = 'held' WHERE id = 1")  # !use
    op.execute("CREATE TYPE mood AS ENUM ('ok')")
    op.execute("ALTER TYPE mood ADD VALUE 'sad'")
    op.execute("UPDATE people SET mood = 'sad'")
    with op.get_context().autocommit_block():
        op.execute("ALTER TYPE status ADD VALUE IF NOT EXISTS 'gone'")
    op.execute("UPDATE orders SET status = 'gone'")


def downgrade():
    pass
'''),
    "f.py": revision("f", '"e"', '''def upgrade():
    _add()


def _add():
    op.execute("ALTER TYPE \\"public\\".\\"Kind\\" ADD VALUE 'x'")  # !added


def downgrade():
    pass
'''),
    "g.py": revision("g", '"f"', '''def upgrade():
    op.execute("COMMIT")
    op.execute("ALTER TYPE status ADD VALUE 'late'")
    op.execute("UPDATE orders SET status = 'late'")


def downgrade():
    pass
'''),
}


def main():
    alembic, index, work, sql_load, pop, requirements, enums = (
        load("alembic-oracle"), load("alembic-index-oracle"), load("alembic-work-under-lock-oracle"),
        load("alembic-sql-load-oracle"), load("pop-oracle"), load("requirements-oracle"),
        load("alembic-enum-value-oracle"))
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        def case(name, files):
            root = os.path.join(tmp, name)
            write(root, files)
            return root

        got = run_main(alembic, case("alembic", ALEMBIC))
        want = sorted(f"{rule} {at}" for rule in ("MIG001", "MIG002", "MIG110")
                      for at in marked(ALEMBIC, f"!{rule}"))
        results["alembic: drops, a scratch table, dialect branches, an empty downgrade"] = {
            "want": want, "got": got["expected"]}
        got = run_main(alembic, case("heads", HEADS))
        results["alembic: two heads with the same labels"] = {
            "want": sorted(f"MIG100 {at}" for at in marked(HEADS, "!MIG100")), "got": got["expected"]}
        got = run_main(alembic, case("labelled", LABELLED))
        results["alembic: two heads on labelled lines (near miss)"] = {"want": [], "got": got["expected"]}

        got = run_main(index, case("index", INDEXES))
        results["index: builds that lock a table that existed, and lock_timeout"] = {
            "want": {"indexes": marked(INDEXES, "!index"), "lock_timeout": ["t.py"], "revisions": len(INDEXES)},
            "got": got}

        got = run_main(work, case("work", WORK))
        line = lambda at: int(at.rsplit(":", 1)[1])
        results["work: rows worked under a held ACCESS EXCLUSIVE lock"] = {
            "want": {"locks": {"a.py": line(marked(WORK, "!lock")[0]), "b.py": line(marked(WORK, "!lock")[1]),
                               # the helper's lock is placed at upgrade()'s call of the helper
                               "c.py": line(marked(WORK, "!work")[1]) - 1},
                     "work": {"a.py": [line(marked(WORK, "!work")[0])] * 2,
                              "c.py": [line(marked(WORK, "!work")[1])] * 2},
                     "revisions": 3},
            "got": got}

        got = run_main(work, "--write", case("write-work", WRITE_WORK))
        at = lambda marker, rel: next(line(a) for a in marked(WRITE_WORK, marker) if a.startswith(rel + ":"))
        results["work: rows worked under a held lock that blocks writes (--write)"] = {
            "want": {"locks": {rel: at("!lock", rel) for rel in ("d.py", "e.py", "f.py", "g.py")},
                     "work": {rel: [at("!work", rel)] * 2 for rel in ("d.py", "e.py", "g.py")},
                     "revisions": 4},
            "got": got}

        got = run_main(enums, case("enums", ENUMS))
        spans = lambda marker: {rel: [[int(n), int(n)] for at in marked(ENUMS, marker)
                                      for r, n in [at.rsplit(":", 1)] if r == rel]
                                for rel in sorted({at.rsplit(":", 1)[0] for at in marked(ENUMS, marker)})}
        results["enums: values added in a transaction, and used there"] = {
            "want": {"added": spans("!added"), "uses": spans("!use"), "revisions": len(ENUMS)}, "got": got}

        root = case("sql-load", SQL_LOAD)
        got = run_main(sql_load, root)
        results["sql-load: the files a revision reads, an execute not known statically"] = {
            "want": {"loads": ["sql/v_a.sql", "sql/v_b.sql", "sql/v_c.sql", "sql/v_down.sql", "sql/v_up.sql"],
                     "unread": marked(SQL_LOAD, "!unread"),
                     "revisions": 1},
            "got": got}

        got = run_main(pop, case("pop", POP))
        results["pop: what PostgreSQL runs, and its drops"] = {
            "want": {"runs": ["1_users.up.sql", "2_sessions.postgres.up.sql", "4_audit.pg.up.sql"],
                     "drops": marked(POP, "!drop")},
            "got": got}

        path = os.path.join(tmp, "requirements.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(REQUIREMENTS)
        results["requirements: pip's lines, packaging's requirements"] = {
            "want": REQUIREMENTS_WANT, "got": requirements.read(path)}
    json.dump(results, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
