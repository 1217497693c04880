#!/usr/bin/env python3
"""What Prisma Migrate and Drizzle run, from their own rules, for
test/corpus/js-migrations-layout.test.ts. Shares no code with Slipway.

- Prisma Migrate (schema-engine, `list_migrations`): each folder of the migrations directory is
  one migration, its `migration.sql` the script; folders are applied sorted by name (their
  timestamp prefix); `migration_lock.toml` is not a migration.
- Drizzle (drizzle-orm `readMigrationFiles`): `meta/_journal.json` lists the migrations; for each
  entry, in the journal's order, `<tag>.sql` is read and `split('--> statement-breakpoint')`; each
  piece is sent as a statement of its own.

Prints JSON: {"prisma": [folder, ...] in the order Prisma applies them,
"drizzle": [tag, ...] in journal order, "drops": ["file:line", ...]}: for each Drizzle piece whose
first word (after blank and `--` comment lines) starts a `DROP TABLE`, the file and line where it
starts (what Slipway's MIG001 reports). Usage: js-migrations-oracle.py PRISMA_DIR DRIZZLE_DIR.
"""
import json
import os
import re
import sys

prisma_dir, drizzle_dir = sys.argv[1], sys.argv[2]
prisma = sorted(d for d in os.listdir(prisma_dir)
                if os.path.isfile(os.path.join(prisma_dir, d, "migration.sql")))

with open(os.path.join(drizzle_dir, "meta", "_journal.json"), encoding="utf-8") as f:
    tags = [e["tag"] for e in json.load(f)["entries"]]

drops = []
for tag in tags:
    name = tag + ".sql"
    with open(os.path.join(drizzle_dir, name), encoding="utf-8") as f:
        text = f.read()
    at = 0
    for piece in text.split("--> statement-breakpoint"):
        line = text.count("\n", 0, at) + 1
        for row in piece.split("\n"):
            stripped = row.strip()
            if stripped == "" or stripped.startswith("--"):
                line += 1
                continue
            if re.match(r"drop\s+table\b", stripped, re.I):
                drops.append(f"{name}:{line}")
            break
        at += len(piece) + len("--> statement-breakpoint")

print(json.dumps({"prisma": prisma, "drizzle": tags, "drops": drops}))
