import type { Range } from '../finding.js';
import type { FunctionFacts, MigrationModule } from './alembic-module.js';
import { pastLimit } from './refused-file.js';
import type { SchemaOp } from './schema-op.js';
import { type LoadReader, resolve } from './loaded-sql-path.js';
import type { SqlLoadTarget } from './sql-load-target.js';
import { unread } from './sql-text.js';

// The files a revision reads and runs (`op.execute(open(path).read())`, sql-load.ts) belong to
// that revision: their statements take the place of the call in its upgrade() or downgrade(),
// so every MIG rule judges them as the revision runs them (inside its transaction, after what
// it did before). Findings about a statement sit on the statement, in the .sql file, where the
// diff shows it and a `-- slipway: allow` beside it applies; each names the revision and its
// call. A call whose file cannot be judged (outside the repository, missing, unreadable, past
// the SQL size limit) is one error at the call that names the revision and the path.

export type { LoadReader };

/** Which files the history's revisions load, both ways round. */
export interface SqlLoads {
  /** Repository paths each revision loads, by the revision's path. */
  byModule: Map<string, string[]>;
  /** The revisions that load each file, by the file's path. */
  byFile: Map<string, string[]>;
}

/** A file a call runs, read: its statements. `call` counts the revision's loads from 0. */
export interface LoadedFile {
  call: number;
  path: string;
  ops: SchemaOp[];
}

/** A call whose file is not judged: the message for the call, `refused` when it is an error. */
export interface LoadNotJudged {
  call: number;
  path?: string;
  message: string;
  refused: boolean;
}

/** What loading one call's file came to. */
export type LoadResult = LoadedFile | LoadNotJudged;

/** What one call's file (or files, see fromWorkingDirectory) comes to. */
function loadOne(
  target: SqlLoadTarget,
  module: MigrationModule,
  reader: LoadReader,
  call: number,
): LoadResult[] {
  // A read in a loop over literal names: each file in turn, all run by the one call.
  if (target.kind === 'each') return target.targets.flatMap((t) => loadOne(t, module, reader, call));
  const where = resolve(target, module.path, reader);
  if ('paths' in where) return where.paths.map((path) => readLoaded(path, target, module, reader, call));
  if ('path' in where) return [readLoaded(where.path, target, module, reader, call)];
  const who = `Revision ${module.revision?.value ?? module.path}`;
  if ('unresolved' in where)
    return [
      {
        call,
        // A reason, as MIG030 words it for any SQL it cannot read: not an error of its own.
        message: `it runs a file read by \`${target.written}\`, and Slipway cannot tell which file statically (${where.unresolved}); name the file with a path built from literals and \`__file__\`, or loop over a literal list of file names`,
        refused: false,
      },
    ];
  return [
    {
      call,
      message: `${who} runs the SQL in ${where.outside} (read by \`${target.written}\`), which is outside the repository, so Slipway cannot check it; keep the file in the repository beside the revision.`,
      refused: true,
    },
  ];
}

/** One file a call runs: its statements, or why they are not judged. */
function readLoaded(
  path: string,
  target: SqlLoadTarget,
  module: MigrationModule,
  reader: LoadReader,
  call: number,
): LoadResult {
  const who = `Revision ${module.revision?.value ?? module.path}`;
  const text = reader.repo.readFile(path);
  if (text === undefined) {
    const why = reader.repo.whyUnread?.(path);
    return {
      call,
      path,
      message: why
        ? `${who} runs the SQL in ${path}, which Slipway did not read: ${why}.`
        : `${who} runs the SQL in ${path}, which is not in the repository (read by \`${target.written}\`); add the file or fix the path, as the revision fails without it.`,
      refused: true,
    };
  }
  const limit = pastLimit(path, text, 'sql');
  if (limit)
    return { call, path, message: `${who} runs the SQL in ${path}, unchecked: ${limit}`, refused: true };
  return { call, path, ops: reader.ops(path, text) };
}

/** The results of every load a revision makes, upgrade()'s first, in source order. */
export function loadsOf(module: MigrationModule, reader: LoadReader): LoadResult[] {
  const out: LoadResult[] = [];
  let call = 0;
  for (const fn of [module.upgrade, module.downgrade])
    for (const op of fn?.ops ?? []) if (op.load) out.push(...loadOne(op.load, module, reader, call++));
  return out;
}

/** Two results lists stand for the same spliced module: same files, same ops, same messages. */
export function sameResults(a: readonly LoadResult[], b: readonly LoadResult[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as LoadResult;
    const y = b[i] as LoadResult;
    if (x.path !== y.path || x.call !== y.call) return false;
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
  let call = 0;
  const splice = (fn: FunctionFacts | undefined): FunctionFacts | undefined => {
    if (!fn?.ops.some((op) => op.load)) return fn;
    const ops: SchemaOp[] = [];
    for (const op of fn.ops) {
      if (!op.load) {
        ops.push(op);
        continue;
      }
      for (; next < results.length && (results[next] as LoadResult).call === call; next++) {
        const result = results[next] as LoadResult;
        if ('ops' in result) spliceFile(ops, op, result.path, result.ops, module);
        else ops.push({ ...unread(op.range, result.message), ...(result.refused ? { refused: true } : {}) });
      }
      call++;
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
    delete copy.prisma;
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
