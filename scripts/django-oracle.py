#!/usr/bin/env python3
"""Oracle for Slipway's reader of Django migrations, on CPython's own parser (ast), no Django import.

Usage: django-oracle.py <app migrations folder>...

Prints JSON, by folder (each one app, labelled by the folder holding `migrations/`): for each migration file of the folder (Django's MigrationLoader loads every module
of the package whose name does not start with `_` or `~`: django/db/migrations/loader.py,
load_disk), its name, its `dependencies` as [app, name] pairs (a swappable_dependency names a
setting, not a migration: left out), `replaces`, `run_before`, `atomic` (Migration.atomic, default
True: django/db/migrations/migration.py), and its operations in order as
"<line> <Class> <model> <field>" (SeparateDatabaseAndState contributes its database_operations
only, which is all it runs: django/db/migrations/operations/special.py, database_forwards); and the
destructive steps with the table Django names (Options.contribute_to_class:
db_table = "%s_%s" % (app_label, model_name), model_name = object_name.lower(), unless
options["db_table"]; ForeignKey's column is "<name>_id": Field.get_attname) as
"<line> drop_table <table>" / "<line> drop_column <table>.<column>".

Also, by migration, "model_imports": each use of an imported model in a function RunPython runs
(its code and reverse_code, a functools.partial's function, and the module-level functions those
call, each function once), as "<line> <function> <model>": `<Model>.objects` (or `_default_manager`, `_base_manager`)
whose leftmost name is imported (at module level or in the function) and not bound by the function
itself (a parameter, an assignment of any form, the walrus, a loop or `with` target, a nested def
or class). A call of an imported name is not counted (as django-migration-linter, which matches
`X.objects`): a helper or a TextChoices class of a models module is called the same way. Django's MigrationLoader hands RunPython the historical models
only through `apps` (django/db/migrations/operations/special.py: RunPython.database_forwards calls
`self.code(from_state.apps, schema_editor)`); an imported class is the current model.
"""
import ast
import json
import os
import sys


def lit(node):
    try:
        return ast.literal_eval(node)
    except Exception:
        return None


def kw(call, name, pos):
    for k in call.keywords:
        if k.arg == name:
            return k.value
    return call.args[pos] if len(call.args) > pos else None


def callee(call):
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None


def migration_class(tree):
    found = None
    for stmt in tree.body:
        if isinstance(stmt, ast.ClassDef) and stmt.name == "Migration":
            found = stmt
    return found


def refs(node):
    out = []
    if isinstance(node, (ast.List, ast.Tuple)):
        for e in node.elts:
            v = lit(e)
            if isinstance(v, tuple) and len(v) == 2 and all(isinstance(x, str) for x in v):
                out.append(list(v))
    return out


def main():
    json.dump({f: read_app(f) for f in sys.argv[1:]}, sys.stdout, indent=1, sort_keys=True)


