import type { Range } from '../finding.js';
import type { RepoView } from '../repo.js';
import type { FunctionFacts, MigrationModule } from './alembic-module.js';
import { pastLimit } from './refused-file.js';
import type { SchemaOp } from './schema-op.js';
import { MODULE_FILE } from './sql-load.js';
import type { SqlLoadTarget } from './sql-load-target.js';
import { unread } from './sql-text.js';

// The files a revision reads and runs (`op.execute(open(path).read())`, sql-load.ts) belong to
// that revision: their statements take the place of the call in its upgrade() or downgrade(),
// so every MIG rule judges them as the revision runs them (inside its transaction, after what
// it did before). Findings about a statement sit on the statement, in the .sql file, where the
// diff shows it and a `-- slipway: allow` beside it applies; each names the revision and its
// call. A call whose file cannot be judged (outside the repository, missing, unreadable, past
// the SQL size limit) is one error at the call that names the revision and the path.

/** Which files the history's revisions load, both ways round. */
export interface SqlLoads {
  /** Repository paths each revision loads, by the revision's path. */
  byModule: Map<string, string[]>;
  /** The revisions that load each file, by the file's path. */
  byFile: Map<string, string[]>;
}

/** What loading one call's file came to. */
export type LoadResult =
  /** The file's statements. */
  | { path: string; ops: SchemaOp[] }
  /** A message for the call: `refused` when it names a file Slipway would not or could not read. */
  | { path?: string; message: string; refused: boolean };

/** What resolving needs: the repository, and the analyzer's reader of a file's statements. */
export interface LoadReader {
  repo: RepoView;
  ops(path: string, text: string): SchemaOp[];
  /** Files by base name, built on first use (a package resource is found by its path's end). */
  byBaseName?: Map<string, string[]>;
}

const folderParts = (path: string) => path.split('/').slice(0, -1);
const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

type Resolved = { path: string } | { outside: string } | { unresolved: string };

/**
 * `parts` after `start`, `..` applied. `above` counts the `..` that climb above the repository's
 * top: such a path is outside it, shown as `../x.sql`.
 */
function walk(start: string[], parts: readonly string[], module: string): { parts: string[]; above: number } {
  const out = [...start];
  let above = 0;
  for (const part of parts) {
    if (part === '..') {
      if (out.length === 0) above++;
      else out.pop();
    } else if (part === MODULE_FILE) out.push(baseName(module));
    else if (part !== '.' && part !== '') out.push(part);
  }
  return { parts: out, above };
}

/** `parts` after `start` as a path in the repository; undefined when it climbs out of it. */
function normalise(start: string[], parts: readonly string[], module: string): string[] | undefined {
  const w = walk(start, parts, module);
  return w.above > 0 ? undefined : w.parts;
}

/** A path that climbs out of the repository, as a person would write it from the top: `../x.sql`. */
function shownOutside(start: string[], parts: readonly string[], module: string): string {
  const w = walk(start, parts, module);
  return [...Array<string>(w.above).fill('..'), ...w.parts].join('/');
}

/** A target as a repository path. A relative literal is read from the repository's top. */
function resolve(target: SqlLoadTarget, module: string, reader: LoadReader): Resolved {
  if (target.kind === 'unresolved') return { unresolved: target.reason };
  if (target.kind === 'file') {
    if (target.from === 'absolute') return { outside: `/${target.parts.join('/')}` };
    const start = target.from === 'module' ? folderParts(module) : [];
    const parts = normalise(start, target.parts, module);
    return parts === undefined || parts.length === 0
      ? { outside: shownOutside(start, target.parts, module) }
      : { path: parts.join('/') };
  }
  // A package's file: the revision's own package, or a listed file whose path ends in the
  // package's folder and the name. More than one such file: which one Python imports is not known.
  if (target.pkg === '') {
    const parts = normalise(folderParts(module), target.parts, module);
    return parts === undefined
      ? { outside: shownOutside(folderParts(module), target.parts, module) }
      : { path: parts.join('/') };
  }
  const tail = normalise(target.pkg.split('.'), target.parts, module);
  if (tail === undefined || tail.length === 0) return { outside: target.written };
  const suffix = tail.join('/');
  reader.byBaseName ??= indexByBaseName(reader.repo.listFiles());
  const found = (reader.byBaseName.get(baseName(suffix)) ?? []).filter(
    (p) => p === suffix || p.endsWith(`/${suffix}`),
  );
  if (found.length === 1) return { path: found[0] as string };
  if (found.length === 0) return { path: suffix };
  return { unresolved: `more than one file is ${suffix} of a package: ${found.slice(0, 3).join(', ')}` };
}

function indexByBaseName(files: readonly string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const f of files) {
    const b = baseName(f);
    const list = map.get(b);
    if (list) list.push(f);
    else map.set(b, [f]);
  }
  return map;
}

