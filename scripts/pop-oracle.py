#!/usr/bin/env python3
"""Which .sql files gobuffalo/pop runs forward on PostgreSQL, from pop's own rules, for
test/corpus/pop-layout.test.ts. Shares no code with Slipway.

pop's rules, as its source states them (github.com/gobuffalo/pop, v6; read at c9b1c55d):
- a migration file is named `<version>_<name>[.<dialect>].<up|down>.<sql|fizz>` (migrator.go's
  `mrx`: `^(\\d+)_([^.]+)(\\.[a-z0-9]+)?\\.(up|down)\\.(sql|fizz)$`); any other file is not one;
- the dialect is read through its synonyms (pop.go `CanonicalDialect` over `dialectSynonyms`, filled
  by dialect_postgresql.go: postgresql, pg, pgx -> postgres; dialect_cockroach.go: cockroachdb,
  crdb -> cockroach; dialect_sqlite.go: sqlite -> sqlite3); no dialect is `all`;
- the up migrations run in version order, a version's dialect file before its `all` one
  (migration_info.go `UpMigrations.Less`: "force 'all' to the back"); migrator.go
  (`migrationIsCompatible`) skips a file of another dialect, and a version once it is applied:
  where a version has a postgres file, its `all` file never runs on PostgreSQL.
The folder is walked with its subfolders; versions are compared as strings.
Ory's popx (github.com/ory/x popx/match.go, `MigrationFileRegexp`) adds an optional `.autocommit`
part before the direction: `^(\\d+)_([^.]+)(\\.[a-z0-9]+)?(\\.autocommit)?\\.(up|down)\\.(sql)$`,
and its parseMigrationFilename reads `.autocommit` caught in the dialect's group as no dialect
(`all`) with autocommit: `<v>_<n>.autocommit.up.sql` is generic, `<v>_<n>.cockroach.autocommit.up.sql`
CockroachDB's.

Prints JSON: {"runs": [path, ...], "drops": ["path:line", ...]}: the up .sql files PostgreSQL
runs, and each `DROP TABLE` line in them of a table the file did not create before it (what
Slipway's MIG001 reports). Usage: pop-oracle.py MIGRATIONS_DIR (paths relative to it).
"""
import json
import os
import re
import sys

MRX = re.compile(r"^(\d+)_([^.]+)(\.[a-z0-9]+)?(\.autocommit)?\.(up|down)\.(sql|fizz)$")
SYNONYMS = {"postgresql": "postgres", "pg": "postgres", "pgx": "postgres",
            "cockroachdb": "cockroach", "crdb": "cockroach", "sqlite": "sqlite3"}


def migrations(root):
    for dirpath, _, names in os.walk(root):
        for name in sorted(names):
            m = MRX.match(name)
            if m:
                raw = m.group(3)
                named = raw and raw != ".autocommit"
                dialect = SYNONYMS.get(raw[1:], raw[1:]) if named else "all"
                rel = os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/")
                yield {"path": rel, "version": m.group(1), "dialect": dialect,
                       "direction": m.group(5), "type": m.group(6)}


def main():
    root = sys.argv[1]
    ups = [m for m in migrations(root) if m["direction"] == "up"]
    ups.sort(key=lambda m: (m["version"], m["dialect"] == "all"))
    applied, runs = set(), []
    for m in ups:
        if m["dialect"] not in ("all", "postgres") or m["version"] in applied:
            continue
        applied.add(m["version"])
        runs.append(m)
    drops = []
    for m in runs:
        if m["type"] != "sql":
            continue
        created = set()
        with open(os.path.join(root, m["path"]), encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                made = re.match(r"\s*CREATE\s+TABLE\s+(\w+)", line, re.IGNORECASE)
                if made:
                    created.add(made.group(1).lower())
                dropped = re.match(r"\s*DROP\s+TABLE\s+(\w+)", line, re.IGNORECASE)
                if dropped and dropped.group(1).lower() not in created:
                    drops.append(f"{m['path']}:{number}")
    print(json.dumps({"runs": sorted(m["path"] for m in runs), "drops": sorted(drops)}))


if __name__ == "__main__":
    main()
