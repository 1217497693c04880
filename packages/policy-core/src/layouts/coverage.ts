import { placeOf } from './folder-glob.js';
import type { UnjudgedLayout } from './unjudged-layouts.js';

/** What a check judged, by family, and what it saw and did not judge (the COV family's layouts). */
export interface Coverage {
  /** How many files each family read, by family id; families that read none are left out. */
  judged: Record<string, number>;
  /**
   * Of those, how many a family's rules only searched beside what it judges as its own (the .sql
   * files MIG121 reads outside the migration folders), by family id; absent when none.
   */
  searched?: Record<string, number>;
  /** The layouts seen and not judged; absent when the COV family did not run (the agent gate). */
  notJudged?: UnjudgedLayout[];
}

/** How many layouts the line names before it counts the rest. */
const NAMED = 3;

/**
 * One short line, whatever the repository holds: "coverage: judged MIG 68 files, POL 1; not
 * judged: 277 Django migrations under app/*\/migrations/". Paths in it are the repository's: a
 * renderer escapes the line as it escapes a finding.
 */
export function coverageLine(coverage: Coverage | undefined): string | undefined {
  if (!coverage) return undefined;
  const counts = Object.entries(coverage.judged)
    .filter(([, n]) => n > 0)
    .map(([family, n], i) => {
      const unit = i === 0 ? ` file${n === 1 ? '' : 's'}` : '';
      // "MIG 110" over 55 migrations would read as 110 migrations: what the rest are is said.
      const searched = coverage.searched?.[family] ?? 0;
      const split =
        searched === 0
          ? ''
          : searched < n
            ? ` (${n - searched} of the migrations, ${searched} more its rules searched)`
            : ' (no migrations: files its rules searched)';
      return `${family} ${n}${unit}${split}`;
    });
  const judged = `judged ${counts.length ? counts.join(', ') : 'no files'}`;
  if (!coverage.notJudged) return `coverage: ${judged}`;
  if (coverage.notJudged.length === 0) return `coverage: ${judged}; nothing recognised left unjudged`;
  const named = coverage.notJudged.slice(0, NAMED).map(describeUnjudged);
  const more = coverage.notJudged.length - named.length;
  if (more > 0) named.push(`${more} more layout${more === 1 ? '' : 's'} (listed in the JSON report)`);
  return `coverage: ${judged}; not judged: ${named.join(', ')}`;
}

/** "277 Django migrations under app/*\/migrations/", "1 npm lock (package-lock.json)". */
export function describeUnjudged(layout: UnjudgedLayout): string {
  const { entry, files, unread } = layout;
  const n = files.length;
  const parts: string[] = [];
  if (n > 0) parts.push(`${n} ${n === 1 ? entry.one : entry.name} ${where(files)}`);
  if (unread.length > 0) {
    const u = unread.length;
    const what = n > 0 ? 'more' : `file${u === 1 ? '' : 's'} that may be ${entry.name}`;
    parts.push(
      `${u} ${what} ${where(unread.map((x) => x.path))} seen but not read (${unread[0]?.why}${u > 1 ? ', …' : ''})`,
    );
  }
  return parts.join(' and ');
}

/** Files named by the glob of their folders; by two of their paths when that glob names no folder at all (`**\/`). */
function where(files: readonly string[]): string {
  if (files.length === 1) return `(${placeOf(files)})`;
  const place = placeOf(files);
  if (place !== '**/' && place !== '*/') return `under ${place}`;
  const shown = [...files].sort().slice(0, 2);
  const more = files.length - shown.length;
  return `(${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''})`;
}
