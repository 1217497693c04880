import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { CLI } from '../../../../test/helpers/cli.js';

// An agent's hook runs `slipway hook` before every tool call: what it loads is paid each time.
// The built bundle is read as Node loads it: the entry, main, the hook command, and (for a call
// that needs judging) the gate's engine, each with what it imports statically. A rule family other
// than paths, caps and branches loads only when a written path concerns it (rules/load-families.ts),
// the parsers and the migration analyzer only for a migration.

/** A file of the bundle and every file it imports statically (not `import(…)`), transitively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const m of code.matchAll(/import\s*(?:[\w${}\s,*]+from\s*)?"(\.\/[^"]+\.mjs)"/g))
    staticClosure(join(dirname(file), m[1] as string), seen);
  return seen;
}

const text = (files: Set<string>) => [...files].map((f) => readFileSync(f, 'utf8')).join('\n');
const bytes = (files: Set<string>) => [...files].reduce((n, f) => n + readFileSync(f).length, 0);
/** The chunk `code` imports on demand under `name` (`main`, `hook`, …). */
function onDemand(code: string, from: string, name: string): string {
  const m = new RegExp(`import\\("(\\./(?:chunks/)?${name}-[^"]+\\.mjs)"\\)`).exec(code);
  expect(m, `${name} imported on demand`).not.toBeNull();
  return join(dirname(from), (m as RegExpExecArray)[1] as string);
}

/** The chunk one of `files` imports on demand under `name`. */
function onDemandFrom(files: Set<string>, name: string): string {
  const from = [...files].find((f) => new RegExp(`import\\("\\./${name}-`).test(readFileSync(f, 'utf8')));
  expect(from, `${name} imported on demand`).toBeDefined();
  return onDemand(readFileSync(from as string, 'utf8'), from as string, name);
}

/** The chunks `slipway hook` loads on demand before judging: main, then the hook command. */
function hookChunks(): { main: string; hook: string } {
  const main = onDemand(readFileSync(CLI, 'utf8'), CLI, 'main');
  return { main, hook: onDemand(readFileSync(main, 'utf8'), main, 'hook') };
}

// Titles only each rule's own file holds.
const MIG001 = 'drop table in a migration';
const DEP001 = 'requirement not pinned';
const AUD001 = 'audit log line is malformed or torn';
const PATH001 = 'protected path changed without the approval label';
const AGT001 = 'agent change touches more files than agents.limits.files';
const BR001 = 'agent committed directly to the production branch';
/** Words of the migration analyzer's (migrations/refused-file.ts). */
const MIGRATION_READER_MARK = 'one JavaScript or TypeScript migration';
/** A message of pip's requirements parser (requirements/requirements-file.ts). */
const PIP_PARSER_MARK = 'pip cannot read this option';
/** A message of the shell reader's (agent-gate/shell/parse-shell.ts). */
const SHELL_READER_MARK = 'the command nests too deeply for the shell parser';
/** A message of the YAML parser's: the policy is read only once a call needs judging. */
const YAML_MARK = 'Implicit keys need to be on a single line';

it('the hook command starts without the engine; the engine loads the families every write needs, the rest on demand', () => {
  const { main, hook } = hookChunks();
  const startup = staticClosure(hook, staticClosure(main, staticClosure(CLI)));
  // A read, or `git status`: answered from what the command loads before the engine.
  expect(text(startup)).not.toContain(YAML_MARK);
  expect(bytes(startup)).toBeLessThan(100_000);

  const judge = onDemand(readFileSync(hook, 'utf8'), hook, 'judge-and-log');
  const engine = staticClosure(judge);
  const engineText = text(engine);
  expect(engineText).toContain(YAML_MARK);
  // Paths, caps and branches run on every call judged (gateFamilyIds): loaded with the engine.
  for (const title of [PATH001, AGT001, BR001]) expect(engineText).toContain(title);
  // The families only some writes concern, and the migration reader (the workspace makes its
  // caches on first use), are not: a write to docs loads none of them.
  for (const title of [MIG001, DEP001, AUD001]) expect(engineText).not.toContain(title);
  expect(engineText).not.toContain(MIGRATION_READER_MARK);
  // The check's migration support, which the gate does not load, holds it: the mark is real.
  const support = onDemandFrom(engine, 'migration-support');
  expect(text(staticClosure(support))).toContain(MIGRATION_READER_MARK);
  // Nor the shell reader: a Write or an Edit, the calls an agent makes most, never parses a
  // command; its chunk, loaded for a shell command, holds the mark.
  expect(engineText).not.toContain(SHELL_READER_MARK);
  const shell = onDemandFrom(engine, 'judge-shell');
  expect(text(staticClosure(shell))).toContain(SHELL_READER_MARK);
  // Nor the dependency readers (pip's parser, pyproject.toml, locks): the gate loads them only
  // under a policy with dependency pairs (rules/dependency-readers.ts). Their chunk holds the mark.
  expect(engineText).not.toContain(PIP_PARSER_MARK);
  const readers = onDemandFrom(engine, 'dependency-reader-set');
  expect(text(staticClosure(readers))).toContain(PIP_PARSER_MARK);
});

it('no file the hook loads imports node:crypto statically: a path-only call never hashes', () => {
  // An ESM import of a builtin evaluates its whole namespace: node:crypto brings WebCrypto and
  // some twenty internal modules, compiled on every tool call. The gate hashes through
  // nativeSha256, which loads crypto on the first hash.
  const { main, hook } = hookChunks();
  const judge = onDemand(readFileSync(hook, 'utf8'), hook, 'judge-and-log');
  const loaded = staticClosure(judge, staticClosure(hook, staticClosure(main, staticClosure(CLI))));
  expect(text(loaded)).toContain('node:child_process');
  expect(text(loaded)).not.toMatch(/from\s*"node:crypto"/);
});
