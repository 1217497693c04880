import { dependencyPairs, initPythonParser, sqlRollbackNotes } from '../../index.js';
import type { DeployState } from './deploy-state.js';
import { commitExists } from './git-ops.js';
import type { OperationContext } from './operation.js';
import { alembicNotes, alembicRoots } from './rollback-notes-alembic.js';
import { listCommitFiles } from '../fs-repo.js';
import { splitZ } from '../git/path-bytes.js';
import { readCommitSlices } from './rollback-notes-git.js';
import { lockNotes } from './rollback-notes-locks.js';

/**
 * What an application rollback does not undo, or must match: Alembic revisions and .sql
 * migrations added since the target (the database stays at them; undo them first if the old code
 * cannot run on the new schema) and the package changes of each dependency lock (a rollback deploys the target's
 * own lock). One line per string; a line starting with two spaces belongs to the note above it.
 */
export async function rollbackNotes(
  ctx: OperationContext,
  _state: DeployState,
  current: string,
  target: string,
): Promise<string[]> {
  if (!(await commitExists(ctx.root, current))) {
    return [
      `unknown: ${current.slice(0, 12)} (what the record says runs now) is not a commit in this repository, so the migrations and lock changes the rollback leaves behind cannot be listed; fetch it to see them`,
    ];
  }
  if (current === target) return [];
  const policy = ctx.doc.policy;
  const roots = alembicRoots(policy);
  // Two pairs may share a lock (prod and dev requirements locked together): one note for it.
  const byLock = new Map(dependencyPairs(policy).map(({ pair }) => [pair.lock, pair]));
  const pairs = [...byLock.values()];
  const locks = [...byLock.keys()];
  const sql = policy.migrations?.sql?.length ? policy.migrations : undefined;
  if (roots.length === 0 && locks.length === 0 && !sql) return [];
  try {
    const [slices, sqlLines] = await Promise.all([
      readCommitSlices(ctx.root, [target, current], [...roots, ...locks]),
      sql ? sqlNotes(ctx.root, sql, target, current) : [],
      roots.length > 0 ? initPythonParser() : undefined,
    ]);
    const [then, now] = slices as [(typeof slices)[0], (typeof slices)[0]];
    return [
      ...alembicNotes(roots, then.repo, now.repo, target),
      ...sqlLines,
      ...lockNotes(pairs, then, now, target, current, ctx.env),
    ];
  } catch (err) {
    // The notes inform the rollback; a git failure reading them must not stop it.
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return [
      `unknown: the migrations and lock changes between ${target.slice(0, 12)} and ${current.slice(0, 12)} could not be read (${why}); compare them by hand`,
    ];
  }
}

/** Runners that keep a file's way back in a Down section of the file itself: its text is read. */
const SECTION_RUNNERS = new Set(['goose', 'sql-migrate', 'dbmate']);
/** Past this many new .sql files their texts are not read (each is a command-line argument): each says so. */
const MAX_READ = 1_000;

/** The .sql migrations added since the target (sqlRollbackNotes), from the two commits' file lists. */
async function sqlNotes(
  root: string,
  section: NonNullable<OperationContext['doc']['policy']['migrations']>,
  target: string,
  current: string,
): Promise<string[]> {
  const [then, now] = (
    await Promise.all([listCommitFiles(root, target), listCommitFiles(root, current)])
  ).map(splitZ) as [string[], string[]];
  const had = new Set(then);
  const fresh = now.filter((f) => f.endsWith('.sql') && !had.has(f));
  const texts =
    SECTION_RUNNERS.has(section.sql_runner ?? 'plain') && fresh.length <= MAX_READ
      ? (await readCommitSlices(root, [current], fresh))[0]?.repo
      : undefined;
  const view = {
    listFiles: () => now,
    readFile: (p: string) => texts?.readFile(p),
  };
  return sqlRollbackNotes(section, then, view, target);
}
