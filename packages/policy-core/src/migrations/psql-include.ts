import type { RepoView } from '../repo.js';
import { pastLimit } from './refused-file.js';
import type { SchemaOp } from './schema-op.js';
import { unread } from './sql-text.js';

/**
 * psql's `\i file` / `\ir file` run another file's statements where the command stands
 * (psql-meta-ops.ts marks it). They are judged there, as the statements of a file an Alembic
 * revision loads are (loaded-sql.ts): placed in their own file, marked with the migration and the
 * command that runs them, and a change to the file is a change to the migration. Followed to
 * MAX_DEPTH files deep; what cannot be followed (outside the repository, missing, unread, a loop,
 * deeper) is one error at the command, naming the file, since its statements run unseen.
 *
 * `\ir` reads from the including file's folder; `\i` from the directory psql runs in, which the
 * file cannot say: the repository's root, where a runner is usually started, else the folder.
 */
export const MAX_DEPTH = 8;

export interface IncludeReader {
  repo: RepoView;
  /** A file's ops as psql runs it (the analyzer's cached read under `plain`). */
  ops(path: string, text: string): SchemaOp[];
}

export interface Included {
  ops: SchemaOp[];
  /** Every file read in, at any depth (for the change's scope). */
  files: string[];
}

/** The migration's ops with each include replaced by what it runs; `ops` itself when it has none. */
export function withIncludes(path: string, ops: SchemaOp[], reader: IncludeReader): Included {
  if (!ops.some((op) => op.include)) return { ops, files: [] };
  const files: string[] = [];
  const out: SchemaOp[] = [];
  splice(out, ops, path, [path], reader, files, undefined);
  return { ops: out, files };
}

function splice(
  out: SchemaOp[],
  ops: readonly SchemaOp[],
  file: string,
  chain: readonly string[],
  reader: IncludeReader,
  files: string[],
  top: SchemaOp['loadedBy'],
): void {
  const migration = chain[0] as string;
  for (const op of ops) {
    if (!op.include) {
      out.push(top ? { ...op, file, loadedBy: top } : op);
      continue;
    }
    const by = top ?? { file: migration, range: op.range };
    const refuse = (why: string) =>
      out.push({
        ...unread(
          by.range,
          `${migration} runs \`${op.label}\`${chain.length > 1 ? ` (from ${file})` : ''}, ${why}`,
        ),
        source: 'sql',
        label: op.label,
        refused: true,
      });
    const target = resolve(op.include, file, reader.repo);
    if ('outside' in target) {
      refuse(`a file outside the repository, so Slipway cannot check it; keep the file in the repository.`);
      continue;
    }
    if ('missing' in target) {
      refuse(
        `a file that is not in the repository (${target.missing}); add it or fix the path, as psql stops without it.`,
      );
      continue;
    }
    if (chain.includes(target.path)) {
      refuse(
        `which includes itself (${[...chain, target.path].join(' -> ')}); psql would loop until it fails.`,
      );
      continue;
    }
    if (chain.length > MAX_DEPTH) {
      refuse(`files more than ${MAX_DEPTH} deep, which Slipway does not follow; include fewer levels.`);
      continue;
    }
    const text = reader.repo.readFile(target.path);
    const why =
      text === undefined ? reader.repo.whyUnread?.(target.path) : pastLimit(target.path, text, 'sql');
    files.push(target.path);
    if (text === undefined || why !== undefined) {
      refuse(`which Slipway did not read: ${why ?? `${target.path} cannot be read`}.`);
      continue;
    }
    splice(out, reader.ops(target.path, text), target.path, [...chain, target.path], reader, files, by);
  }
}

/** Where an include leads: a repository path, or why it leads nowhere Slipway reads. */
function resolve(
  include: NonNullable<SchemaOp['include']>,
  from: string,
  repo: RepoView,
): { path: string } | { outside: true } | { missing: string } {
  if (/^(?:[\\/]|[A-Za-z]:[\\/]|~)/.test(include.path)) return { outside: true };
  const folder = from.includes('/') ? from.slice(0, from.lastIndexOf('/')) : '';
  const candidates = include.relative
    ? [join(folder, include.path)]
    : [join('', include.path), join(folder, include.path)];
  const inside = [...new Set(candidates.filter((c): c is string => c !== undefined))];
  if (inside.length === 0) return { outside: true };
  for (const path of inside)
    if (repo.readFile(path) !== undefined || repo.whyUnread?.(path) !== undefined) return { path };
  return { missing: inside.join(' or ') };
}

/** `rel` read from `folder` as one repository path; undefined when it climbs out of the repository. */
function join(folder: string, rel: string): string | undefined {
  const out = folder === '' ? [] : folder.split('/');
  for (const part of rel.split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part !== '..') out.push(part);
    else if (out.pop() === undefined) return undefined;
  }
  return out.length === 0 ? undefined : out.join('/');
}
