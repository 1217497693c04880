#!/usr/bin/env python3
"""Which files the revisions of an Alembic version folder read and run, by CPython's own parser.

An independent reading for test/corpus/alembic-sql-load.test.ts: each revision's upgrade() and
downgrade() (and the module-level functions they call) are walked with `ast`, and the argument of
every `op.execute(...)` / `<connection>.execute(...)` is evaluated by a small interpreter whose
strings and paths are Python's own (`str`, `posixpath`, `pathlib.PurePosixPath`): a literal, a
name bound earlier, `__file__`, `+`, `/`, `os.path.*`, `Path(...)`, string methods, f-strings,
lists and tuples, `open(p)` and its `.read()`, `.read_text()`, `sa.text(...)`, `with ... as f`, a
helper's `return`, and a `for` loop over a list or tuple (its body run once per element).
Nothing is run and no file is opened. Prints JSON: the files read (relative to VERSIONS_DIR),
the `path:line` of each execute whose SQL is not known statically, and the revision count.
Shares no code with Slipway.

Usage: alembic-sql-load-oracle.py VERSIONS_DIR
"""
import ast
import json
import os
import posixpath
import sys
from pathlib import PurePosixPath

ROOT = "/versions"  # where the folder is taken to be: paths stay inside a made-up absolute root


class Unknown(Exception):
    """A value the revision computes at run time."""


class Opened:
    def __init__(self, path):
        self.path = path


class Text:
    """The text of a file: what running it executes."""

    def __init__(self, path):
        self.path = posixpath.normpath(str(path))


OS_PATH = {
    "join": posixpath.join, "dirname": posixpath.dirname, "basename": posixpath.basename,
    "abspath": posixpath.normpath, "realpath": posixpath.normpath, "normpath": posixpath.normpath,
    "splitext": posixpath.splitext,
}
STR_METHODS = {"rsplit", "split", "replace", "strip", "lower", "format"}


def dotted(node):
    try:
        return ast.unparse(node)
    except Exception:
        return ""


class Module:
    def __init__(self, path, tree):
        self.file = posixpath.join(ROOT, path)
        self.functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
        self.names = {}
        run_block(tree.body, self.names, self, None)


def evaluate(node, env, module):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id == "__file__":
            return module.file
        if node.id in env and env[node.id] is not Unknown:
            return env[node.id]
        raise Unknown(node.id)
    if isinstance(node, ast.BinOp):
        left, right = evaluate(node.left, env, module), evaluate(node.right, env, module)
        if isinstance(node.op, ast.Add) and isinstance(left, str) and isinstance(right, str):
            return left + right
        if isinstance(node.op, ast.Div) and isinstance(left, PurePosixPath):
            return left / right
        raise Unknown("operator")
    if isinstance(node, ast.Attribute):
        value = evaluate(node.value, env, module)
        if isinstance(value, PurePosixPath) and node.attr in ("parent", "name", "stem", "suffix"):
            return getattr(value, node.attr)
        raise Unknown(node.attr)
    if isinstance(node, ast.Call):
        return call(node, env, module)
    if isinstance(node, (ast.List, ast.Tuple)):
        if any(isinstance(e, ast.Starred) for e in node.elts):
            raise Unknown("*items")
        items = [evaluate(e, env, module) for e in node.elts]
        return items if isinstance(node, ast.List) else tuple(items)
    if isinstance(node, ast.JoinedStr):
        return "".join(formatted(v, env, module) for v in node.values)
    raise Unknown(type(node).__name__)


def formatted(node, env, module):
    """One part of an f-string, as Python formats it."""
    if isinstance(node, ast.Constant):
        return node.value
    value = evaluate(node.value, env, module)
    if isinstance(value, (Opened, Text)):
        raise Unknown("a file in an f-string")
    convert = {-1: lambda v: v, 115: str, 114: repr, 97: ascii}[node.conversion]
    spec = evaluate(node.format_spec, env, module) if node.format_spec is not None else ""
    return format(convert(value), spec)


def call(node, env, module):
    name = dotted(node.func)
    if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
        raise Unknown("*args")
    args = [evaluate(a, env, module) for a in node.args]
    kwargs = {k.arg: evaluate(k.value, env, module) for k in node.keywords}
    short = name.rsplit(".", 1)[-1]
    if name.startswith(("os.path.", "path.")) and short in OS_PATH:
        return OS_PATH[short](*[str(a) for a in args])
    if name in ("Path", "pathlib.Path", "PurePath"):
        return PurePosixPath(*[str(a) for a in args])
    if name in ("open", "io.open"):
        return Opened(str(args[0] if args else kwargs["file"]))
    if short == "text" and args and isinstance(args[0], Text):
        return args[0]
    if isinstance(node.func, ast.Attribute):
        obj = evaluate(node.func.value, env, module)
        attr = node.func.attr
        if isinstance(obj, Opened) and attr == "read":
            return Text(obj.path)
        if isinstance(obj, PurePosixPath):
            if attr == "read_text":
                return Text(obj)
            if attr == "open":
                return Opened(str(obj))
            if attr in ("with_suffix", "joinpath", "resolve", "absolute"):
                return getattr(obj, attr)(*args) if attr != "resolve" else obj
        if isinstance(obj, str) and attr in STR_METHODS:
            return getattr(obj, attr)(*args, **kwargs)
        raise Unknown(attr)
    if isinstance(node.func, ast.Name) and node.func.id in module.functions:
        return helper(module.functions[node.func.id], args, kwargs, module)
    raise Unknown(name)


