import { LIMITS } from '../limits.js';

/**
 * Drizzle's `meta/_journal.json`: the migrations its migrator runs, in order. drizzle-orm's
 * readMigrationFiles reads `<tag>.sql` for each entry, in the journal's order, and runs those
 * newer than the last recorded; a `.sql` file the journal does not list never runs, and an entry
 * without its file stops the migration ("No file ... found"). Read with bounds
 * (LIMITS.drizzleJournal): a journal a change makes huge or malformed is one clear problem,
 * never a parse that hangs or throws.
 */
export interface DrizzleJournal {
  /** The entries' tags (`0003_add_users`), in the journal's order. */
  tags: string[];
  /** The dialect drizzle-kit wrote (`postgresql`, `mysql`, `sqlite`, …), when there is one. */
  dialect?: string;
}

export type JournalRead = { journal: DrizzleJournal } | { problem: string };

export function readDrizzleJournal(text: string): JournalRead {
  const limit = LIMITS.drizzleJournal;
  if (text.length > limit.chars)
    return {
      problem: `is ${(text.length / 1024 / 1024).toFixed(1)} MB, more than the ${limit.chars / 1024 / 1024} MB Slipway reads of a journal`,
    };
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    return { problem: `is not JSON (${(e as Error).message.slice(0, 120)})` };
  }
  const entries = (root as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries)) return { problem: 'has no `entries` list' };
  if (entries.length > limit.entries)
    return { problem: `lists ${entries.length} migrations, more than the ${limit.entries} Slipway reads` };
  const tags: string[] = [];
  for (const [i, entry] of entries.entries()) {
    const tag = (entry as { tag?: unknown } | null)?.tag;
    // A tag names a file beside the journal's folder: no path of its own, nothing outside it.
    if (typeof tag !== 'string' || tag === '' || /[/\\]|^\.\.?$/.test(tag))
      return { problem: `entry ${i} has no usable \`tag\` (a migration's file name without .sql)` };
    tags.push(tag);
  }
  const dialect = (root as { dialect?: unknown }).dialect;
  return { journal: { tags, ...(typeof dialect === 'string' ? { dialect } : {}) } };
}
