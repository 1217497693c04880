import * as z from 'zod/mini';
import { repoPath } from './repo-path.js';

/**
 * `migrations.typeorm`'s value. TypeORM runs every class a DataSource's `migrations` option lists
 * as one series, ordered by the timestamp ending each class name, wherever the classes live:
 * Flowise's `postgresMigrations` array spreads the enterprise folder's classes among its own. A
 * folder is its own series (as before); `{ folders: [...] }` names the folders of one such series.
 */
export const typeormSeriesEntry = z.strictObject({
  folders: z
    .array(repoPath())
    .check(z.minLength(1, 'a series needs at least one folder: list the folders its DataSource draws on')),
});

export type TypeormSeriesEntry = z.infer<typeof typeormSeriesEntry>;

const SERIES = '`{ folders: [...] }` naming the folders of one series';

/** What is wrong with an entry that is neither a folder nor a series, said of the entry itself. */
function entryProblem(e: unknown): string | undefined {
  if (typeof e === 'string') return undefined;
  if (e === null || typeof e !== 'object' || Array.isArray(e))
    return `${JSON.stringify(e) ?? String(e)} is neither a folder nor ${SERIES}`;
  const other = Object.keys(e).filter((k) => k !== 'folders');
  if (other.length > 0)
    return `a series takes only \`folders\` (not ${other.map((k) => `\`${k}\``).join(', ')}): ${SERIES}`;
  const folders = (e as { folders?: unknown }).folders;
  if (!Array.isArray(folders) || folders.some((f) => typeof f !== 'string'))
    return '`folders` is a list of folders (strings)';
  return undefined;
}

/**
 * The one message a value no branch takes gets, at the key: zod's union would say only "Invalid
 * input", or name the first branch's complaint about a value meant for another.
 */
function problemOf(value: unknown): string {
  if (!Array.isArray(value))
    return entryProblem(value) ?? `expected a folder, a list of folders (each its own series), or ${SERIES}`;
  const i = value.findIndex((e) => entryProblem(e) !== undefined);
  return i < 0 ? `expected a list of folders or series` : `item ${i + 1}: ${entryProblem(value[i])}`;
}

/** A folder, or one series of several folders. */
const entry = z.union([repoPath(), typeormSeriesEntry], { error: (issue) => problemOf(issue.input) });

export const typeormFolders = z
  .union([repoPath(), typeormSeriesEntry, z.array(entry).check(z.minLength(1))], {
    error: (issue) => problemOf(issue.input),
  })
  .check(
    // A folder read twice would put its migrations in two series, or twice in one: its classes
    // would be duplicate revisions, and TypeORM itself refuses duplicate migration names.
    z.superRefine((value, ctx) => {
      const seen = new Set<string>();
      const entries = Array.isArray(value) ? value : [value];
      entries.forEach((e, i) => {
        const folders = typeof e === 'string' ? [e] : e.folders;
        folders.forEach((folder, j) => {
          const key = folder.replace(/\/+$/, '').replace(/^\.\//, '');
          if (!seen.has(key)) {
            seen.add(key);
            return;
          }
          const at = typeof e === 'string' ? [] : ['folders', j];
          ctx.addIssue({
            code: 'custom',
            message: `\`${folder}\` is named twice; each folder belongs to one series, so name it once`,
            path: Array.isArray(value) ? [i, ...at] : at,
          });
        });
      });
    }),
  );

export type TypeormFolders = z.infer<typeof typeormFolders>;