def read_app(folder):
    app = os.path.basename(os.path.dirname(os.path.abspath(folder)))
    files = sorted(
        f for f in os.listdir(folder) if f.endswith(".py") and not f.startswith("_") and not f.startswith("~")
    )
    tables = {}  # lowercased model name -> table, replayed in file order
    columns = {}  # (model, field) -> column
    out = []
    for f in files:
        src = open(os.path.join(folder, f), encoding="utf-8").read()
        tree = ast.parse(src)
        cls = migration_class(tree)
        entry = {"name": f[:-3], "dependencies": [], "replaces": [], "run_before": [], "atomic": True,
                 "operations": [], "destructive": [], "model_imports": []}
        run_pythons = []
        out.append(entry)
        if cls is None:
            continue
        ops = None
        for stmt in cls.body:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                name = stmt.targets[0].id
                if name == "dependencies":
                    entry["dependencies"] = refs(stmt.value)
                elif name == "replaces":
                    entry["replaces"] = refs(stmt.value)
                elif name == "run_before":
                    entry["run_before"] = refs(stmt.value)
                elif name == "atomic":
                    entry["atomic"] = lit(stmt.value) is not False
                elif name == "operations":
                    ops = stmt.value

        def table_of(model):
            return tables.get(model.lower(), "%s_%s" % (app, model.lower()))

        def walk(items, record):
            for call in items:
                if not isinstance(call, ast.Call):
                    continue
                c = callee(call)
                if c == "SeparateDatabaseAndState":
                    db = kw(call, "database_operations", 0)
                    walk(db.elts if isinstance(db, (ast.List, ast.Tuple)) else [], record)
                    st = kw(call, "state_operations", 1)
                    walk(st.elts if isinstance(st, (ast.List, ast.Tuple)) else [], False)
                    continue
                model = lit(kw(call, "model_name", 0)) if c in ("AddField", "RemoveField", "AlterField", "RenameField") \
                    else lit(kw(call, "name", 0)) if c in ("CreateModel", "DeleteModel") else None
                field = lit(kw(call, "name", 1)) if c in ("AddField", "RemoveField", "AlterField") else None
                if record and c == "RunPython":
                    run_pythons.append(call)
                if record:
                    entry["operations"].append(" ".join(str(x) for x in (call.lineno, c, model or "", field or "")).strip())
                if c == "CreateModel" and isinstance(model, str):
                    opts = kw(call, "options", 2)
                    o = lit(opts) if opts is not None else None
                    db_table = o.get("db_table") if isinstance(o, dict) else None
                    tables[model.lower()] = db_table or "%s_%s" % (app, model.lower())
                    fields = kw(call, "fields", 1)
                    for pair in fields.elts if isinstance(fields, (ast.List, ast.Tuple)) else []:
                        if isinstance(pair, ast.Tuple) and len(pair.elts) == 2:
                            fname = lit(pair.elts[0])
                            fcall = pair.elts[1]
                            if isinstance(fname, str) and isinstance(fcall, ast.Call):
                                columns[(model.lower(), fname)] = column_of(fname, fcall)
                elif c in ("AddField", "AlterField") and isinstance(model, str) and isinstance(field, str):
                    fcall = kw(call, "field", 2)
                    if isinstance(fcall, ast.Call):
                        columns[(model.lower(), field)] = column_of(field, fcall)
                elif c == "DeleteModel" and isinstance(model, str):
                    if record:
                        entry["destructive"].append("%d drop_table %s" % (call.lineno, table_of(model)))
                    tables.pop(model.lower(), None)
                elif c == "RemoveField" and isinstance(model, str) and isinstance(field, str):
                    col = columns.get((model.lower(), field), field)
                    if record and col is not None:
                        entry["destructive"].append("%d drop_column %s.%s" % (call.lineno, table_of(model), col))

        if isinstance(ops, (ast.List, ast.Tuple)):
            walk(ops.elts, True)
        entry["model_imports"] = model_imports(tree, run_pythons)
    return {"app": app, "migrations": out}


MANAGERS = ("objects", "_default_manager", "_base_manager")


def imported(stmt):
    """What one import statement binds: local name -> dotted path."""
    out = {}
    if isinstance(stmt, ast.ImportFrom):
        base = "." * (stmt.level or 0) + (stmt.module or "")
        for a in stmt.names:
            out[a.asname or a.name] = base + "." + a.name
    elif isinstance(stmt, ast.Import):
        for a in stmt.names:
            out[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
    return out


def function_name(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Call) and callee(node) == "partial" and node.args:
        return function_name(node.args[0])
    return None


def model_imports(tree, run_pythons):
    functions = {s.name: s for s in tree.body if isinstance(s, ast.FunctionDef)}
    imports = {}
    for s in tree.body:
        imports.update(imported(s))
    out = []
    for call in run_pythons:
        queue = [function_name(kw(call, "code", 0)), function_name(kw(call, "reverse_code", 1))]
        seen = set()
        while queue:
            name = queue.pop(0)
            fn = functions.get(name)
            if fn is None or name in seen:
                continue
            seen.add(name)
            local_imports = {}
            for n in ast.walk(fn):
                local_imports.update(imported(n))
            locals_ = set()
            for n in ast.walk(fn):
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
                    locals_.add(n.id)
                elif isinstance(n, ast.arg):
                    locals_.add(n.arg)
                elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n is not fn:
                    locals_.add(n.name)
            known = dict(imports, **local_imports)
            for n in ast.walk(fn):
                if isinstance(n, ast.Attribute) and n.attr in MANAGERS:
                    parts, v = [], n.value
                    while isinstance(v, ast.Attribute):
                        parts.insert(0, v.attr)
                        v = v.value
                    if isinstance(v, ast.Name) and v.id in known and v.id not in locals_:
                        out.append("%d %s %s" % (n.lineno, name, ".".join([v.id] + parts)))
                elif isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id not in locals_:
                    if n.func.id in functions:
                        queue.append(n.func.id)
    return sorted(out, key=lambda x: (int(x.split()[0]), x))


def column_of(name, fcall):
    """Field.get_attname_column: db_column, else the attname ("<name>_id" for a relation)."""
    c = callee(fcall)
    db_column = lit(kw(fcall, "db_column", 99))
    if isinstance(db_column, str):
        return db_column
    if c == "ManyToManyField":
        return None
    return name + "_id" if c in ("ForeignKey", "OneToOneField") else name


if __name__ == "__main__":
    main()
