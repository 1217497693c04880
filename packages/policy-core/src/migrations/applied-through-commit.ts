import type { FileVersion, RepoView } from '../repo.js';
import { listed, plural } from './applied-note-words.js';
import type { ImportedValues } from './js-import-changes.js';

/** How many of the policy file's versions are read back for the commit that set an entry. */
export const MAX_POLICY_VERSIONS = 500;

/**
 * `migrations.applied_through` says "this migration and every one ordered before it has run".
 * Order alone would hand history status to a migration added later under an earlier name
 * (`0005a_drop_orders.sql` beside `0010_…` named in the policy) or to an old one edited since:
 * `check --tree` and the first promote would then skip the rules that judge what running it
 * does. The entry was true when it was committed, so only the migrations the commit that set it
 * held, unchanged since, are history; the others are judged, and a note names them.
 */
export interface RanWhenSet {
  files: Set<string>;
  notes: string[];
}

/**
 * `found`: each entry with the files order puts at or before it. `loads`: the files a revision
 * reads (a changed one changes what it runs). `imports`: the values JS/TS migrations take from
 * the repository's modules (one that changed changes what it runs). Without git (a browser, an
 * editor buffer) the order decides, as it must.
 */
export function ranWhenSet(
  policyFile: string,
  found: ReadonlyMap<string, ReadonlySet<string>>,
  loads: ReadonlyMap<string, readonly string[]>,
  repo: RepoView,
  imports?: ImportedValues,
): RanWhenSet {
  const git = repo.git;
  const all = new Set([...found.values()].flatMap((s) => [...s]));
  if (!git?.versionsOf || !git.readFilesAt) return { files: all, notes: [] };
  const versions = git.versionsOf(policyFile, MAX_POLICY_VERSIONS);
  const files = new Set<string>();
  const notes: string[] = [];
  const uncommitted: string[] = [];
  const judged: { entry: string; at: string; added: string[]; edited: string[] }[] = [];
  for (const [entry, paths] of found) {
    const version = commitSetting(entry, versions);
    const commit = version?.commit;
    if (commit === undefined) {
      uncommitted.push(entry);
      for (const p of paths) files.add(p);
      continue;
    }
    const asked = [
      ...paths,
      ...[...paths].flatMap((p) => [...(loads.get(p) ?? []), ...(imports?.modulesOf(p) ?? [])]),
    ];
    const then = git.readFilesAt(commit, asked) ?? new Map<string, string>();
    const unchanged = (p: string) => then.get(p) !== undefined && then.get(p) === repo.readFile(p);
    const verdict = { entry, at: commit.slice(0, 12), added: [] as string[], edited: [] as string[] };
    for (const p of [...paths].sort()) {
      if (!then.has(p)) verdict.added.push(p);
      else if (
        !unchanged(p) ||
        (loads.get(p) ?? []).some((l) => !unchanged(l)) ||
        imports?.changedSince(p, then) === true
      )
        verdict.edited.push(p);
      else files.add(p);
    }
    judged.push(verdict);
    if (version?.cut)
      notes.push(
        `this clone's history stops at ${verdict.at}, which holds migrations.applied_through "${entry}": it may have been set earlier, when fewer migrations existed; what ${verdict.at} holds is taken as run (fetch the whole history, fetch-depth: 0, for a true answer)`,
      );
  }
  // Another entry's commit may hold what this one's did not: only what no entry vouches for is said.
  for (const { entry, at, added: a, edited: e } of judged) {
    const added = a.filter((p) => !files.has(p));
    const edited = e.filter((p) => !files.has(p));
    if (added.length > 0)
      notes.push(
        `${plural(added.length, 'migration')} ordered at or before migrations.applied_through "${entry}" ${were(added)} not in ${at}, the commit that set it, and ${added.length === 1 ? 'is' : 'are'} judged (added since: an earlier name does not make a migration run): ${listed(added)}`,
      );
    if (edited.length > 0)
      notes.push(
        `${plural(edited.length, 'migration')} at or before migrations.applied_through "${entry}" edited since ${at}, the commit that set it, ${edited.length === 1 ? 'is' : 'are'} judged again (the edit never ran): ${listed(edited)}`,
      );
  }
  if (uncommitted.length > 0)
    notes.push(
      `migrations.applied_through ${uncommitted.length === 1 ? `"${uncommitted[0]}" is` : `(${listed(uncommitted)}) are`} in no commit of ${policyFile} (not committed yet, or set by the policy it extends): every migration ordered at or before it is taken as run; once committed, only those the commit that set it held`,
    );
  return { files, notes };
}

/**
 * The oldest commit of the newest unbroken run of the policy's versions that hold `entry`
 * (undefined when the newest committed version does not: the entry is not committed).
 */
function commitSetting(entry: string, versions: readonly FileVersion[]): FileVersion | undefined {
  let setBy: FileVersion | undefined;
  for (const v of versions) {
    if (v.text === undefined || !holds(v.text, entry)) break;
    setBy = v;
  }
  return setBy;
}

/**
 * True when that version of the policy names `entry`, as text: the policy's parser is not loaded
 * here (the migration readers' worker bundle would carry it). A version that only mentions it
 * (a comment) stretches the run back to an older commit, which vouches for fewer files: the
 * mistake judges more, never less.
 */
function holds(text: string, entry: string): boolean {
  return text.includes(entry);
}

const were = (xs: readonly string[]) => (xs.length === 1 ? 'was' : 'were');
