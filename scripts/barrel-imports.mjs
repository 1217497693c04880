// Imports through a barrel, rewritten to the module that defines each name: an esbuild plugin for
// the bundles scripts/build.mjs writes.
//
// policy-core's entry points (`@slipway/policy-core`, `/node`) and its folders' index.ts files
// re-export whole modules. esbuild's code splitting assigns a module to the chunks of every entry
// point that reaches its FILE through import statements, used or not: a command that imports one
// function from a barrel "reaches" every module the barrel re-exports, so every command (and
// `main`, loaded before any command) loaded one shared chunk of over a megabyte — all the rules,
// the parsers, the deploy machinery — before doing anything. An agent's hook pays that start-up
// on every tool call. Rewriting `import { a, b } from '<barrel>'` to `import { a } from
// '<module of a>'; import { b } from '<module of b>'` at load time leaves each command reaching
// what it uses. The sources keep importing by package name; only the bundle's import graph
// changes, and each module is still one instance (the same file, whichever path reached it).
//
// Names are followed with TypeScript's own parser (syntax only): `export * from`, `export { x as y }
// from`, and local declarations. A name not found (a type, a namespace re-export) stays on the
// barrel import, which esbuild drops when nothing of it is a value.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

/** @param {{ barrels: Record<string, string>, isBarrel: (path: string) => boolean, include: RegExp }} o
 *  barrels: bare specifiers that name a barrel (the aliases), to their file; isBarrel: whether a
 *  resolved file is a barrel; include: the files whose imports are rewritten */
export function barrelImports({ barrels, isBarrel, include }) {
  const exportsOf = new Map();
  const parse = (file) =>
    ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const specifierFile = (spec, from) => {
    if (barrels[spec]) return barrels[spec];
    if (!spec.startsWith('.')) return undefined;
    return resolve(dirname(from), spec.replace(/\.js$/, '.ts'));
  };

  /** name -> { file, name } (where it is declared), for the names `file` exports. */
  function table(file) {
    const known = exportsOf.get(file);
    if (known) return known;
    const names = new Map();
    exportsOf.set(file, names);
    const stars = [];
    for (const st of parse(file).statements) {
      if (ts.isExportDeclaration(st)) {
        if (st.isTypeOnly) continue;
        const target = st.moduleSpecifier && specifierFile(st.moduleSpecifier.text, file);
        if (!st.exportClause) {
          if (target) stars.push(target);
        } else if (ts.isNamedExports(st.exportClause)) {
          for (const el of st.exportClause.elements) {
            if (el.isTypeOnly) continue;
            const local = (el.propertyName ?? el.name).text;
            const found = target ? table(target).get(local) : undefined;
            names.set(
              el.name.text,
              found ?? (target ? { file: target, name: local } : { file, name: el.name.text }),
            );
          }
        }
        continue;
      }
      const exported =
        ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (!exported) continue;
      if (ts.isVariableStatement(st))
        for (const d of st.declarationList.declarations) {
          if (ts.isIdentifier(d.name)) names.set(d.name.text, { file, name: d.name.text });
        }
      else if (
        (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) &&
        st.name
      )
        names.set(st.name.text, { file, name: st.name.text });
    }
    // `export *` never overrides a name the module itself exports (the language's own rule).
    for (const target of stars)
      for (const [name, where] of table(target))
        if (name !== 'default' && !names.has(name)) names.set(name, where);
    return names;
  }

  /** The import declarations of `text` that go through a barrel, rewritten; undefined if none. */
  function rewrite(path, text) {
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const edits = [];
    for (const st of source.statements) {
      if (!ts.isImportDeclaration(st) || st.importClause?.isTypeOnly) continue;
      const bindings = st.importClause?.namedBindings;
      if (!bindings || !ts.isNamedImports(bindings) || st.importClause.name) continue;
      const target = specifierFile(st.moduleSpecifier.text, path);
      if (!target || !isBarrel(target)) continue;
      const names = table(target);
      const kept = [];
      const types = [];
      const moved = new Map();
      for (const el of bindings.elements) {
        // A type goes to an `import type`, which esbuild removes with its import record (a value
        // import it drops as unused still counts as reaching the barrel's file, and all it reaches).
        if (el.isTypeOnly) {
          types.push(el.getText(source).replace(/^type\s+/, ''));
          continue;
        }
        const where = names.get((el.propertyName ?? el.name).text);
        if (!where || where.file === target) {
          kept.push(el.getText(source));
          continue;
        }
        const list = moved.get(where.file) ?? [];
        list.push(where.name === el.name.text ? where.name : `${where.name} as ${el.name.text}`);
        moved.set(where.file, list);
      }
      if (moved.size === 0 && types.length === 0) continue;
      const from = JSON.stringify(st.moduleSpecifier.text);
      const parts = [...moved].map(
        ([file, list]) => `import { ${list.join(', ')} } from ${JSON.stringify(file)};`,
      );
      if (kept.length > 0) parts.push(`import { ${kept.join(', ')} } from ${from};`);
      if (types.length > 0) parts.push(`import type { ${types.join(', ')} } from ${from};`);
      // The same number of lines: source maps and stack traces keep pointing at the right line.
      const original = text.slice(st.getStart(source), st.getEnd());
      const lines = original.split('\n').length - 1;
      edits.push({
        start: st.getStart(source),
        end: st.getEnd(),
        text: parts.join(' ') + '\n'.repeat(lines),
      });
    }
    if (edits.length === 0) return undefined;
    let out = text;
    for (const e of edits.reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    return out;
  }

  return {
    name: 'slipway-barrel-imports',
    setup(build) {
      build.onLoad({ filter: include }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        const out = rewrite(args.path, text);
        return out === undefined
          ? undefined
          : { contents: out, loader: 'ts', resolveDir: dirname(args.path) };
      });
    },
  };
}

/** policy-core's barrels: its entry points and every folder's index.ts. */
export function policyCoreBarrels(core) {
  return {
    barrels: {
      '@slipway/policy-core': join(core, 'index.ts'),
      '@slipway/policy-core/node': join(core, 'node/index.ts'),
    },
    isBarrel: (path) => path.startsWith(core) && path.endsWith('/index.ts'),
    include: /\/packages\/[a-z-]+\/src\/.*\.ts$/,
  };
}
