import * as z from 'zod/mini';
import { repoPath } from './repo-path.js';
import { withoutTrailingSlashes } from '../../trailing-slashes.js';

/**
 * `migrations.typeorm`'s and `migrations.knex`'s value: a folder, a list of folders (each its own
 * series, as before), or `{ folders: [...] }` naming the folders of ONE series. TypeORM runs every
 * class a DataSource's `migrations` option lists as one series, ordered by the timestamp ending each
 * class name, wherever the classes live (Flowise's `postgresMigrations` array spreads the enterprise
 * folder's classes among its own). Knex runs every folder of a knexfile's `migrations.directory`
 * list as one series with one `knex_migrations` table: by file name across all of them, or folder
 * by folder with `sortDirsSeparately: true` (`sort_dirs_separately: true` here).
 */
const folders = z
  .array(repoPath())
  .check(z.minLength(1, 'a series needs at least one folder: list the folders its config draws on'));

const typeormSeries = z.strictObject({ folders });
const knexSeries = z.strictObject({ folders, sort_dirs_separately: z.optional(z.boolean()) });

type Tool = 'typeorm' | 'knex';
const KEYS: Record<Tool, readonly string[]> = {
  typeorm: ['folders'],
  knex: ['folders', 'sort_dirs_separately'],
};

/** What is wrong with an entry that is neither a folder nor a series, said of the entry itself. */
function entryProblem(tool: Tool, e: unknown): string | undefined {
  const series = `\`{ folders: [...] }\` naming the folders of one series`;
  if (typeof e === 'string') return undefined;
  if (e === null || typeof e !== 'object' || Array.isArray(e))
    return `${JSON.stringify(e) ?? String(e)} is neither a folder nor ${series}`;
  const other = Object.keys(e).filter((k) => !KEYS[tool].includes(k));
  if (other.length > 0)
    return `a series takes only ${KEYS[tool].map((k) => `\`${k}\``).join(' and ')} (not ${other.map((k) => `\`${k}\``).join(', ')}): ${series}`;
  const listed = (e as { folders?: unknown }).folders;
  if (!Array.isArray(listed) || listed.some((f) => typeof f !== 'string'))
    return '`folders` is a list of folders (strings)';
  const separately = (e as { sort_dirs_separately?: unknown }).sort_dirs_separately;
  if (separately !== undefined && typeof separately !== 'boolean')
    return "`sort_dirs_separately` is true (folder by folder, as Knex's `sortDirsSeparately: true`) or false";
  return undefined;
}

/**
 * The one message a value no branch takes gets, at the key: zod's union would say only "Invalid
 * input", or name the first branch's complaint about a value meant for another.
 */
function problemOf(tool: Tool, value: unknown): string {
  if (!Array.isArray(value))
    return (
      entryProblem(tool, value) ??
      'expected a folder, a list of folders (each its own series), or `{ folders: [...] }` naming the folders of one series'
    );
  const i = value.findIndex((e) => entryProblem(tool, e) !== undefined);
  return i < 0 ? 'expected a list of folders or series' : `item ${i + 1}: ${entryProblem(tool, value[i])}`;
}

/** The schema of one tool's value: a folder, one series of several folders, or a list of them. */
function seriesFolders<S extends typeof typeormSeries | typeof knexSeries>(tool: Tool, series: S) {
  const error = (issue: { input: unknown }) => problemOf(tool, issue.input);
  const entry = z.union([repoPath(), series], { error });
  return z.union([repoPath(), series, z.array(entry).check(z.minLength(1))], { error }).check(
    // A folder read twice would put its migrations in two series, or twice in one: its files
    // would be duplicate revisions (TypeORM itself refuses duplicate migration names).
    z.superRefine((value, ctx) => {
      const seen = new Set<string>();
      const entries = Array.isArray(value) ? value : [value];
      entries.forEach((e, i) => {
        const named = typeof e === 'string' ? [e] : e.folders;
        named.forEach((folder, j) => {
          const key = withoutTrailingSlashes(folder).replace(/^\.\//, '');
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
}

export const typeormFolders = seriesFolders('typeorm', typeormSeries);
export const knexFolders = seriesFolders('knex', knexSeries);