def parameters(fn, args, kwargs, module):
    """The helper's names as one call binds them: the module's, then its parameters."""
    env = dict(module.names)
    params = fn.args.args
    defaults = fn.args.defaults
    for i, p in enumerate(params):
        if i < len(args):
            env[p.arg] = args[i]
        elif p.arg in kwargs:
            env[p.arg] = kwargs[p.arg]
        elif i >= len(params) - len(defaults):
            env[p.arg] = evaluate(defaults[i - (len(params) - len(defaults))], env, module)
        else:
            env[p.arg] = Unknown
    return env


def helper(fn, args, kwargs, module):
    env = parameters(fn, args, kwargs, module)
    returned = []
    run_block(fn.body, env, module, returned)
    if len(returned) != 1 or returned[0] is Unknown:
        raise Unknown("return")
    return returned[0]


def bind(target, value, env):
    if isinstance(target, ast.Name):
        env[target.id] = value
    elif isinstance(target, (ast.Tuple, ast.List)):
        items = list(value) if isinstance(value, (tuple, list)) else None
        for i, t in enumerate(target.elts):
            bind(t, items[i] if items is not None and i < len(items) else Unknown, env)


def run_block(body, env, module, returned, calls=None):
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)):
            continue
        if isinstance(stmt, ast.Assign):
            try:
                value = evaluate(stmt.value, env, module)
            except Unknown:
                value = Unknown
            for t in stmt.targets:
                bind(t, value, env)
            continue
        if isinstance(stmt, ast.With):
            for item in stmt.items:
                if item.optional_vars is not None:
                    try:
                        value = evaluate(item.context_expr, env, module)
                    except Unknown:
                        value = Unknown
                    bind(item.optional_vars, value, env)
            run_block(stmt.body, env, module, returned, calls=calls)
            continue
        if isinstance(stmt, ast.Return) and returned is not None:
            try:
                returned.append(evaluate(stmt.value, env, module) if stmt.value else None)
            except Unknown:
                returned.append(Unknown)
            continue
        if isinstance(stmt, ast.For):
            try:
                items = evaluate(stmt.iter, env, module)
            except Unknown:
                items = Unknown
            # A list or tuple known here: the body runs once per element, as Python runs it.
            for item in items if isinstance(items, (list, tuple)) else [Unknown]:
                bind(stmt.target, item, env)
                run_block(stmt.body, env, module, returned, calls=calls)
            continue
        if isinstance(stmt, ast.While):
            run_block(stmt.body, env, module, returned, calls=calls)
            continue
        if isinstance(stmt, ast.If):
            run_block(stmt.body, env, module, returned, calls=calls)
            run_block(stmt.orelse, env, module, returned, calls=calls)
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and calls is not None:
            calls.append((stmt.value, dict(env)))


def executes(module, fn, env, seen):
    """The execute calls a function runs, with the names bound where each is made."""
    calls = []
    run_block(fn.body, env, module, [], calls=calls)
    out = []
    for node, at in calls:
        name = dotted(node.func)
        if name.endswith(".execute") and (name == "op.execute" or "get_bind" in name or "conn" in name):
            out.append((node, at))
        elif isinstance(node.func, ast.Name) and node.func.id in module.functions and node.func.id not in seen:
            # A helper that runs the SQL itself: its executes, with its parameters bound by this call.
            inner = module.functions[node.func.id]
            try:
                args = [evaluate(a, at, module) for a in node.args]
                kwargs = {k.arg: evaluate(k.value, at, module) for k in node.keywords}
                bound = parameters(inner, args, kwargs, module)
            except Unknown:
                bound = {**module.names, **{p.arg: Unknown for p in inner.args.args}}
            out.extend(executes(module, inner, bound, seen | {node.func.id}))
    return out


def main(versions):
    loads, unread, revisions = set(), [], 0
    for name in sorted(os.listdir(versions)):
        if not name.endswith(".py") or name == "__init__.py":
            continue
        tree = ast.parse(open(os.path.join(versions, name), encoding="utf-8").read())
        if not any(isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "revision" for t in s.targets) for s in tree.body):
            continue
        revisions += 1
        module = Module(name, tree)
        for fname in ("upgrade", "downgrade"):
            fn = module.functions.get(fname)
            if fn is None:
                continue
            for node, env in executes(module, fn, dict(module.names), {fname}):
                arg = node.args[0] if node.args else None
                try:
                    value = evaluate(arg, env, module) if arg is not None else Unknown
                except Unknown:
                    value = Unknown
                if isinstance(value, Text):
                    loads.add(posixpath.relpath(value.path, ROOT))
                elif not isinstance(value, str):
                    unread.append(f"{name}:{node.lineno}")
    print(json.dumps({"loads": sorted(loads), "unread": sorted(set(unread)), "revisions": revisions}))


if __name__ == "__main__":
    main(sys.argv[1])