/** What one call's file comes to. */
function loadOne(target: SqlLoadTarget, module: MigrationModule, reader: LoadReader): LoadResult {
  const who = `Revision ${module.revision?.value ?? module.path}`;
  const where = resolve(target, module.path, reader);
  if ('unresolved' in where)
    return {
      message: `${who} runs a file read by \`${target.written}\`, and Slipway cannot tell which file statically (${where.unresolved}); name the file with a literal path beside the revision so its SQL can be checked, or review it by hand.`,
      refused: false,
    };
  if ('outside' in where)
    return {
      message: `${who} runs the SQL in ${where.outside} (read by \`${target.written}\`), which is outside the repository, so Slipway cannot check it; keep the file in the repository beside the revision.`,
      refused: true,
    };
  const { path } = where;
  const text = reader.repo.readFile(path);
  if (text === undefined) {
    const why = reader.repo.whyUnread?.(path);
    return {
      path,
      message: why
        ? `${who} runs the SQL in ${path}, which Slipway did not read: ${why}.`
        : `${who} runs the SQL in ${path}, which is not in the repository (read by \`${target.written}\`); add the file or fix the path, as the revision fails without it.`,
      refused: true,
    };
  }
  const limit = pastLimit(path, text, 'sql');
  if (limit) return { path, message: `${who} runs the SQL in ${path}, unchecked: ${limit}`, refused: true };
  return { path, ops: reader.ops(path, text) };
}

/** The results of every load a revision makes, upgrade()'s first, in source order. */
export function loadsOf(module: MigrationModule, reader: LoadReader): LoadResult[] {
  const out: LoadResult[] = [];
  for (const fn of [module.upgrade, module.downgrade])
    for (const op of fn?.ops ?? []) if (op.load) out.push(loadOne(op.load, module, reader));
  return out;
}

/** Two results lists stand for the same spliced module: same files, same ops, same messages. */
export function sameResults(a: readonly LoadResult[], b: readonly LoadResult[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as LoadResult;
    const y = b[i] as LoadResult;
    if (x.path !== y.path) return false;
    if ('ops' in x ? !('ops' in y) || x.ops !== y.ops : 'ops' in y || x.message !== y.message) return false;
  }
  return true;
}

/**
 * The revision with each load replaced by what it came to: the file's statements, placed in the
 * file and marked with the call that runs them, or one unread op at the call. A COMMIT in the
 * file ends the revision's transaction for the file's later statements, as a literal's would.
 */
export function withLoads(module: MigrationModule, results: readonly LoadResult[]): MigrationModule {
  let next = 0;
  const splice = (fn: FunctionFacts | undefined): FunctionFacts | undefined => {
    if (!fn?.ops.some((op) => op.load)) return fn;
    const ops: SchemaOp[] = [];
    for (const op of fn.ops) {
      if (!op.load) {
        ops.push(op);
        continue;
      }
      const result = results[next++] as LoadResult;
      if ('ops' in result) spliceFile(ops, op, result.path, result.ops, module);
      else ops.push({ ...unread(op.range, result.message), ...(result.refused ? { refused: true } : {}) });
    }
    return { ...fn, ops };
  };
  const out: MigrationModule = { ...module };
  const upgrade = splice(module.upgrade);
  const downgrade = splice(module.downgrade);
  if (upgrade) out.upgrade = upgrade;
  if (downgrade) out.downgrade = downgrade;
  return out;
}

function spliceFile(
  into: SchemaOp[],
  call: SchemaOp,
  path: string,
  fileOps: readonly SchemaOp[],
  module: MigrationModule,
): void {
  const loadedBy: { file: string; range: Range; revision?: string } = {
    file: module.path,
    range: call.range,
  };
  if (module.revision) loadedBy.revision = module.revision.value;
  let auto = call.inAutocommit === true;
  for (const op of fileOps) {
    const before = auto;
    if (op.transaction === 'end') auto = true;
    else if (op.transaction === 'begin') auto = false;
    const inAuto = op.transaction ? before : auto;
    const copy: SchemaOp = { ...op, file: path, loadedBy };
    if (inAuto) copy.inAutocommit = true;
    else delete copy.inAutocommit;
    // Alembic's op.execute has no way back of its own: a runner's `back` marking does not apply.
    delete copy.back;
    delete copy.wrappedBy;
    into.push(copy);
  }
}

/** The index of what loads what, from the results of each revision that loads files. */
export function indexLoads(entries: readonly { module: string; results: readonly LoadResult[] }[]): SqlLoads {
  const byModule = new Map<string, string[]>();
  const byFile = new Map<string, string[]>();
  for (const { module, results } of entries) {
    const paths = [...new Set(results.flatMap((r) => (r.path === undefined ? [] : [r.path])))];
    if (paths.length === 0) continue;
    byModule.set(module, paths);
    for (const p of paths) {
      const list = byFile.get(p);
      if (list) list.push(module);
      else byFile.set(p, [module]);
    }
  }
  return { byModule, byFile };
}
